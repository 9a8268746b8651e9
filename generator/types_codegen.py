"""Pydantic v2 models for `components/schemas`, written by datamodel-code-generator.

We hand it only the schemas (not the paths: parameters and operations are ours to render) and
ask for models on the package's own `BaseModel`, which adds forward-compatible parsing and the
response's request id. Its formatter is switched off; black runs over every file later.
"""

from __future__ import annotations

import json

import datamodel_code_generator as dcg
from datamodel_code_generator import InputFileType, LiteralType, PythonVersion
from datamodel_code_generator.enums import DataModelType

from generator.errors import StageError

# datamodel-code-generator accepts only an absolute import path for the base class; it is
# printed under this placeholder and rewritten to the package-relative import afterwards.
_PLACEHOLDER_IMPORT = "from _generator_placeholder._models import BaseModel"
_RELATIVE_IMPORT = "from ._models import BaseModel"


def generate_models(spec: dict[str, object], header: str) -> str:
    components = spec.get("components")
    schemas = components.get("schemas", {}) if isinstance(components, dict) else {}
    document = {
        "openapi": spec["openapi"],
        "info": {"title": "models", "version": "0"},
        "paths": {},
        "components": {"schemas": schemas},
    }
    try:
        source = dcg.generate(
            json.dumps(document),
            input_file_type=InputFileType.OpenAPI,
            output_model_type=DataModelType.PydanticV2BaseModel,
            target_python_version=PythonVersion.PY_311,
            base_class="_generator_placeholder._models.BaseModel",
            custom_file_header=header,
            disable_timestamp=True,
            use_annotated=True,
            use_union_operator=True,
            use_standard_collections=True,
            use_schema_description=True,
            use_field_description=True,
            use_type_alias=True,
            enum_field_as_literal=LiteralType.All,
            use_double_quotes=True,
            formatters=[],
        )
    except Exception as exc:  # the library raises many types; each is a stage failure here
        raise StageError("datamodel-code-generator", "types.py", f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(source, str):
        raise StageError("datamodel-code-generator", "types.py", "expected one module of models")
    return source.replace(_PLACEHOLDER_IMPORT, _RELATIVE_IMPORT)
