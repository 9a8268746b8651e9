"""What the modules printed once per package import and export: `__init__.py` (the public
surface), `_client.py` and `resources/__init__.py`."""

from __future__ import annotations

from generator.imports import Import, import_lines
from generator.model import ClientConfig, ErrorClass, FixedModules, PageScheme, Resource
from generator.sdk_config import SdkConfig

#: The runtime's public names, exported by every package.
_RUNTIME_EXPORTS = (
    Import("._exceptions", "APIConnectionError"),
    Import("._exceptions", "APIError"),
    Import("._exceptions", "APIResponseValidationError"),
    Import("._exceptions", "APIStatusError"),
    Import("._exceptions", "APITimeoutError"),
    Import("._response", "APIResponse"),
    Import("._streaming", "AsyncJSONLStream"),
    Import("._streaming", "SyncJSONLStream"),
    Import("._types", "NOT_GIVEN"),
    Import("._types", "NotGiven"),
    Import("._version", "__spec_sha256__"),
    Import("._version", "__version__"),
)
def _page_exports(scheme: PageScheme) -> tuple[Import, ...]:
    kind = scheme.kind.capitalize()
    names = (f"Async{kind}Page", f"Async{kind}Pager", f"Sync{kind}Page")
    return tuple(Import("._pagination", name) for name in names)
_CLIENT_IMPORTS = (
    Import("os", ""),
    Import("httpx2", ""),
    Import("functools", "cached_property"),
    Import("typing", "Self"),
    Import("._auth", "Credentials"),
    Import("._base_client", "AsyncAPIClient"),
    Import("._base_client", "SyncAPIClient"),
    Import("._config", "DEFAULT_MAX_RETRIES"),
    *(Import("._types", name) for name in ("NOT_GIVEN", "Headers", "NotGiven", "Query", "Timeout")),
)


def fixed_modules(
    config: SdkConfig,
    errors: tuple[ErrorClass, ...],
    resources: tuple[Resource, ...],
    pagination: tuple[PageScheme, ...],
    client: ClientConfig,
) -> FixedModules:
    exports = (
        Import("._client", config.sync_class),
        Import("._client", config.async_class),
        Import("._exceptions", config.error_base),
        *_RUNTIME_EXPORTS[:5],
        *(Import("._exceptions", error.class_name) for error in errors),
        *_RUNTIME_EXPORTS[5:],
        *dict.fromkeys(i for scheme in pagination for i in _page_exports(scheme)),
    )
    top = [
        (resource, name)
        for resource in resources
        for name in (resource.class_name, resource.async_class_name)
    ]
    client_imports = {
        *_CLIENT_IMPORTS,
        *(Import(".resources", name) for _, name in top),
        # The root error is raised only over credentials, which a client may take none of.
        *([Import("._config", config.error_base)] if client.auth else []),
        *([Import("._auth", "basic_auth")] if client.basic else []),
    }
    return FixedModules(
        exports=exports,
        init_imports=tuple(import_lines({*exports, Import(".", "types")})),
        client_imports=tuple(import_lines(client_imports)),
        resources_imports=tuple(import_lines(Import(f".{r.name}", name) for r, name in top)),
    )
