"""The client's configuration: how it authenticates, and which error each status raises."""

from __future__ import annotations

from generator.build.auth import auth_schemes
from generator.build.auth_wires import Wire
from generator.build.context import Context
from generator.model import ClientConfig, ErrorClass, Resource


def client_config(
    context: Context, resources: tuple[Resource, ...], wires: tuple[Wire, ...]
) -> ClientConfig:
    """The client's settings, its credentials sent where `wires` say; `resources` are its
    top-level resources, which no credential argument may shadow."""
    config = context.config
    return ClientConfig(
        sync_class=config.sync_class,
        async_class=config.async_class,
        base_url=config.base_url,
        base_url_env=config.base_url_env,
        log_env=config.log_env,
        auth=auth_schemes(context, wires, resources),
        default_headers=config.default_headers,
        timeout=config.timeout,
        connect_timeout=config.connect_timeout,
        max_retries=config.max_retries,
    )


def error_classes(context: Context) -> tuple[ErrorClass, ...]:
    return tuple(
        ErrorClass(mapping.class_name, mapping.parent or "APIStatusError", mapping.status)
        for mapping in context.config.errors
    )
