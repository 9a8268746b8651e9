"""The client's configuration: how it authenticates, and which error each status raises."""

from __future__ import annotations

from generator.build.context import Context
from generator.load import JSONPath, section
from generator.model import ClientConfig, ErrorClass
from generator.refs import resolve


def client_config(context: Context) -> ClientConfig:
    config = context.config
    header, prefix = _api_key_header(context)
    return ClientConfig(
        sync_class=config.sync_class,
        async_class=config.async_class,
        base_url=config.base_url,
        api_key_env=config.api_key_env,
        base_url_env=config.base_url_env,
        log_env=config.log_env,
        api_key_header=header,
        api_key_prefix=prefix,
        default_headers=config.default_headers,
        timeout=config.timeout,
        connect_timeout=config.connect_timeout,
        max_retries=config.max_retries,
    )


def _api_key_header(context: Context) -> tuple[str, str]:
    """The header the API key travels in, and its prefix, from the spec's one security scheme."""
    schemes = section(context.spec.data, "components", "securitySchemes")
    where: JSONPath = ("components", "securitySchemes")
    if len(schemes) != 1:
        context.fail(where, "exactly one security scheme (an API key or bearer token) is supported")
        return "authorization", "Bearer "
    name, scheme = next(iter(schemes.items()))
    scheme, _ = resolve(context.spec, scheme, (*where, name))
    assert isinstance(scheme, dict)
    if scheme.get("type") == "apiKey" and scheme.get("in") == "header":
        return str(scheme["name"]).lower(), ""
    if scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
        return "authorization", "Bearer "
    context.fail((*where, name), "only an API key in a header or an HTTP bearer token is supported")
    return "authorization", "Bearer "


def error_classes(context: Context) -> tuple[ErrorClass, ...]:
    return tuple(
        ErrorClass(mapping.class_name, mapping.parent or "APIStatusError", mapping.status)
        for mapping in context.config.errors
    )
