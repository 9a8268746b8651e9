"""The package's data types, printed by datamodel-code-generator from the model's schemas.

`build.models` decided which schemas go where; this prints them: `types` as pydantic v2 models
on the package's own `BaseModel` (which keeps unknown fields and the response's request id),
`params` as TypedDicts. datamodel-code-generator's formatter is off; black runs over every
printed module afterwards.

datamodel-code-generator's output is kept (`store`, under `models/`) by a digest of exactly
what it is given (the document, every option) and its version, so a module whose schemas did
not change is not printed again, and the library (about a third of a small run's imports) is
imported only when one did.
"""

from __future__ import annotations

import ast
import json
import warnings
from collections.abc import Mapping
from importlib import metadata

from generator import store
from generator.errors import StageError
from generator.imports import Import, sort_import_block
from generator.model import ModelModule
from generator.pycode import python_string

# datamodel-code-generator accepts only an absolute import path for the base class; it is
# printed under this placeholder and rewritten to the package-relative import afterwards.
_PLACEHOLDER_MODULE = "_generator_placeholder._models"
_PLACEHOLDER_IMPORT = f"from {_PLACEHOLDER_MODULE} import BaseModel"
_RELATIVE_IMPORT = "from ._models import BaseModel"


def print_models(module: ModelModule, header: str) -> str:
    """The source of `module`: `header` (comments and docstring), then its classes."""
    if not module.schemas:  # datamodel-code-generator refuses an input without models
        return f"{header}\n# The spec defines no schemas.\n"
    if module.name == "params":
        return sort_import_block(_generate(module, header, "typing.TypedDict", {}))
    source = _generate(
        module,
        header,
        "pydantic_v2.BaseModel",
        {"base_class": f"{_PLACEHOLDER_MODULE}.BaseModel"},
    )
    source = source.replace(_PLACEHOLDER_IMPORT, _RELATIVE_IMPORT)
    if module.unknown_variants:
        source = _placeholder_tags(source, module.unknown_variants)
        extra = (Import("typing", "TYPE_CHECKING"), Import("typing", "Literal"))
        return sort_import_block(source, extra)
    return sort_import_block(source)


def _placeholder_tags(source: str, placeholders: Mapping[str, str]) -> str:
    """Each `Unknown<Name>` class with its tag field typed, for type checkers only, as the
    placeholder literal: at run time it stays the pattern-checked string it is.

        if TYPE_CHECKING:
            type: Literal["unknown"]
        else:
            type: Annotated[str, Field(pattern=...)]
    """
    lines = source.split("\n")
    for node in reversed(ast.parse(source).body):
        if not isinstance(node, ast.ClassDef) or node.name not in placeholders:
            continue
        # The fallback schema has one property, the tag: its class has one annotated field.
        (field,) = [s for s in node.body if isinstance(s, ast.AnnAssign)]
        assert isinstance(field.target, ast.Name)
        indent = " " * field.col_offset
        written = lines[field.lineno - 1 : field.end_lineno]
        literal = python_string(placeholders[node.name])
        lines[field.lineno - 1 : field.end_lineno] = [
            f"{indent}if TYPE_CHECKING:",
            f"{indent}    {field.target.id}: Literal[{literal}]",
            f"{indent}else:",
            *(f"    {line}" for line in written),
        ]
    return "\n".join(lines)


#: datamodel-code-generator's options for every module, beside `output_model_type` and the
#: module's own; enum options by their values (`InputFileType.OpenAPI` is "openapi").
_OPTIONS: dict[str, object] = {
    "input_file_type": "openapi",
    "target_python_version": "3.11",
    "disable_timestamp": True,
    "use_annotated": True,
    "use_union_operator": True,
    "use_standard_collections": True,
    "use_schema_description": True,
    "use_field_description": True,
    "use_type_alias": True,
    "enum_field_as_literal": "all",
    "use_double_quotes": True,
    "formatters": [],
    "strict_refs": True,  # a dangling $ref is our bug: fail, never fall back to Any
}


def _generate(module: ModelModule, header: str, model_type: str, options: dict[str, object]) -> str:
    """datamodel-code-generator's module for `module`, from the store when it printed the same
    input before."""
    document = json.dumps(
        {
            "openapi": module.openapi,
            "info": {"title": "models", "version": "0"},
            "paths": {},
            "components": {"schemas": module.schemas},
        }
    )
    arguments = {
        **_OPTIONS,
        "output_model_type": model_type,
        "custom_file_header": header,
        **options,
    }
    key = store.digest((_version(), json.dumps(arguments, sort_keys=True), document))
    source = store.read("models", key)
    if source is None:
        source = _run(document, arguments, f"{module.name}.py")
        store.write("models", key, source)
    return source


def _version() -> str:
    try:
        return metadata.version("datamodel-code-generator")
    except metadata.PackageNotFoundError:
        return "unknown"


def _run(document: str, arguments: dict[str, object], target: str) -> str:
    import datamodel_code_generator as dcg
    from datamodel_code_generator import InputFileType, LiteralType, PythonVersion
    from datamodel_code_generator.enums import DataModelType

    enums = {
        "input_file_type": InputFileType,
        "target_python_version": PythonVersion,
        "enum_field_as_literal": LiteralType,
        "output_model_type": DataModelType,
    }
    typed = {
        name: enums[name](value) if name in enums else value for name, value in arguments.items()
    }
    try:
        with warnings.catch_warnings():
            # Its warnings name no place in the spec, and say nothing the output gets wrong:
            # a `format` it does not know (`phone-number`) is typed as its `type` says, as the
            # spec means, and a constraint it drops (a URL's `maxLength`) is the server's to
            # check.
            warnings.simplefilter("ignore", UserWarning)
            source = dcg.generate(document, **typed)  # type: ignore[arg-type]
    except Exception as exc:  # the library raises many types; each is a stage failure here
        raise StageError(
            "datamodel-code-generator", target, f"{type(exc).__name__}: {exc}"
        ) from exc
    if not isinstance(source, str):
        raise StageError("datamodel-code-generator", target, "expected one module")
    return source
