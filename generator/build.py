"""Build the intermediate model (`generator.model`) from a validated spec and SDK config.

Every naming and typing decision is made here, with located errors for what cannot be
expressed; the templates only print what this module decided.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator import __version__
from generator.errors import Diagnostic, SpecError
from generator.load import Document, JSONPath, section
from generator.model import (
    Api,
    ClientConfig,
    ErrorClass,
    Method,
    Operation,
    Parameter,
    ParameterLocation,
    Resource,
    ResponseShape,
)
from generator.pycode import python_string
from generator.refs import pointer_path, resolve
from generator.sdk_config import SdkConfig, is_identifier
from generator.types_codegen import unknown_variant_name
from generator.validate import operations

#: Per-call keyword arguments every method takes; a spec parameter may not take these names.
CALL_OPTIONS = ("extra_headers", "extra_query", "timeout", "max_retries")
#: Attributes of generated resources and clients that a resource or method may not shadow.
RESERVED_ATTRIBUTES = frozenset(
    {
        "with_options",
        "with_raw_response",
        "close",
        "api_key",
        "base_url",
        "timeout",
        "max_retries",
        "request",
        "stream_jsonl",
    }
)
_SCHEMA_PREFIX = ("components", "schemas")
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")
_SCALAR_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
_PARAMETER_LOCATIONS: tuple[ParameterLocation, ...] = ("path", "query", "header")


def snake_case(name: str) -> str:
    """`anthropic-beta` -> `anthropic_beta`, `beforeId` -> `before_id`."""
    return _NOT_WORD.sub("_", _CAMEL_BOUNDARY.sub("_", name)).strip("_").lower()


def python_name_for(wire_name: str, override: object) -> object:
    """The argument name for a wire name: `x-python-name` if set, else its snake case, with a
    trailing underscore for a keyword or `self` (`class` -> `class_`, as PEP 8 suggests)."""
    if override is not None:
        return override
    name = snake_case(wire_name)
    return f"{name}_" if keyword.iskeyword(name) or name == "self" else name


def pascal_case(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in snake_case(name).split("_"))


#: The runtime modules and names a method of each response kind needs.
RUNTIME_IMPORTS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "page": (("_pagination", ("AsyncCursorPager", "SyncCursorPage")),),
    "jsonl": (("_streaming", ("AsyncJSONLStream", "SyncJSONLStream")),),
}
JSON_MEDIA_TYPES = ("application/json",)
JSONL_MEDIA_TYPES = ("application/x-jsonl", "application/jsonl", "application/x-ndjson")


@dataclass(frozen=True)
class _Found:
    """An operation built from the spec, with what its method's module must import."""

    operation: Operation
    type_imports: set[str]
    param_imports: set[str]
    runtime_imports: tuple[tuple[str, tuple[str, ...]], ...]
    where: JSONPath


@dataclass
class _Node:
    """A resource while the tree is being assembled from dotted method paths."""

    name: str
    path: tuple[str, ...]
    where: JSONPath
    methods: list[Method] = field(default_factory=list)
    children: dict[str, _Node] = field(default_factory=dict)


class _Builder:
    def __init__(self, spec: Document, sdk_document: Document, config: SdkConfig) -> None:
        self.spec = spec
        self.sdk_document = sdk_document
        self.config = config
        self.problems: list[Diagnostic] = []
        self._failed: set[str] = set()

    def fail(self, document: Document, where: JSONPath, message: str) -> None:
        self.problems.append(Diagnostic(document.locate(where), message))

    def build(self, spec_sha256: str) -> Api:
        data = self.spec.data
        assert isinstance(data, dict)
        info = data.get("info", {})
        schema_names = self._schema_names()
        operations_by_id = self._operations()
        tree = self._resource_tree(operations_by_id)
        self._check_client_names(tree)
        self._check_schema_shadowing(tree, schema_names)
        if self.problems:
            raise SpecError(self.problems)
        return Api(
            package=self.config.package,
            version=self.config.version,
            title=str(info.get("title", "")),
            description=str(info.get("description", "")),
            generator=f"generator {__version__}",
            spec_sha256=spec_sha256,
            client=self._client_config(),
            error_base=self.config.error_base,
            errors=self._errors(),
            resources=tuple(self._resource(node) for node in tree.children.values()),
            pagination=self.config.pagination,
        )

    # -- schemas --------------------------------------------------------------------------

    def _schema_names(self) -> tuple[str, ...]:
        schemas = section(self.spec.data, "components", "schemas")
        names = []
        for name in schemas:
            if not is_identifier(name) or name in RESERVED_MODULE_NAMES:
                self.fail(
                    self.spec,
                    (*_SCHEMA_PREFIX, name),
                    f"schema name {name!r} must be a Python identifier that is not one of the "
                    f"names generated modules use ({', '.join(sorted(RESERVED_MODULE_NAMES))})",
                )
            names.append(name)
        return tuple(names)

    def annotation(
        self, schema: object, where: JSONPath, in_body: bool = False
    ) -> tuple[str, set[str]]:
        """The Python type of a parameter or body property, and the models it names.

        Inline objects are allowed in a JSON body only: a query or header has no encoding
        for them here.
        """
        if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            target = pointer_path(schema["$ref"])
            if target and len(target) == 3 and target[:2] == _SCHEMA_PREFIX:
                named, _ = resolve(self.spec, schema, where)
                if not in_body and _is_object(named):
                    raise SpecError.at(
                        self.spec.locate((*where, "$ref")),
                        f"{target[2]} is an object, which has no encoding as a query, header or "
                        "path parameter here; send it in a JSON body",
                    )
                return str(target[2]), {str(target[2])}
        resolved, where = resolve(self.spec, schema, where)
        if not isinstance(resolved, dict):
            raise SpecError.at(self.spec.locate(where), "a schema must be a mapping")
        if "enum" in resolved or "const" in resolved:
            values = resolved["enum"] if "enum" in resolved else [resolved["const"]]
            if (
                not isinstance(values, list)
                or not values
                or not all(
                    isinstance(value, str | int) and not isinstance(value, bool) for value in values
                )
            ):
                raise SpecError.at(
                    self.spec.locate(where), "only string and integer enums are supported here"
                )
            literals = ", ".join(python_string(v) if isinstance(v, str) else str(v) for v in values)
            return f"Literal[{literals}]", set()
        for combinator in ("anyOf", "oneOf"):
            if isinstance(resolved.get(combinator), list):
                parts = [
                    self.annotation(option, (*where, combinator, index), in_body)
                    for index, option in enumerate(resolved[combinator])
                ]
                return " | ".join(p[0] for p in parts), set().union(*(p[1] for p in parts))
        kind = resolved.get("type")
        if isinstance(kind, list) and "null" in kind and len(kind) == 2:
            other = next(k for k in kind if k != "null")
            inner, models = self.annotation({**resolved, "type": other}, where, in_body)
            return f"{inner} | None", models
        if resolved.get("nullable") is True:  # OpenAPI 3.0's spelling of the same
            inner, models = self.annotation(
                {k: v for k, v in resolved.items() if k != "nullable"}, where, in_body
            )
            return f"{inner} | None", models
        if kind == "array":
            item, models = self.annotation(resolved.get("items", {}), (*where, "items"), in_body)
            return f"Sequence[{item}]", models
        if isinstance(kind, str) and kind in _SCALAR_TYPES:
            return _SCALAR_TYPES[kind], set()
        if kind == "null":
            return "None", set()
        if kind == "object" and in_body:
            # An inline object has no class of its own to name; a named schema gets one.
            return "dict[str, object]", set()
        raise SpecError.at(
            self.spec.locate(where),
            f"unsupported schema here (type {kind!r}): use a string, integer, number, boolean, "
            "enum, array or free-form object, or `$ref` a named schema",
        )

    # -- operations -----------------------------------------------------------------------

    def _operations(self) -> dict[str, _Found]:
        found = {}
        for path_key, http_method, raw, where in operations(self.spec):
            try:
                result = self._operation(path_key, http_method, raw, where)
            except SpecError as error:
                # Its own error is reported; methods mapped to it are not reported again.
                self._failed.add(str(raw.get("operationId")))
                self.problems.extend(error.diagnostics)
                continue
            found[result.operation.operation_id] = result
        return found

    def _operation(
        self, path_key: str, http_method: str, raw: dict[str, object], where: JSONPath
    ) -> _Found:
        path, _, literal = path_key.partition("?")
        literal_query: tuple[tuple[str, str], ...] = ()
        if literal and self.config.send_path_key_query:
            pairs = (pair.partition("=") for pair in literal.split("&") if pair)
            literal_query = tuple((name, value) for name, _, value in pairs)
        parameters: dict[ParameterLocation, list[Parameter]] = {
            loc: [] for loc in _PARAMETER_LOCATIONS
        }
        models: set[str] = set()
        python_names: dict[str, JSONPath] = {}
        shared = section(self.spec.data, "paths", path_key).get("parameters", [])
        sources = [
            ((*where[:2], "parameters"), shared),
            ((*where, "parameters"), raw.get("parameters", [])),
        ]
        merged: dict[tuple[str, str], tuple[dict[str, object], JSONPath]] = {}
        for origin, entries in sources:
            for index, entry in enumerate(entries if isinstance(entries, list) else []):
                parameter, parameter_where = resolve(self.spec, entry, (*origin, index))
                assert isinstance(parameter, dict)
                # An operation's own parameter overrides the path item's one of the same key.
                merged[(str(parameter["in"]), str(parameter["name"]))] = (
                    parameter,
                    parameter_where,
                )
        for (where_in, wire_name), (parameter, parameter_where) in merged.items():
            location = _location_of(where_in)
            if location is None:
                raise SpecError.at(
                    self.spec.locate((*parameter_where, "in")),
                    f"{where_in} parameters are not supported; use path, query or header",
                )
            name_where = (
                *parameter_where,
                "x-python-name" if "x-python-name" in parameter else "name",
            )
            python_name = self._argument_name(
                f"parameter {wire_name!r}",
                wire_name,
                parameter.get("x-python-name"),
                name_where,
                python_names,
            )
            self._check_serialisation(parameter, parameter_where, location)
            annotation, used = self.annotation(
                parameter.get("schema", {}), (*parameter_where, "schema")
            )
            if location == "path" and not self._is_segment(parameter.get("schema", {})):
                raise SpecError.at(
                    self.spec.locate((*parameter_where, "schema")),
                    f"path parameter {wire_name!r} is {annotation}; a path segment can be a string "
                    "or an integer (or an enum of strings)",
                )
            models |= used
            parameters[location].append(
                Parameter(
                    wire_name=wire_name,
                    python_name=python_name,
                    location=location,
                    required=bool(parameter.get("required", False)),
                    annotation=annotation,
                    description=str(parameter.get("description", "")),
                )
            )
        body_parameters, params_used, has_body = self._body(raw, where, python_names)
        response = self._response(raw, where, parameters["query"])
        models |= {name for name in (response.model, response.item) if name}
        idempotent = raw.get("x-idempotent", http_method not in ("post", "patch"))
        if not isinstance(idempotent, bool):
            raise SpecError.at(
                self.spec.locate((*where, "x-idempotent")), "`x-idempotent` must be true or false"
            )
        operation = Operation(
            operation_id=str(raw["operationId"]),
            http_method=http_method,
            path=path,
            literal_query=literal_query,
            summary=str(raw.get("summary", "")),
            description=str(raw.get("description", "")),
            deprecated=bool(raw.get("deprecated", False)),
            # Path parameters in the order the path names them: they are positional.
            path_parameters=tuple(
                sorted(parameters["path"], key=lambda p: path.index("{" + p.wire_name + "}"))
            ),
            query_parameters=tuple(parameters["query"]),
            header_parameters=tuple(parameters["header"]),
            body_parameters=body_parameters,
            has_body=has_body,
            response=response,
            idempotent=idempotent,
        )
        return _Found(operation, models, params_used, RUNTIME_IMPORTS.get(response.kind, ()), where)

    def _is_segment(self, schema: object) -> bool:
        """Whether values of `schema` fit in a path segment: strings, integers, their enums."""
        resolved, _ = resolve(self.spec, schema, ())
        options = section(resolved).get("anyOf") or section(resolved).get("oneOf")
        if isinstance(options, list):
            return all(self._is_segment(option) for option in options)
        kind = section(resolved).get("type")
        values = section(resolved).get("enum", [section(resolved).get("const", "")])
        return kind in ("string", "integer") or (
            kind is None
            and isinstance(values, list)
            and all(isinstance(v, str | int) and not isinstance(v, bool) for v in values)
        )

    def _argument_name(
        self,
        what: str,
        wire_name: str,
        override: object,
        where: JSONPath,
        taken: dict[str, JSONPath],
    ) -> str:
        """The keyword argument for a parameter or body property, unique in its method."""
        name = python_name_for(wire_name, override)
        if not isinstance(name, str) or not is_identifier(name):
            raise SpecError.at(
                self.spec.locate(where),
                f"{what} becomes {name!r}, which is not a Python identifier: set `x-python-name`",
            )
        if name in taken or name in (*CALL_OPTIONS, "self") or name in RESERVED_MODULE_NAMES:
            raise SpecError.at(
                self.spec.locate(where),
                f"{what} becomes {name!r}, which another argument of this method or a name of "
                "the generated module already uses: set `x-python-name`",
            )
        taken[name] = where
        return name

    def _check_serialisation(
        self, parameter: dict[str, object], where: JSONPath, location: ParameterLocation
    ) -> None:
        """Only OpenAPI's default serialisations are implemented: refuse the others by name."""
        if "content" in parameter:
            raise SpecError.at(
                self.spec.locate((*where, "content")),
                "a parameter described by `content` is not supported; describe it with `schema`",
            )
        default_style = "form" if location == "query" else "simple"
        style = parameter.get("style", default_style)
        explode = parameter.get("explode", style == "form")
        if style != default_style or explode != (style == "form"):
            key = "style" if style != default_style else "explode"
            raise SpecError.at(
                self.spec.locate((*where, key)),
                f"{location} parameter {parameter.get('name')!r} has `style: {style}`, "
                f"`explode: {str(explode).lower()}`, which is not supported; the generator sends "
                f"{location} parameters as `style: {default_style}`, "
                f"`explode: {str(default_style == 'form').lower()}`",
            )

    def _body(
        self, raw: dict[str, object], where: JSONPath, taken: dict[str, JSONPath]
    ) -> tuple[tuple[Parameter, ...], set[str], bool]:
        """One keyword argument per top-level property of the JSON request body."""
        if "requestBody" not in raw:
            return (), set(), False
        body, body_where = resolve(self.spec, raw["requestBody"], (*where, "requestBody"))
        content = section(body, "content")
        if "application/json" not in content:
            first = next(iter(content), None)
            raise SpecError.at(
                self.spec.locate((*body_where, "content", *([first] if first else []))),
                f"unsupported request media type(s) {', '.join(content)}: only application/json is supported",
            )
        schema, schema_where = resolve(
            self.spec,
            section(content, "application/json").get("schema", {}),
            (*body_where, "content", "application/json", "schema"),
        )
        properties = section(schema, "properties")
        if section(schema).get("type") != "object" or not properties:
            raise SpecError.at(
                self.spec.locate(schema_where),
                "a request body must be an object with `properties`: each becomes a keyword argument",
            )
        required = section(schema).get("required", [])
        body_required = bool(section(body).get("required", False))
        parameters, used = [], set()
        for name, property_schema in properties.items():
            property_where = (*schema_where, "properties", name)
            python_name = self._argument_name(
                f"body property {name!r}",
                name,
                section(property_schema).get("x-python-name"),
                property_where,
                taken,
            )
            annotation, names = self.annotation(property_schema, property_where, in_body=True)
            used |= names
            description = section(property_schema).get("description", "")
            parameters.append(
                Parameter(
                    wire_name=name,
                    python_name=python_name,
                    location="body",
                    required=body_required and isinstance(required, list) and name in required,
                    annotation=annotation,
                    description=str(description),
                )
            )
        return tuple(parameters), used, True

    def _response(
        self, raw: dict[str, object], where: JSONPath, query: list[Parameter]
    ) -> ResponseShape:
        """The shape of the first 2xx response that has a body; no body means `None`."""
        for status, response in section(raw, "responses").items():
            if not (status.startswith("2") and len(status) == 3):
                continue
            response, response_where = resolve(self.spec, response, (*where, "responses", status))
            content = section(response, "content")
            if not content:
                continue
            media_type = next(
                (m for m in content if m in JSON_MEDIA_TYPES + JSONL_MEDIA_TYPES), None
            )
            if media_type is None:
                raise SpecError.at(
                    self.spec.locate((*response_where, "content", next(iter(content)))),
                    f"unsupported response media type(s) {', '.join(content)}: use application/json, "
                    "or application/x-jsonl for a stream of JSON lines",
                )
            schema_where: JSONPath = (*response_where, "content", media_type, "schema")
            model = self._named_schema(section(content, media_type).get("schema"), schema_where)
            if media_type in JSONL_MEDIA_TYPES:
                return ResponseShape("jsonl", model)
            item = self._page_item(model, query)
            return ResponseShape("page", model, item) if item else ResponseShape("model", model)
        return ResponseShape("none")

    def _named_schema(self, schema: object, where: JSONPath) -> str:
        target = pointer_path(str(section(schema).get("$ref", "")))
        if not target or len(target) != 3 or target[:2] != _SCHEMA_PREFIX:
            raise SpecError.at(
                self.spec.locate(where),
                "a response body must be a `$ref` to a named schema under components/schemas, "
                "so that it has a model class",
            )
        return str(target[2])

    def _page_item(self, model: str, query: list[Parameter]) -> str | None:
        """The item type when `model` and the query have the cursor shape of sdk.yaml."""
        cursor = self.config.pagination
        if cursor is None:
            return None
        schema, _ = resolve(self.spec, {"$ref": f"#/components/schemas/{model}"}, ())
        properties = section(schema, "properties")
        fields = (cursor.items, cursor.has_more, cursor.first_id, cursor.last_id)
        query_names = {p.wire_name for p in query}
        if (
            not all(f in properties for f in fields)
            or not {cursor.after, cursor.before} <= query_names
        ):
            return None
        items = section(properties[cursor.items])
        if items.get("type") != "array":
            return None
        target = pointer_path(str(section(items.get("items")).get("$ref", "")))
        return (
            str(target[2]) if target and len(target) == 3 and target[:2] == _SCHEMA_PREFIX else None
        )

    # -- resources ------------------------------------------------------------------------

    def _resource_tree(self, found: dict[str, _Found]) -> _Node:
        root = _Node("", (), ("methods",))
        mapped: dict[str, JSONPath] = {}
        for mapping in self.config.methods:
            if mapping.operation_id in self._failed:
                continue
            if mapping.operation_id not in found:
                known = ", ".join(sorted(found)) or "none"
                self.fail(
                    self.sdk_document,
                    mapping.where,
                    f"operation {mapping.operation_id!r} does not exist in openapi.yaml "
                    f"(operationIds: {known})",
                )
                continue
            if mapping.operation_id in mapped:
                self.fail(
                    self.sdk_document,
                    mapping.where,
                    f"operation {mapping.operation_id!r} is already mapped to a method",
                )
                continue
            mapped[mapping.operation_id] = mapping.where
            node = root
            for name in mapping.path[:-1]:
                node = node.children.setdefault(
                    name, _Node(name, (*node.path, name), mapping.where)
                )
            method_name = mapping.path[-1]
            clash = (
                method_name in RESERVED_ATTRIBUTES
                or method_name in node.children
                or any(m.name == method_name for m in node.methods)
            )
            if clash:
                self.fail(
                    self.sdk_document,
                    mapping.where,
                    f"method name {'.'.join(mapping.path)!r} is already taken by a resource, "
                    "a method or the client's own attributes",
                )
                continue
            node.methods.append(Method(method_name, found[mapping.operation_id].operation))
        for operation_id, result in found.items():
            if operation_id not in mapped:
                self.fail(
                    self.spec,
                    (*result.where, "operationId"),
                    f"operation {operation_id!r} is not mapped to a method in sdk.yaml `methods`",
                )
        self._found = found
        for node in _walk(root):
            for name in node.children:
                if name in RESERVED_ATTRIBUTES or any(m.name == name for m in node.methods):
                    self.fail(
                        self.sdk_document,
                        node.children[name].where,
                        f"resource name {name!r} clashes with a method or client attribute",
                    )
        return root

    def _resource(self, node: _Node) -> Resource:
        is_package = bool(node.children)
        module_parts = ("resources", *node.path)
        containing_package = module_parts if is_package else module_parts[:-1]
        found = [self._found[method.operation.operation_id] for method in node.methods]
        return Resource(
            name=node.name,
            class_name=pascal_case(node.name),
            module=".".join(module_parts),
            root_import="." * (1 + len(containing_package)),
            doc=f"Methods under `client.{'.'.join(node.path)}`.",
            dotted=".".join(node.path),
            methods=tuple(node.methods),
            children=tuple(self._resource(child) for child in node.children.values()),
            model_imports=tuple(sorted(set().union(*(f.type_imports for f in found)))),
            param_imports=tuple(sorted(set().union(*(f.param_imports for f in found)))),
            runtime_imports=tuple(sorted(set().union(*(f.runtime_imports for f in found)))),
            typing_imports=_typing_imports(node.methods),
        )

    def _check_schema_shadowing(self, tree: _Node, schema_names: tuple[str, ...]) -> None:
        """A model imported into a resource module must not share a name with a class that
        module defines; nor may a schema take the name of a union's `Unknown<Name>` variant."""
        classes: set[str] = set()
        for node in _walk(tree):
            base = pascal_case(node.name)
            classes |= {
                base,
                f"Async{base}",
                f"{base}WithRawResponse",
                f"Async{base}WithRawResponse",
            }
        schemas = section(self.spec.data, "components", "schemas")
        unions = {
            unknown_variant_name(name)
            for name, schema in schemas.items()
            if "discriminator" in section(schema) and "oneOf" in section(schema)
        }
        for name in schema_names:
            if name in classes or name in unions:
                kind = "a resource class" if name in classes else "the fallback variant of a union"
                self.fail(
                    self.spec,
                    ("components", "schemas", name),
                    f"schema name {name!r} is taken by {kind} the generated package defines; rename the schema",
                )

    def _check_client_names(self, tree: _Node) -> None:
        client_classes = {self.config.sync_class, self.config.async_class}
        for node in tree.children.values():
            for flavor_prefix in ("", "Async"):
                if flavor_prefix + pascal_case(node.name) in client_classes:
                    self.fail(
                        self.sdk_document,
                        node.where,
                        f"resource {node.name!r} would share its class name with the client",
                    )

    # -- client and errors ----------------------------------------------------------------

    def _client_config(self) -> ClientConfig:
        header, prefix = self._api_key_header()
        return ClientConfig(
            sync_class=self.config.sync_class,
            async_class=self.config.async_class,
            base_url=self.config.base_url,
            api_key_env=self.config.api_key_env,
            base_url_env=self.config.base_url_env,
            log_env=self.config.log_env,
            api_key_header=header,
            api_key_prefix=prefix,
            default_headers=self.config.default_headers,
            timeout=self.config.timeout,
            connect_timeout=self.config.connect_timeout,
            max_retries=self.config.max_retries,
        )

    def _api_key_header(self) -> tuple[str, str]:
        """The header the API key travels in, from the spec's one security scheme."""
        schemes = section(self.spec.data, "components", "securitySchemes")
        where: JSONPath = ("components", "securitySchemes")
        if len(schemes) != 1:
            self.fail(
                self.spec,
                where,
                "exactly one security scheme (an API key or bearer token) is supported",
            )
            return "authorization", "Bearer "
        name, scheme = next(iter(schemes.items()))
        scheme, _ = resolve(self.spec, scheme, (*where, name))
        assert isinstance(scheme, dict)
        if scheme.get("type") == "apiKey" and scheme.get("in") == "header":
            return str(scheme["name"]).lower(), ""
        if scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
            return "authorization", "Bearer "
        self.fail(
            self.spec,
            (*where, name),
            "only an API key in a header or an HTTP bearer token is supported",
        )
        return "authorization", "Bearer "

    def _errors(self) -> tuple[ErrorClass, ...]:
        return tuple(
            ErrorClass(mapping.class_name, mapping.parent or "APIStatusError", mapping.status)
            for mapping in self.config.errors
        )


def _is_object(schema: object) -> bool:
    return isinstance(schema, dict) and (
        schema.get("type") == "object" or "properties" in schema or "allOf" in schema
    )


def _location_of(name: str) -> ParameterLocation | None:
    for location in _PARAMETER_LOCATIONS:
        if name == location:
            return location
    return None


def _typing_imports(methods: Iterable[Method]) -> tuple[str, ...]:
    annotations = " ".join(p.annotation for m in methods for p in m.operation.parameters)
    return tuple(name for name in ("Literal", "Sequence") if f"{name}[" in annotations)


def _walk(node: _Node) -> Iterable[_Node]:
    yield node
    for child in node.children.values():
        yield from _walk(child)


#: Names the generated modules bind besides the spec's schemas: the runtime's names that
#: resource modules import, and what datamodel-code-generator imports into types.py and
#: params.py. A schema named like one of them would shadow it.
RESERVED_MODULE_NAMES = frozenset(
    {
        "APIRequest",
        "AsyncAPIResource",
        "SyncAPIResource",
        "path_with",
        "to_raw_response",
        "async_to_raw_response",
        "NOT_GIVEN",
        "NotGiven",
        "Headers",
        "Query",
        "Timeout",
        "SyncCursorPage",
        "AsyncCursorPager",
        "SyncJSONLStream",
        "AsyncJSONLStream",
        "Sequence",
        "Literal",
        "cached_property",
        "annotations",
        "Any",
        "Annotated",
        "Field",
        "BaseModel",
        "ConfigDict",
        "RootModel",
        "AwareDatetime",
        "TypeAliasType",
        "TypeAlias",
        "TypedDict",
        "NotRequired",
        "httpx2",
    }
)


def build_api(spec: Document, sdk_document: Document, config: SdkConfig, spec_sha256: str) -> Api:
    return _Builder(spec, sdk_document, config).build(spec_sha256)
