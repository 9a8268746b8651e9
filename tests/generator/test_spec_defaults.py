"""What a bare OpenAPI document gives in place of sdk.yaml: names, version, server, errors."""

from __future__ import annotations

import pytest

from generator.load import Document, parse_document
from generator.sdk_config import read_sdk_config
from generator.spec_defaults import spec_defaults


def document(text: str, name: str = "openapi.yaml") -> Document:
    return parse_document(text.encode(), name)


@pytest.mark.parametrize(
    ("title", "package", "class_name"),
    [
        ("Anthropic API", "anthropic", "AnthropicClient"),
        ("OpenAI API", "open_ai", "OpenAiClient"),
        ("Twilio - Api", "twilio", "TwilioClient"),
        ("Things", "things", "ThingsClient"),
        ("json", "json_client", "JsonClient"),  # a stdlib module would be shadowed
        ("3D printing", "api_3_d_printing", "Api3DPrintingClient"),
        ("", "client", "Client"),
    ],
)
def test_names_come_from_the_title(title: str, package: str, class_name: str) -> None:
    defaults = spec_defaults(document(f"info: {{title: {title!r}, version: '1.0'}}\n"))
    assert (defaults.package, defaults.class_name) == (package, class_name)


def test_a_version_that_is_no_package_version_is_0_0_0_with_a_located_warning() -> None:
    spec = document("info:\n  title: T\n  version: 2024-beta\nservers: [{url: 'http://t'}]\n")
    defaults = spec_defaults(spec)
    assert defaults.version == "0.0.0"
    (warning,) = defaults.warnings(document("{}", "sdk.yaml"))
    assert (warning.location.line, warning.severity) == (3, "warning")
    assert "2024-beta" in warning.message


def test_the_first_whole_server_url_is_the_base_url_with_its_variables_filled_in() -> None:
    spec = document(
        "info: {title: T, version: '1'}\n"
        "servers:\n"
        "  - url: /relative\n"
        "  - url: 'https://{region}.example.com/v2/'\n"
        "    variables: {region: {default: eu}}\n"
    )
    defaults = spec_defaults(spec)
    assert defaults.base_url == "https://eu.example.com/v2"
    assert defaults.warnings(document("{}", "sdk.yaml")) == ()


def test_without_a_server_the_client_defaults_to_localhost_with_a_warning() -> None:
    defaults = spec_defaults(document("info: {title: T, version: '1'}\n"))
    assert defaults.base_url == "http://localhost"
    (warning,) = defaults.warnings(document("{}", "sdk.yaml"))
    assert "client.base_url" in warning.message


def test_a_default_sdk_yaml_sets_is_no_guess() -> None:
    """Setting the key in sdk.yaml makes the warning about guessing it moot."""
    defaults = spec_defaults(document("info: {title: T}\n"))
    assert len(defaults.warnings(document("{}", "sdk.yaml"))) == 2
    sdk = document("package: {version: 1.0.0}\nclient: {base_url: 'https://x.example'}\n")
    assert defaults.warnings(sdk) == ()


def test_a_bare_spec_reads_as_a_whole_config() -> None:
    spec = document(
        "info: {title: Things API, version: '1.2.3'}\nservers: [{url: 'https://t.example'}]\n"
    )
    config = read_sdk_config(document("{}", "sdk.yaml"), None, spec_defaults(spec))
    assert (config.package, config.version, config.base_url) == (
        "things",
        "1.2.3",
        "https://t.example",
    )
    assert (config.sync_class, config.async_class) == ("ThingsClient", "AsyncThingsClient")
    assert config.base_url_env == "THINGS_BASE_URL"
    assert config.error_base == "ThingsClientError"
    assert {error.status for error in config.errors} >= {400, 401, 404, 429}
    assert config.methods == ()


def test_sdk_yaml_overrides_each_default() -> None:
    spec = document("info: {title: Things API, version: '1.2.3'}\n")
    sdk = document(
        "package: {name: acme, version: 0.1.0}\n"
        "client: {sync_class: Acme, async_class: AsyncAcme, base_url: 'https://acme.example'}\n"
    )
    config = read_sdk_config(sdk, None, spec_defaults(spec))
    assert (config.package, config.version, config.sync_class) == ("acme", "0.1.0", "Acme")
