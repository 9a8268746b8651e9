"""Build the intermediate model (`generator.model`) from a validated spec and SDK config.

Every naming and typing decision is made here, with located errors for what cannot be
expressed; the templates only print what this module decided.
"""

from __future__ import annotations

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
)
from generator.pycode import python_string
from generator.refs import pointer_path, resolve
from generator.sdk_config import SdkConfig, is_identifier
from generator.validate import operations

#: Per-call keyword arguments every method takes; a spec parameter may not take these names.
CALL_OPTIONS = ("extra_headers", "extra_query", "timeout", "max_retries")
#: Attributes of generated resources and clients that a resource or method may not shadow.
RESERVED_ATTRIBUTES = frozenset(
    {"with_options", "with_raw_response", "close", "api_key", "base_url", "timeout", "max_retries"}
)
_SCHEMA_PREFIX = ("components", "schemas")
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")
_SCALAR_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
_PARAMETER_LOCATIONS: tuple[ParameterLocation, ...] = ("path", "query", "header")


def snake_case(name: str) -> str:
    """`anthropic-beta` -> `anthropic_beta`, `beforeId` -> `before_id`."""
    return _NOT_WORD.sub("_", _CAMEL_BOUNDARY.sub("_", name)).strip("_").lower()


def pascal_case(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in snake_case(name).split("_"))


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
            schema_names=schema_names,
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

    def annotation(self, schema: object, where: JSONPath) -> tuple[str, set[str]]:
        """The Python type of a parameter schema, and the models it names."""
        if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            target = pointer_path(schema["$ref"])
            if target and len(target) == 3 and target[:2] == _SCHEMA_PREFIX:
                return str(target[2]), {str(target[2])}
        resolved, where = resolve(self.spec, schema, where)
        if not isinstance(resolved, dict):
            raise SpecError.at(self.spec.locate(where), "a schema must be a mapping")
        if "enum" in resolved or "const" in resolved:
            values = resolved["enum"] if "enum" in resolved else [resolved["const"]]
            if not isinstance(values, list) or not values or not all(
                isinstance(value, str | int) and not isinstance(value, bool) for value in values
            ):
                raise SpecError.at(
                    self.spec.locate(where), "only string and integer enums are supported here"
                )
            literals = ", ".join(
                python_string(v) if isinstance(v, str) else str(v) for v in values
            )
            return f"Literal[{literals}]", set()
        for combinator in ("anyOf", "oneOf"):
            if isinstance(resolved.get(combinator), list):
                parts = [
                    self.annotation(option, (*where, combinator, index))
                    for index, option in enumerate(resolved[combinator])
                ]
                return " | ".join(p[0] for p in parts), set().union(*(p[1] for p in parts))
        kind = resolved.get("type")
        if kind == "array":
            item, models = self.annotation(resolved.get("items", {}), (*where, "items"))
            return f"Sequence[{item}]", models
        if isinstance(kind, str) and kind in _SCALAR_TYPES:
            return _SCALAR_TYPES[kind], set()
        raise SpecError.at(
            self.spec.locate(where),
            f"unsupported parameter schema (type {kind!r}): use a string, integer, number, "
            "boolean, enum or array of those, or a named schema",
        )

    # -- operations -----------------------------------------------------------------------

    def _operations(self) -> dict[str, tuple[Operation, set[str], JSONPath]]:
        found = {}
        for path_key, http_method, raw, where in operations(self.spec):
            try:
                operation, models = self._operation(path_key, http_method, raw, where)
            except SpecError as error:
                self.problems.extend(error.diagnostics)
                continue
            found[operation.operation_id] = (operation, models, where)
        return found

    def _operation(
        self, path_key: str, http_method: str, raw: dict[str, object], where: JSONPath
    ) -> tuple[Operation, set[str]]:
        path, _, literal = path_key.partition("?")
        literal_query: tuple[tuple[str, str], ...] = ()
        if literal and self.config.send_path_key_query:
            pairs = (pair.partition("=") for pair in literal.split("&") if pair)
            literal_query = tuple((name, value) for name, _, value in pairs)
        parameters: dict[ParameterLocation, list[Parameter]] = {loc: [] for loc in _PARAMETER_LOCATIONS}
        models: set[str] = set()
        python_names: dict[str, JSONPath] = {}
        shared = section(self.spec.data, "paths", path_key).get("parameters", [])
        sources = [((*where[:2], "parameters"), shared), ((*where, "parameters"), raw.get("parameters", []))]
        merged: dict[tuple[str, str], tuple[dict[str, object], JSONPath]] = {}
        for origin, entries in sources:
            for index, entry in enumerate(entries if isinstance(entries, list) else []):
                parameter, parameter_where = resolve(self.spec, entry, (*origin, index))
                assert isinstance(parameter, dict)
                # An operation's own parameter overrides the path item's one of the same key.
                merged[(str(parameter["in"]), str(parameter["name"]))] = (parameter, parameter_where)
        for (where_in, wire_name), (parameter, parameter_where) in merged.items():
            location = _location_of(where_in)
            if location is None:
                raise SpecError.at(
                    self.spec.locate((*parameter_where, "in")),
                    f"{where_in} parameters are not supported; use path, query or header",
                )
            python_name = parameter.get("x-python-name", snake_case(wire_name))
            name_where = (*parameter_where, "x-python-name") if "x-python-name" in parameter else parameter_where
            if not isinstance(python_name, str) or not is_identifier(python_name):
                raise SpecError.at(
                    self.spec.locate(name_where),
                    f"parameter {wire_name!r} becomes {python_name!r}, which is not a Python "
                    "identifier: set `x-python-name`",
                )
            if python_name in python_names or python_name in (*CALL_OPTIONS, "self"):
                raise SpecError.at(
                    self.spec.locate(name_where),
                    f"parameter {wire_name!r} becomes {python_name!r}, which another argument of "
                    "this method already uses: set `x-python-name`",
                )
            python_names[python_name] = parameter_where
            annotation, used = self.annotation(parameter.get("schema", {}), (*parameter_where, "schema"))
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
        response_type = self._response_type(raw, where)
        if response_type:
            models.add(response_type)
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
            response_type=response_type,
        )
        return operation, models

    def _response_type(self, raw: dict[str, object], where: JSONPath) -> str | None:
        responses = raw.get("responses", {})
        assert isinstance(responses, dict)
        for status, response in responses.items():
            if not (status.startswith("2") and len(status) == 3):
                continue
            response_where: JSONPath = (*where, "responses", status)
            response, response_where = resolve(self.spec, response, response_where)
            content = response.get("content") if isinstance(response, dict) else None
            if not content:
                continue
            assert isinstance(content, dict)
            if "application/json" not in content:
                raise SpecError.at(
                    self.spec.locate((*response_where, "content")),
                    f"unsupported response media type(s) {sorted(content)}: "
                    "only application/json is supported",
                )
            schema = content["application/json"].get("schema", {})
            target = pointer_path(schema.get("$ref", "")) if isinstance(schema, dict) else None
            if not target or len(target) != 3 or target[:2] != _SCHEMA_PREFIX:
                raise SpecError.at(
                    self.spec.locate((*response_where, "content", "application/json", "schema")),
                    "a response body must be a `$ref` to a named schema under "
                    "components/schemas, so that it has a model class",
                )
            return str(target[2])
        return None

    # -- resources ------------------------------------------------------------------------

    def _resource_tree(self, found: dict[str, tuple[Operation, set[str], JSONPath]]) -> _Node:
        root = _Node("", (), ("methods",))
        mapped: dict[str, JSONPath] = {}
        for mapping in self.config.methods:
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
                node = node.children.setdefault(name, _Node(name, (*node.path, name), mapping.where))
            method_name = mapping.path[-1]
            clash = method_name in RESERVED_ATTRIBUTES or method_name in node.children or any(
                m.name == method_name for m in node.methods
            )
            if clash:
                self.fail(
                    self.sdk_document,
                    mapping.where,
                    f"method name {'.'.join(mapping.path)!r} is already taken by a resource, "
                    "a method or the client's own attributes",
                )
                continue
            node.methods.append(Method(method_name, found[mapping.operation_id][0]))
        for operation_id, (_, _, where) in found.items():
            if operation_id not in mapped:
                self.fail(
                    self.spec,
                    (*where, "operationId"),
                    f"operation {operation_id!r} is not mapped to a method in sdk.yaml `methods`",
                )
        self._models = {op_id: models for op_id, (_, models, _) in found.items()}
        for node in _walk(root):
            for name in node.children:
                if name in RESERVED_ATTRIBUTES or any(m.name == name for m in node.methods):
                    self.fail(self.sdk_document, node.children[name].where,
                              f"resource name {name!r} clashes with a method or client attribute")
        return root

    def _resource(self, node: _Node) -> Resource:
        is_package = bool(node.children)
        module_parts = ("resources", *node.path)
        containing_package = module_parts if is_package else module_parts[:-1]
        models: set[str] = set()
        for method in node.methods:
            models |= self._models[method.operation.operation_id]
        return Resource(
            name=node.name,
            class_name=pascal_case(node.name),
            module=".".join(module_parts),
            root_import="." * (1 + len(containing_package)),
            doc=f"Methods under `client.{'.'.join(node.path)}`.",
            methods=tuple(node.methods),
            children=tuple(self._resource(child) for child in node.children.values()),
            model_imports=tuple(sorted(models)),
            typing_imports=_typing_imports(node.methods),
        )

    def _check_client_names(self, tree: _Node) -> None:
        client_classes = {self.config.sync_class, self.config.async_class}
        for node in tree.children.values():
            for flavor_prefix in ("", "Async"):
                if flavor_prefix + pascal_case(node.name) in client_classes:
                    self.fail(self.sdk_document, node.where,
                              f"resource {node.name!r} would share its class name with the client")

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
            self.fail(self.spec, where, "exactly one security scheme (an API key or bearer token) is supported")
            return "authorization", "Bearer "
        name, scheme = next(iter(schemes.items()))
        scheme, _ = resolve(self.spec, scheme, (*where, name))
        assert isinstance(scheme, dict)
        if scheme.get("type") == "apiKey" and scheme.get("in") == "header":
            return str(scheme["name"]).lower(), ""
        if scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
            return "authorization", "Bearer "
        self.fail(self.spec, (*where, name), "only an API key in a header or an HTTP bearer token is supported")
        return "authorization", "Bearer "

    def _errors(self) -> tuple[ErrorClass, ...]:
        return tuple(
            ErrorClass(mapping.class_name, mapping.parent or "APIStatusError", mapping.status)
            for mapping in self.config.errors
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


#: Names the generated modules bind themselves; a schema with one of them would shadow it.
RESERVED_MODULE_NAMES = frozenset(
    {"Any", "Literal", "Sequence", "Mapping", "NotGiven", "NOT_GIVEN", "BaseModel", "APIRequest",
     "RequestOptions", "Timeout", "Headers", "Query", "httpx2", "annotations", "cached_property"}
)


def build_api(spec: Document, sdk_document: Document, config: SdkConfig, spec_sha256: str) -> Api:
    return _Builder(spec, sdk_document, config).build(spec_sha256)
