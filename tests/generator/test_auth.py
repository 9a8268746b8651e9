"""`build.auth`: the credentials a client takes, from the spec's schemes and sdk.yaml.

Pins where each kind of scheme puts its credential (an API key in its header, a bearer token in
`authorization` after `Bearer `), how sdk.yaml `client.auth` (or the older `env.api_key`) names
each argument and variable and what is derived when it does not, and that every problem is
refused at the place it was written: a scheme sdk.yaml names that the spec lacks, an argument
or variable two schemes share, a name the client already uses, a kind the client cannot send.
"""

from __future__ import annotations

import pytest

from generator.build.auth import auth_schemes
from generator.build.context import Context
from generator.errors import SpecError
from generator.load import parse_document
from generator.model import AuthScheme, Resource
from generator.sdk_config import read_sdk_config

KEY = "    key: {type: apiKey, in: header, name: X-Widgets-Key}\n"
TOKEN = "    token: {type: http, scheme: bearer}\n"

SPEC = """\
openapi: 3.1.0
info: {title: Widgets, version: "1"}
paths: {}
components:
  securitySchemes:
SCHEMES"""

SDK = """\
package: {name: widgets, version: 1.0.0}
client:
  sync_class: Widgets
  async_class: AsyncWidgets
  base_url: https://widgets.example.com
AUTH  env: {ENVbase_url: WIDGETS_BASE_URL}
errors: {base: WidgetsError}
methods: {widgets.list: widgets_list}
"""


#: What `auth` starts with to set the older `client.env.api_key` instead of `client.auth`.
LEGACY = "env.api_key: "


def documents(schemes: str, auth: str) -> tuple[str, str]:
    """openapi.yaml with `schemes` under securitySchemes, sdk.yaml with `auth` under client
    (or, after `LEGACY`, the variable of `client.env.api_key`)."""
    spec = SPEC.replace("SCHEMES", schemes)
    if not schemes:
        spec = spec.replace("  securitySchemes:\n", "  schemas: {}\n")
    if auth.startswith(LEGACY):
        sdk = SDK.replace("AUTH", "").replace("ENV", f"api_key: {auth.removeprefix(LEGACY)}, ")
    else:
        sdk = SDK.replace("AUTH", auth).replace("ENV", "")
    return spec, sdk


def context_of(schemes: str, auth: str) -> Context:
    spec_text, sdk_text = documents(schemes, auth)
    spec = parse_document(spec_text.encode(), "openapi.yaml")
    sdk = parse_document(sdk_text.encode(), "sdk.yaml")
    return Context(spec, sdk, read_sdk_config(sdk))


def resource(name: str) -> Resource:
    return Resource(name, name.title(), f"resources.{name}", "..", (), (), name, frozenset())


def built(schemes: str, auth: str = "", resources: tuple[Resource, ...] = ()) -> list[AuthScheme]:
    context = context_of(schemes, auth)
    found = auth_schemes(context, resources)
    context.check()
    return list(found)


def refusals(
    schemes: str, auth: str = "", resources: tuple[Resource, ...] = ()
) -> list[tuple[str, int, str]]:
    """Each problem as (file, line, message)."""
    context = context_of(schemes, auth)
    auth_schemes(context, resources)
    with pytest.raises(SpecError) as raised:
        context.check()
    return [(d.location.file, d.location.line, d.message) for d in raised.value.diagnostics]


def line_in(schemes: str, auth: str, file: str, text: str) -> int:
    """The line of `file` (openapi.yaml or sdk.yaml) that holds `text`."""
    spec, sdk = documents(schemes, auth)
    lines = (spec if file == "openapi.yaml" else sdk).splitlines()
    (line,) = [n for n, written in enumerate(lines, 1) if text in written]
    return line


# Where each kind of scheme puts its credential -------------------------------------------------


def test_an_api_key_goes_in_its_header_as_written() -> None:
    (scheme,) = built(KEY, LEGACY + "WIDGETS_KEY")
    assert scheme == AuthScheme("key", "api_key", "WIDGETS_KEY", "x-widgets-key", "")
    assert (scheme.value, scheme.sent_as) == ("api_key", "`x-widgets-key`")


@pytest.mark.parametrize("written", ["bearer", "Bearer", "BEARER"])
def test_a_bearer_token_goes_in_authorization_after_bearer(written: str) -> None:
    (scheme,) = built(TOKEN.replace("bearer", written))
    assert (scheme.header, scheme.prefix) == ("authorization", "Bearer ")
    assert scheme.value == '"Bearer " + api_key'
    assert scheme.sent_as == "`authorization: Bearer <api_key>`"


def test_a_scheme_behind_a_ref_is_followed() -> None:
    schemes = '    key: {$ref: "#/components/x-schemes/real"}\n  x-schemes:\n  ' + KEY.replace(
        "key:", "real:"
    )
    (scheme,) = built(schemes)
    assert (scheme.scheme, scheme.header) == ("key", "x-widgets-key")


# Names: as sdk.yaml writes them, else derived --------------------------------------------------


def test_sdk_yaml_names_each_schemes_argument_and_variable() -> None:
    auth = (
        "  auth:\n"
        "    key: {argument: api_key, env: WIDGETS_API_KEY}\n"
        "    token: {argument: auth_token, env: WIDGETS_AUTH_TOKEN}\n"
    )
    assert built(KEY + TOKEN, auth) == [
        AuthScheme("key", "api_key", "WIDGETS_API_KEY", "x-widgets-key", ""),
        AuthScheme("token", "auth_token", "WIDGETS_AUTH_TOKEN", "authorization", "Bearer "),
    ]


def test_the_older_env_api_key_names_the_only_schemes_variable_whatever_its_kind() -> None:
    (scheme,) = built(TOKEN, LEGACY + "WIDGETS_TOKEN")
    assert (scheme.argument, scheme.env, scheme.header) == (
        "api_key",
        "WIDGETS_TOKEN",
        "authorization",
    )


@pytest.mark.parametrize("only", [KEY, TOKEN])
def test_a_specs_only_scheme_is_the_api_key_from_package_api_key(only: str) -> None:
    (scheme,) = built(only)
    assert (scheme.argument, scheme.env) == ("api_key", "WIDGETS_API_KEY")


def test_beside_others_each_scheme_is_named_by_its_kind() -> None:
    schemes = built(TOKEN + KEY, "  auth:\n    token: {env: W_TOKEN}\n")
    assert [(s.scheme, s.argument, s.env) for s in schemes] == [
        ("token", "auth_token", "W_TOKEN"),
        ("key", "api_key", "WIDGETS_API_KEY"),
    ]


def test_schemes_that_would_share_a_derived_name_take_their_own_keys() -> None:
    schemes = KEY + KEY.replace("key:", "appId:").replace("X-Widgets-Key", "X-App-Id")
    assert [(s.argument, s.env) for s in built(schemes)] == [
        ("key", "WIDGETS_KEY"),
        ("app_id", "WIDGETS_APP_ID"),
    ]


def test_a_derived_name_gives_way_to_the_one_sdk_yaml_wrote() -> None:
    schemes = built(KEY + TOKEN, "  auth:\n    key: {argument: auth_token}\n")
    assert [s.argument for s in schemes] == ["auth_token", "token"]


# Refusals, each where it was written ------------------------------------------------------------


def test_a_scheme_sdk_yaml_names_that_the_spec_lacks_is_refused_in_sdk_yaml() -> None:
    auth = "  auth:\n    key: {}\n    tokn: {argument: auth_token}\n"
    assert refusals(KEY + TOKEN, auth) == [
        (
            "sdk.yaml",
            line_in(KEY + TOKEN, auth, "sdk.yaml", "tokn:"),
            "'tokn' is not a security scheme of openapi.yaml "
            "(components/securitySchemes: key, token)",
        )
    ]


def test_the_older_env_api_key_with_several_schemes_is_refused_in_sdk_yaml() -> None:
    auth = LEGACY + "WIDGETS_KEY"
    ((file, line, message),) = refusals(KEY + TOKEN, auth)
    assert (file, line) == ("sdk.yaml", line_in(KEY + TOKEN, auth, "sdk.yaml", "api_key"))
    assert message == (
        "`client.env.api_key` names the key of a spec with one security scheme; "
        "openapi.yaml declares 2 (key, token): name each under `client.auth`"
    )


def test_an_argument_two_schemes_share_is_refused_at_the_second() -> None:
    auth = "  auth:\n    key: {argument: credential}\n    token: {argument: credential}\n"
    assert refusals(KEY + TOKEN, auth) == [
        (
            "sdk.yaml",
            line_in(KEY + TOKEN, auth, "sdk.yaml", "token:"),
            "the credential argument 'credential' is taken by scheme 'key'",
        )
    ]


def test_a_variable_two_schemes_share_is_refused_at_the_second() -> None:
    auth = "  auth:\n    key: {env: WIDGETS_SECRET}\n    token: {env: WIDGETS_SECRET}\n"
    ((file, line, message),) = refusals(KEY + TOKEN, auth)
    assert (file, line) == ("sdk.yaml", line_in(KEY + TOKEN, auth, "sdk.yaml", "token:"))
    assert message == ("the environment variable 'WIDGETS_SECRET' is already read for scheme 'key'")


@pytest.mark.parametrize(
    ("env", "what"), [("WIDGETS_BASE_URL", "the base URL"), ("WIDGETS_LOG", "the log level")]
)
def test_a_variable_the_client_reads_for_something_else_is_refused(env: str, what: str) -> None:
    auth = f"  auth:\n    key: {{env: {env}}}\n"
    ((_, _, message),) = refusals(KEY, auth)
    assert message == f"the environment variable {env!r} is already read for {what}"


@pytest.mark.parametrize(
    "argument",
    [
        "base_url",
        "timeout",
        "http_client",
        "default_headers",
        "with_options",
        "close",
        "self",
        "os",
        "headers",
        "httpx2",
        "request",
    ],
)
def test_an_argument_the_client_already_uses_is_refused_in_sdk_yaml(argument: str) -> None:
    auth = f"  auth:\n    key: {{argument: {argument}}}\n"
    ((file, line, message),) = refusals(KEY, auth)
    assert (file, line) == ("sdk.yaml", line_in(KEY, auth, "sdk.yaml", "key:"))
    assert message.startswith(f"the credential argument {argument!r} is a name the client")


def test_an_argument_that_would_shadow_a_resource_is_refused() -> None:
    auth = "  auth:\n    key: {argument: widgets}\n"
    ((_, _, message),) = refusals(KEY, auth, (resource("widgets"),))
    assert message == "the credential argument 'widgets' would shadow the resource `client.widgets`"


def test_a_derived_argument_in_conflict_is_refused_at_the_scheme_with_a_hint() -> None:
    (problem,) = refusals(KEY, resources=(resource("api_key"),))
    assert problem == (
        "openapi.yaml",
        line_in(KEY, "", "openapi.yaml", "key:"),
        "the credential argument 'api_key' would shadow the resource `client.api_key`; "
        "name it in sdk.yaml `client.auth.key.argument`",
    )


def test_a_derived_argument_that_is_no_identifier_is_refused_at_the_scheme() -> None:
    schemes = KEY + KEY.replace("key:", "class:").replace("X-Widgets-Key", "X-Class")
    ((file, _, message),) = refusals(schemes)
    assert file == "openapi.yaml"
    assert message == (
        "the credential argument 'class' is not a Python identifier; "
        "name it in sdk.yaml `client.auth.class.argument`"
    )


@pytest.mark.parametrize(
    "scheme",
    [
        "    key: {type: apiKey, in: query, name: key}\n",
        "    key: {type: apiKey, in: cookie, name: key}\n",
        "    key: {type: http, scheme: basic}\n",
        "    key: {type: oauth2, flows: {}}\n",
        "    key: {type: openIdConnect, openIdConnectUrl: https://x.example.com}\n",
    ],
)
def test_a_scheme_the_client_cannot_send_is_refused_at_the_scheme(scheme: str) -> None:
    assert refusals(scheme) == [
        (
            "openapi.yaml",
            line_in(scheme, "", "openapi.yaml", "key:"),
            "security scheme 'key' must be an API key in a header (`type: apiKey`, "
            "`in: header`) or an HTTP bearer token",
        )
    ]


def test_two_schemes_in_one_header_are_refused_at_the_second() -> None:
    schemes = TOKEN + TOKEN.replace("token:", "admin:")
    assert refusals(schemes) == [
        (
            "openapi.yaml",
            line_in(schemes, "", "openapi.yaml", "admin:"),
            "security schemes 'token' and 'admin' both send the `authorization` header; "
            "a client can send only one credential in it",
        )
    ]


def test_a_spec_without_schemes_is_refused() -> None:
    ((file, _, message),) = refusals("")
    assert file == "openapi.yaml"
    assert message.startswith("declare at least one security scheme: an API key in a header")
