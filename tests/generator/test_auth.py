"""`build.auth`: the credentials a client takes, from the spec's schemes and sdk.yaml.

Pins where each kind of scheme puts its credential (an API key in its header, query parameter
or cookie; a bearer, OAuth2 or OpenID Connect token in `authorization` after `Bearer `; HTTP
basic as a username and a password), that schemes of one kind in one place are one argument,
how sdk.yaml `client.auth` (or the older `env.api_key`) names each argument and variable and
what is derived when it does not, and that every problem is refused at the place it was
written: a scheme sdk.yaml names that the spec lacks, an argument or variable two schemes
share, a name the client already uses, an API key without a place HTTP allows. A kind the
client cannot send is a located warning; a spec without schemes takes a credential its
operations declare as a parameter (with a warning), or none at all.
"""

from __future__ import annotations

import pytest

from generator.build.auth import auth_schemes, auth_wires
from generator.build.auth_parameters import client_parameters
from generator.build.context import Context
from generator.errors import SpecError
from generator.load import parse_document
from generator.model import AuthScheme, Credential, Resource
from generator.sdk_config import read_sdk_config

KEY = "    key: {type: apiKey, in: header, name: X-Widgets-Key}\n"
TOKEN = "    token: {type: http, scheme: bearer}\n"
BASIC = "    basic: {type: http, scheme: basic}\n"
BASIC_ARGUMENTS = ("username", "password")

SPEC = """\
openapi: 3.1.0
info: {title: Widgets, version: "1"}
paths: PATHS
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


def documents(schemes: str, auth: str, paths: str = "{}") -> tuple[str, str]:
    """openapi.yaml with `schemes` under securitySchemes and `paths`, sdk.yaml with `auth`
    under client (or, after `LEGACY`, the variable of `client.env.api_key`)."""
    spec = SPEC.replace("SCHEMES", schemes).replace("PATHS", paths)
    if not schemes:
        spec = spec.replace("  securitySchemes:\n", "  schemas: {}\n")
    if auth.startswith(LEGACY):
        sdk = SDK.replace("AUTH", "").replace("ENV", f"api_key: {auth.removeprefix(LEGACY)}, ")
    else:
        sdk = SDK.replace("AUTH", auth).replace("ENV", "")
    return spec, sdk


def context_of(schemes: str, auth: str, paths: str = "{}") -> Context:
    spec_text, sdk_text = documents(schemes, auth, paths)
    spec = parse_document(spec_text.encode(), "openapi.yaml")
    sdk = parse_document(sdk_text.encode(), "sdk.yaml")
    return Context(spec, sdk, read_sdk_config(sdk))


def resource(name: str) -> Resource:
    return Resource(name, name.title(), f"resources.{name}", "..", (), (), name, frozenset())


def built(schemes: str, auth: str = "", resources: tuple[Resource, ...] = ()) -> list[AuthScheme]:
    context = context_of(schemes, auth)
    found = auth_schemes(context, auth_wires(context), resources)
    context.check()
    return list(found)


def warned(schemes: str, paths: str = "{}") -> tuple[list[AuthScheme], list[tuple[int, str]]]:
    """The schemes built, and each warning as (line, message); no problem is allowed."""
    context = context_of(schemes, "", paths)
    wires = auth_wires(context)
    context.client_parameters = client_parameters(context, wires)
    found = auth_schemes(context, wires, ())
    context.check()
    return list(found), [(w.location.line, w.message) for w in sorted(context.warnings)]


def refusals(
    schemes: str, auth: str = "", resources: tuple[Resource, ...] = ()
) -> list[tuple[str, int, str]]:
    """Each problem as (file, line, message)."""
    context = context_of(schemes, auth)
    auth_schemes(context, auth_wires(context), resources)
    with pytest.raises(SpecError) as raised:
        context.check()
    return [(d.location.file, d.location.line, d.message) for d in raised.value.diagnostics]


def line_in(schemes: str, auth: str, file: str, text: str, paths: str = "{}") -> int:
    """The line of `file` (openapi.yaml or sdk.yaml) that holds `text`."""
    spec, sdk = documents(schemes, auth, paths)
    lines = (spec if file == "openapi.yaml" else sdk).splitlines()
    (line,) = [n for n, written in enumerate(lines, 1) if text in written]
    return line


# Where each kind of scheme puts its credential -------------------------------------------------


def place(scheme: AuthScheme) -> tuple[str, str, str, tuple[str, ...]]:
    """Where a scheme's credential goes, how it is written, and its arguments."""
    return scheme.location, scheme.name, scheme.kind, scheme.arguments


def test_an_api_key_goes_in_its_header_as_written() -> None:
    (scheme,) = built(KEY, LEGACY + "WIDGETS_KEY")
    assert scheme == AuthScheme(
        ("key",), "header", "x-widgets-key", "api_key", (Credential("api_key", "WIDGETS_KEY"),)
    )
    assert (scheme.value, scheme.sent_as) == ("api_key", "`x-widgets-key`")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("{type: apiKey, in: query, name: Key}", ("query", "Key", "api_key", ("api_key",))),
        ("{type: apiKey, in: cookie, name: sid}", ("cookie", "sid", "api_key", ("api_key",))),
        ("{type: http, scheme: Basic}", ("header", "authorization", "basic", BASIC_ARGUMENTS)),
        ("{type: oauth2, flows: {}}", ("header", "authorization", "bearer", ("auth_token",))),
        (
            "{type: openIdConnect, openIdConnectUrl: https://w.example.com}",
            ("header", "authorization", "bearer", ("auth_token",)),
        ),
    ],
    ids=["query", "cookie", "basic", "oauth2", "openIdConnect"],
)
def test_every_kind_of_scheme_is_a_credential_where_it_goes(
    written: str, expected: tuple[str, str, str, tuple[str, ...]]
) -> None:
    (scheme,) = built(f"    key: {written}\n")
    assert place(scheme) == expected


@pytest.mark.parametrize("written", ["bearer", "Bearer", "BEARER"])
def test_a_bearer_token_goes_in_authorization_after_bearer(written: str) -> None:
    (scheme,) = built(TOKEN.replace("bearer", written))
    assert (scheme.location, scheme.name, scheme.kind) == ("header", "authorization", "bearer")
    assert scheme.value == '"Bearer " + api_key'
    assert scheme.sent_as == "`authorization: Bearer <api_key>`"


def test_a_scheme_behind_a_ref_is_followed() -> None:
    schemes = '    key: {$ref: "#/components/x-schemes/real"}\n  x-schemes:\n  ' + KEY.replace(
        "key:", "real:"
    )
    (scheme,) = built(schemes)
    assert (scheme.scheme, scheme.name) == ("key", "x-widgets-key")


def test_schemes_of_one_kind_in_one_place_are_one_argument() -> None:
    # OpenAI's spec: two bearer keys, both in `authorization`; and OAuth2 beside them.
    schemes = TOKEN + TOKEN.replace("token:", "admin:") + "    oauth: {type: oauth2, flows: {}}\n"
    (scheme,) = built(schemes)
    assert (scheme.schemes, scheme.arguments) == (("token", "admin", "oauth"), ("api_key",))


def test_one_header_for_two_kinds_keeps_both_for_the_client_to_refuse_together() -> None:
    schemes = built(TOKEN + "    basic: {type: http, scheme: basic}\n")
    assert [place(s) for s in schemes] == [
        ("header", "authorization", "bearer", ("auth_token",)),
        ("header", "authorization", "basic", BASIC_ARGUMENTS),
    ]


def test_a_query_key_and_a_header_of_one_name_are_two_places() -> None:
    schemes = KEY + "    param: {type: apiKey, in: query, name: X-Widgets-Key}\n"
    assert [(s.location, s.name) for s in built(schemes)] == [
        ("header", "x-widgets-key"),
        ("query", "X-Widgets-Key"),
    ]


# Names: as sdk.yaml writes them, else derived --------------------------------------------------


def test_sdk_yaml_names_each_schemes_argument_and_variable() -> None:
    auth = (
        "  auth:\n"
        "    key: {argument: api_key, env: WIDGETS_API_KEY}\n"
        "    token: {argument: auth_token, env: WIDGETS_AUTH_TOKEN}\n"
    )
    assert [s.credentials for s in built(KEY + TOKEN, auth)] == [
        (Credential("api_key", "WIDGETS_API_KEY"),),
        (Credential("auth_token", "WIDGETS_AUTH_TOKEN"),),
    ]


def test_sdk_yaml_names_a_basic_schemes_username_and_under_password_its_password() -> None:
    auth = (
        "  auth:\n"
        "    basic:\n"
        "      argument: account_sid\n"
        "      env: TWILIO_ACCOUNT_SID\n"
        "      password: {argument: auth_secret, env: TWILIO_AUTH_SECRET}\n"
    )
    (scheme,) = built(BASIC, auth)
    assert scheme.credentials == (
        Credential("account_sid", "TWILIO_ACCOUNT_SID"),
        Credential("auth_secret", "TWILIO_AUTH_SECRET"),
    )


def test_a_basic_scheme_is_username_and_password_from_package_variables() -> None:
    (scheme,) = built(BASIC)
    assert scheme.credentials == (
        Credential("username", "WIDGETS_USERNAME"),
        Credential("password", "WIDGETS_PASSWORD"),
    )


def test_an_oauth2_token_is_an_auth_token_even_alone() -> None:
    (scheme,) = built("    oauth: {type: oauth2, flows: {}}\n")
    assert scheme.credentials == (Credential("auth_token", "WIDGETS_AUTH_TOKEN"),)


def test_the_older_env_api_key_names_the_only_schemes_variable_whatever_its_kind() -> None:
    (scheme,) = built(TOKEN, LEGACY + "WIDGETS_TOKEN")
    assert (scheme.credentials, scheme.name) == (
        (Credential("api_key", "WIDGETS_TOKEN"),),
        "authorization",
    )


@pytest.mark.parametrize("only", [KEY, TOKEN])
def test_a_specs_only_scheme_is_the_api_key_from_package_api_key(only: str) -> None:
    (scheme,) = built(only)
    assert scheme.credentials == (Credential("api_key", "WIDGETS_API_KEY"),)


def test_beside_others_each_scheme_is_named_by_its_kind() -> None:
    schemes = built(TOKEN + KEY, "  auth:\n    token: {env: W_TOKEN}\n")
    assert [(s.scheme, s.credentials) for s in schemes] == [
        ("token", (Credential("auth_token", "W_TOKEN"),)),
        ("key", (Credential("api_key", "WIDGETS_API_KEY"),)),
    ]


def test_schemes_that_would_share_a_derived_name_take_their_own_keys() -> None:
    schemes = KEY + KEY.replace("key:", "appId:").replace("X-Widgets-Key", "X-App-Id")
    assert [s.credentials for s in built(schemes)] == [
        (Credential("key", "WIDGETS_KEY"),),
        (Credential("app_id", "WIDGETS_APP_ID"),),
    ]


def test_basic_pairs_that_would_share_names_take_their_own_keys() -> None:
    schemes = BASIC + "    proxy: {type: http, scheme: basic}\n"
    context = context_of(schemes, "")
    wires = auth_wires(context)
    assert [w.kind for w in wires] == ["basic"]  # one kind in one place: one argument pair
    basic_query = BASIC + "    key: {type: apiKey, in: query, name: username}\n"
    assert [
        s.arguments for s in built(basic_query, "  auth:\n    key: {argument: username}\n")
    ] == [
        ("basic_username", "password"),
        ("username",),
    ]


def test_a_derived_name_gives_way_to_the_one_sdk_yaml_wrote() -> None:
    schemes = built(KEY + TOKEN, "  auth:\n    key: {argument: auth_token}\n")
    assert [s.arguments for s in schemes] == [("auth_token",), ("token",)]


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


def test_a_password_for_a_scheme_that_has_none_is_refused_in_sdk_yaml() -> None:
    auth = "  auth:\n    key:\n      password: {argument: secret}\n"
    assert refusals(KEY, auth) == [
        (
            "sdk.yaml",
            line_in(KEY, auth, "sdk.yaml", "password:"),
            "only HTTP basic has a password; 'key' is not HTTP basic",
        )
    ]


def test_a_derived_password_in_conflict_is_refused_with_the_password_s_hint() -> None:
    ((_, _, message),) = refusals(BASIC, resources=(resource("password"),))
    assert message == (
        "the credential argument 'password' would shadow the resource `client.password`; "
        "name it in sdk.yaml `client.auth.basic.password.argument`"
    )


def test_the_older_env_api_key_of_a_basic_scheme_is_refused_in_sdk_yaml() -> None:
    ((file, _, message),) = refusals(BASIC, LEGACY + "WIDGETS_KEY")
    assert file == "sdk.yaml"
    assert message.startswith("`client.env.api_key` names an API key or token, and 'basic' is")


def test_schemes_made_one_are_named_once_in_sdk_yaml() -> None:
    schemes = TOKEN + TOKEN.replace("token:", "admin:")
    auth = "  auth:\n    token: {argument: api_key}\n    admin: {argument: admin_key}\n"
    ((file, line, message),) = refusals(schemes, auth)
    assert (file, line) == ("sdk.yaml", line_in(schemes, auth, "sdk.yaml", "admin:"))
    assert message == (
        "security schemes 'token', 'admin' send one credential in header 'authorization', "
        "one argument: name it once"
    )


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "{type: apiKey, in: header, name: X Key}",
            "security scheme 'key' sends its key in the header 'X Key', which is no header "
            "name HTTP allows",
        ),
        (
            "{type: apiKey, in: cookie, name: 'a;b'}",
            "security scheme 'key' sends its key in the cookie 'a;b', which is no cookie "
            "name HTTP allows",
        ),
        (
            "{type: apiKey, in: body, name: key}",
            "security scheme 'key' is an API key without a place: it needs `in` (header, "
            "query or cookie) and a `name`",
        ),
    ],
)
def test_an_api_key_without_a_place_http_allows_is_refused(written: str, message: str) -> None:
    ((file, _, problem),) = refusals(f"    key: {written}\n")
    assert (file, problem) == ("openapi.yaml", message)


@pytest.mark.parametrize(
    ("written", "what"),
    [
        ("{type: http, scheme: digest}", "HTTP digest"),
        ("{type: http}", "HTTP without a scheme"),
        ("{type: mutualTLS}", "of type 'mutualTLS'"),
    ],
)
def test_a_scheme_the_client_cannot_send_is_a_warning_and_takes_no_argument(
    written: str, what: str
) -> None:
    schemes = KEY + f"    other: {written}\n"
    found, warnings = warned(schemes)
    assert [s.scheme for s in found] == ["key"]
    assert warnings == [
        (
            line_in(schemes, "", "openapi.yaml", "other:"),
            f"security scheme 'other' ({what}) is not one the client sends: the client takes "
            "no argument for it; pass an `http_client` that authenticates (httpx2's `auth=`, "
            "or a client certificate for mutual TLS) or its header in `default_headers`",
        )
    ]


def test_sdk_yaml_naming_a_scheme_the_client_cannot_send_is_refused_saying_so() -> None:
    schemes = KEY + "    other: {type: http, scheme: digest}\n"
    auth = "  auth:\n    other: {argument: digest}\n"
    assert refusals(schemes, auth) == [
        (
            "sdk.yaml",
            line_in(schemes, auth, "sdk.yaml", "other:"),
            "'other' is a security scheme the client does not send (see its warning in "
            "openapi.yaml): it takes no argument to name",
        )
    ]


def test_a_spec_without_schemes_or_credential_parameters_takes_no_credential() -> None:
    assert warned("") == ([], [])


# Credentials declared as parameters --------------------------------------------------------------


def operations_declaring(*parameters: str, total: int = 4) -> str:
    """`paths` with `total` GET operations, the first ones each declaring one of `parameters`
    (`in:name`, or `in:name*` on two operations)."""
    declared: list[str] = []
    for parameter in parameters:
        count = 2 if parameter.endswith("*") else 1
        declared += [parameter.rstrip("*")] * count
    lines = [""]
    for index in range(total):
        lines.append(f"  /op{index}:")
        lines.append("    get:")
        lines.append(f"      operationId: op{index}")
        if index < len(declared):
            location, _, name = declared[index].partition(":")
            lines.append(
                f"      parameters: [{{name: {name}, in: {location}, schema: {{type: string}}}}]"
            )
        lines.append("      responses: {'200': {description: ok}}")
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("parameter", "expected"),
    [
        ("header:x-api-key*", ("header", "x-api-key", "api_key", ("api_key",))),
        ("header:X-Api-Key*", ("header", "x-api-key", "api_key", ("api_key",))),
        ("query:api_key*", ("query", "api_key", "api_key", ("api_key",))),
        ("header:Authorization*", ("header", "authorization", "bearer", ("api_key",))),
        ("header:x-auth-token*", ("header", "x-auth-token", "api_key", ("api_key",))),
        ("query:API_KEY*", ("query", "API_KEY", "api_key", ("api_key",))),
    ],
)
def test_a_parameter_named_like_a_credential_on_half_the_operations_is_the_clients(
    parameter: str, expected: tuple[str, str, str, tuple[str, ...]]
) -> None:
    paths = operations_declaring(parameter)
    found, warnings = warned("", paths)
    assert [place(s) for s in found] == [expected]
    ((line, message),) = warnings
    assert line == line_in("", "", "openapi.yaml", "operationId: op0", paths) + 1
    written = parameter.partition(":")[2].rstrip("*")
    assert message.startswith(
        f"no security scheme is declared, but 2 of 4 operations declare the "
        f"{expected[0]} parameter {written!r}, a credential by its name: the client "
        "takes it as `api_key` (or $WIDGETS_API_KEY)"
    )


def test_a_credential_parameter_on_fewer_than_half_the_operations_stays_theirs() -> None:
    paths = operations_declaring("header:x-api-key", total=3)
    found, warnings = warned("", paths)
    assert found == []
    assert warnings == [
        (
            line_in("", "", "openapi.yaml", "operationId: op0", paths) + 1,
            "the header parameter 'x-api-key' looks like a credential, but only 1 of 3 "
            "operations declare it (fewer than half): it stays an argument of theirs; declare "
            "it under `components/securitySchemes` to make it the client's",
        )
    ]


@pytest.mark.parametrize("name", ["page_token", "next-token", "key", "x-request-id", "token"])
def test_a_parameter_not_named_like_a_credential_is_left_alone(name: str) -> None:
    assert warned("", operations_declaring(f"header:{name}*", f"query:{name}*")) == ([], [])


def test_a_key_and_an_authorization_header_are_two_credentials_named_by_kind() -> None:
    found, _ = warned("", operations_declaring("header:x-api-key*", "header:authorization*"))
    assert [s.credentials for s in found] == [
        (Credential("api_key", "WIDGETS_API_KEY"),),
        (Credential("auth_token", "WIDGETS_AUTH_TOKEN"),),
    ]


def test_sdk_yaml_names_a_credential_found_as_a_parameter_by_the_parameter_s_name() -> None:
    paths = operations_declaring("header:x-api-key*")
    spec, sdk = documents("", "  auth:\n    x-api-key: {env: W_KEY}\n    x-key: {}\n", paths)
    context = Context(
        parse_document(spec.encode(), "openapi.yaml"),
        parse_document(sdk.encode(), "sdk.yaml"),
        read_sdk_config(parse_document(sdk.encode(), "sdk.yaml")),
    )
    (scheme,) = auth_schemes(context, auth_wires(context), ())
    assert scheme.credentials == (Credential("api_key", "W_KEY"),)
    (problem,) = context.problems
    assert problem.message == (
        "'x-key' is not a credential of openapi.yaml: it declares no security scheme, and "
        "found as parameters: x-api-key"
    )


def test_no_method_takes_a_parameter_where_the_client_sends_a_credential() -> None:
    schemes = "    key: {type: apiKey, in: query, name: key}\n"
    paths = operations_declaring("query:key", "header:key")
    context = context_of(schemes, "", paths)
    context.client_parameters = client_parameters(context, auth_wires(context))
    assert context.sent_by_client("query", "key")
    assert not context.sent_by_client("header", "key")
    assert not context.sent_by_client("query", "Key")
    ((_, message),) = [(w.location.line, w.message) for w in context.warnings]
    assert message == (
        "the query parameter 'key' (declared by 1 operation) is where security scheme 'key' "
        "sends its credential: the client sends it with every request, and no method takes it"
    )


def test_a_header_credential_is_matched_whatever_the_case_it_is_declared_in() -> None:
    context = context_of(KEY, "", operations_declaring("header:x-widgets-KEY"))
    context.client_parameters = client_parameters(context, auth_wires(context))
    assert context.sent_by_client("header", "X-Widgets-Key")
