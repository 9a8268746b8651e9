"""`generator.sdk_config`: what sdk.yaml may say, its defaults, and where each problem is.

Pins the defaults a minimal config gets (600 s, 5 s to connect, 2 retries, `<PACKAGE>_LOG`,
the path key's query dropped), that every problem of a config is collected into one
`SpecError` located at the key or value at fault, and how error classes, methods, default
headers, the base URL, pagination and `--package-name` are checked.
"""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

import pytest

from generator.errors import Diagnostic, Location, SpecError
from generator.load import parse_document
from generator.model import PageScheme
from generator.runtime import DEPENDENCIES
from generator.sdk_client import AuthSetting
from generator.sdk_config import SdkConfig, read_sdk_config
from generator.sdk_errors import ErrorMapping
from generator.sdk_methods import MethodMapping
from generator.sdk_reader import is_identifier

from ..helpers import GENERATED, ROOT, SPEC

NAME = "sdk.yaml"

MINIMAL = """\
package: {name: widgets, version: 1.0.0}
client:
  sync_class: Widgets
  async_class: AsyncWidgets
  base_url: https://widgets.example.com
  env: {api_key: WIDGETS_KEY, base_url: WIDGETS_BASE_URL}
errors:
  base: WidgetsError
methods:
  widgets.list: widgets_list
"""


def sdk(client: str = "", statuses: str = "", methods: str = "", tail: str = "") -> str:
    """MINIMAL with lines added: to `client`, as `errors.statuses`, to `methods`, at the end."""
    text = MINIMAL.replace("  env:", client + "  env:")
    if statuses:
        text = text.replace(
            "  base: WidgetsError\n", "  base: WidgetsError\n  statuses:\n" + statuses
        )
    return text.replace("methods:\n", "methods:\n" + methods) + tail


def line_of(text: str, marker: str) -> int:
    """The 1-based line of the only line of `text` that holds `marker`."""
    (line,) = [n for n, written in enumerate(text.splitlines(), 1) if marker in written]
    return line


def problems(text: str, package_override: str | None = None) -> list[Diagnostic]:
    with pytest.raises(SpecError) as caught:
        read_sdk_config(parse_document(text.encode(), NAME), package_override)
    return caught.value.diagnostics


def problem_lines(text: str) -> list[tuple[int, str]]:
    """Each problem as (line, message), in file order."""
    return [(d.location.line, d.message) for d in problems(text)]


def only_problem(text: str) -> tuple[int, str]:
    (problem,) = problem_lines(text)
    return problem


# Defaults and the real config ----------------------------------------------------------------


def test_a_minimal_config_gets_the_documented_defaults() -> None:
    config = read_sdk_config(parse_document(MINIMAL.encode(), NAME))
    assert (config.package, config.version) == ("widgets", "1.0.0")
    assert (config.sync_class, config.async_class) == ("Widgets", "AsyncWidgets")
    assert config.base_url == "https://widgets.example.com"
    # The older `env.api_key`: the key of the spec's only scheme, passed as `api_key`.
    assert config.auth == (
        AuthSetting(None, "api_key", "WIDGETS_KEY", ("client", "env", "api_key")),
    )
    assert config.base_url_env == "WIDGETS_BASE_URL"
    assert config.log_env == "WIDGETS_LOG"
    assert (config.timeout, config.connect_timeout, config.max_retries) == (600.0, 5.0, 2)
    assert config.send_path_key_query is False
    assert config.default_headers == ()
    assert (config.error_base, config.errors) == ("WidgetsError", ())
    assert config.methods == (
        MethodMapping(("widgets", "list"), "widgets_list", ("methods", "widgets.list")),
    )
    assert config.pagination == ()


def test_the_real_sdk_yaml_reads_as_written() -> None:
    config = read_sdk_config(parse_document((SPEC / "sdk.yaml").read_bytes(), NAME))
    assert config.package == "anthropic_batches"
    assert config.log_env == "ANTHROPIC_LOG"
    assert config.auth == (
        AuthSetting("api_key", "api_key", "ANTHROPIC_API_KEY", ("client", "auth", "api_key")),
        AuthSetting("bearer", "auth_token", "ANTHROPIC_AUTH_TOKEN", ("client", "auth", "bearer")),
    )
    assert config.default_headers == (("anthropic-version", "2023-06-01"),)
    assert len(config.methods) == 25
    assert config.methods[0].path == ("beta", "messages", "batches", "create")
    assert config.methods[0].operation_id == "beta_message_batches_create"
    by_class = {e.class_name: e for e in config.errors}
    assert (by_class["InternalServerError"].status, by_class["InternalServerError"].parent) == (
        None,
        None,
    )
    assert (by_class["OverloadedError"].status, by_class["OverloadedError"].parent) == (
        529,
        "InternalServerError",
    )
    assert config.pagination == (
        cursor_scheme("data", "has_more", "first_id", "last_id", "after_id", "before_id"),
        PageScheme(
            "files", "token", (("items", "data"), ("next", "next_page"), ("parameter", "page"))
        ),
    )


def test_written_values_replace_the_defaults() -> None:
    text = sdk(
        client="  timeout: 30\n  connect_timeout: 2.5\n  max_retries: 0\n"
        "  path_key_query: send\n"
    ).replace("base_url: WIDGETS_BASE_URL}", "base_url: WIDGETS_BASE_URL, log: W_DEBUG}")
    config = read_sdk_config(parse_document(text.encode(), NAME))
    assert (config.timeout, config.connect_timeout, config.max_retries) == (30.0, 2.5, 0)
    assert isinstance(config.timeout, float)
    assert config.send_path_key_query is True
    assert config.log_env == "W_DEBUG"


# Every problem, located ----------------------------------------------------------------------


def test_every_problem_is_reported_at_once_in_file_order() -> None:
    text = sdk(
        client="  timeout: fast\n  max_retries: -1\n  colour: blue\n",
        tail="extras: 1\n",
    ).replace("https://widgets.example.com", "ftp://widgets.example.com")
    assert problem_lines(text) == [
        (
            line_of(text, "base_url: ftp"),
            "'ftp://widgets.example.com' is not an http(s) URL without spaces or control characters",
        ),
        (line_of(text, "timeout"), "`timeout` must be a positive number"),
        (line_of(text, "max_retries"), "`max_retries` must be a whole number >= 0"),
        (
            line_of(text, "colour"),
            "unknown key 'colour'; expected one of ['async_class', 'auth', 'base_url', "
            "'connect_timeout', 'default_headers', 'env', 'max_retries', 'path_key_query', "
            "'sync_class', 'timeout']",
        ),
        (
            line_of(text, "extras"),
            "unknown key 'extras'; expected one of ['client', 'errors', 'methods', 'package', "
            "'pagination', 'streaming']",
        ),
    ]


def test_an_unknown_key_is_located_at_the_key_itself() -> None:
    text = sdk(
        tail="pagination:\n  cursor: {items: data, has_more: has_more, first_id: f, "
        "last_id: l, after: a, before: b, limit: n}\n"
    )
    (problem,) = problems(text)
    line = line_of(text, "cursor")
    assert problem.location == Location(NAME, line, text.splitlines()[line - 1].index("limit") + 1)
    assert problem.message.startswith("unknown key 'limit'; expected one of ['after'")


def test_a_missing_required_string_is_located_at_its_mapping() -> None:
    text = MINIMAL.replace("  sync_class: Widgets\n", "")
    assert only_problem(text) == (
        line_of(text, "client:"),
        "`sync_class` must be a non-empty string",
    )


def test_a_document_that_is_not_a_mapping_is_refused_with_everything_it_lacks() -> None:
    found = problem_lines("- just\n- a list\n")
    assert (1, "expected a mapping") in found
    assert (1, "`methods` must map at least one `resource.method` to an operation") in found
    assert (1, "`name` must be a non-empty string") in found


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("  timeout: true\n", "`timeout` must be a positive number"),
        ("  timeout: 0\n", "`timeout` must be a positive number"),
        ('  timeout: "10"\n', "`timeout` must be a positive number"),
        ("  connect_timeout: -1\n", "`connect_timeout` must be a positive number"),
        ("  max_retries: 1.5\n", "`max_retries` must be a whole number >= 0"),
        ("  max_retries: false\n", "`max_retries` must be a whole number >= 0"),
        ("  path_key_query: keep\n", "`path_key_query` must be `drop` or `send`"),
        ("  default_headers: [a]\n", "`default_headers` must be a mapping of header name to value"),
    ],
)
def test_a_client_setting_of_the_wrong_type_is_refused_on_its_line(line: str, message: str) -> None:
    text = sdk(client=line)
    assert only_problem(text) == (line_of(text, line.strip()), message)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "sync_class: Widgets",
            "sync_class: 1Widgets",
            "'1Widgets' is not a valid Python identifier",
        ),
        (
            "async_class: AsyncWidgets",
            "async_class: class",
            "'class' is not a valid Python identifier",
        ),
        ("name: widgets", "name: my-widgets", "'my-widgets' is not a valid Python identifier"),
        ("version: 1.0.0", "version: ''", "`version` must be a non-empty string"),
        ("base: WidgetsError", "base: 12", "`base` must be a non-empty string"),
    ],
)
def test_a_name_that_is_no_identifier_or_no_string_is_refused_on_its_line(
    old: str, new: str, message: str
) -> None:
    text = MINIMAL.replace(old, new)
    assert only_problem(text) == (line_of(text, new), message)


@pytest.mark.parametrize("version", ["1.0.0", "0", "2.0.0rc1", "1!2.0", "1.0.post1.dev2"])
def test_a_pep_440_version_is_accepted(version: str) -> None:
    config = read_sdk_config(
        parse_document(MINIMAL.replace("1.0.0", f"'{version}'").encode(), NAME)
    )
    assert config.version == version


@pytest.mark.parametrize("version", ["v1", "1.0.0-beta", "2024-06-01 ", "1.0.0+local", "01.2"])
def test_a_version_pip_cannot_install_the_package_under_is_refused(version: str) -> None:
    """It is the generated pyproject.toml's version: refused here, with its line, rather than
    by pip on the user's machine."""
    text = MINIMAL.replace("version: 1.0.0", f"version: '{version}'")
    line, message = only_problem(text)
    assert line == 1
    assert message.startswith(f"{version!r} is not a version pip can install: use PEP 440's")


def test_a_section_of_the_wrong_shape_is_refused_at_the_section() -> None:
    text = MINIMAL.replace("  env: {api_key: WIDGETS_KEY, base_url: WIDGETS_BASE_URL}", "  env: []")
    found = problem_lines(text)
    env = line_of(text, "env:")
    assert (env, "expected a mapping") in found
    assert (env, "`base_url` must be a non-empty string") in found


@pytest.mark.parametrize("value", [".nan", ".inf"])
def test_a_timeout_that_is_not_a_finite_number_is_refused(value: str) -> None:
    text = sdk(client=f"  timeout: {value}\n")
    assert only_problem(text) == (line_of(text, "timeout"), "`timeout` must be a positive number")


# auth ----------------------------------------------------------------------------------------

LEGACY_ENV = "  env: {api_key: WIDGETS_KEY, base_url: WIDGETS_BASE_URL}\n"


def with_auth(auth: str) -> str:
    """MINIMAL with `client.auth` set to the lines `auth` and no older `env.api_key`."""
    return MINIMAL.replace(LEGACY_ENV, "  auth:\n" + auth + "  env: {base_url: WIDGETS_BASE_URL}\n")


def test_auth_names_each_schemes_argument_and_variable_where_written() -> None:
    text = with_auth(
        "    key: {argument: api_key, env: WIDGETS_API_KEY}\n"
        "    token: {argument: auth_token, env: WIDGETS_AUTH_TOKEN}\n"
    )
    config = read_sdk_config(parse_document(text.encode(), NAME))
    assert config.auth == (
        AuthSetting("key", "api_key", "WIDGETS_API_KEY", ("client", "auth", "key")),
        AuthSetting("token", "auth_token", "WIDGETS_AUTH_TOKEN", ("client", "auth", "token")),
    )
    assert config.auth[1].at("env") == ("client", "auth", "token", "env")


@pytest.mark.parametrize("entry", ["{}", "", "{env: W_TOKEN}", "{argument: token}"])
def test_an_auth_entry_may_leave_its_names_to_be_derived(entry: str) -> None:
    text = with_auth(f"    token: {entry}\n")
    (setting,) = read_sdk_config(parse_document(text.encode(), NAME)).auth
    assert setting.scheme == "token"
    assert setting.argument == ("token" if "argument" in entry else None)
    assert setting.env == ("W_TOKEN" if "env" in entry else None)


def test_without_auth_or_env_api_key_every_name_is_derived() -> None:
    text = MINIMAL.replace(LEGACY_ENV, "  env: {base_url: WIDGETS_BASE_URL}\n")
    assert read_sdk_config(parse_document(text.encode(), NAME)).auth == ()


def test_the_older_env_api_key_beside_auth_is_refused_at_env_api_key() -> None:
    text = MINIMAL.replace("  env:", "  auth:\n    key: {}\n  env:")
    assert only_problem(text) == (
        line_of(text, "api_key: WIDGETS_KEY"),
        "`client.env.api_key` is the older form of `client.auth`; beside `client.auth`, "
        "give each scheme's variable as `client.auth.<scheme>.env`",
    )


@pytest.mark.parametrize(
    "name", ["WIDGETS KEY", "1WIDGETS", "W-KEY", "W=1", "'W\"; import os #'", "ÜBER"]
)
@pytest.mark.parametrize(
    "where",
    ["    key: {env: NAME}\n", "LEGACY api_key", "LEGACY base_url", "LEGACY log"],
)
def test_an_environment_variable_a_shell_cannot_set_is_refused_on_its_line(
    name: str, where: str
) -> None:
    if where.startswith("LEGACY"):
        key = where.split()[1]
        env = {"api_key": "WIDGETS_KEY", "base_url": "WIDGETS_BASE_URL", key: "NAME"}
        text = MINIMAL.replace(
            LEGACY_ENV, "  env:\n" + "".join(f"    {k}: {v}\n" for k, v in env.items())
        )
    else:
        text = with_auth(where)
    text = text.replace("NAME", name)
    line, message = only_problem(text)
    assert line == line_of(text, name)
    assert message.endswith(
        "is not an environment variable name (letters, digits and `_`, not starting with a digit)"
    )


@pytest.mark.parametrize("argument", ["AuthToken", "_token", "2fa", "auth-token", "class", "'a b'"])
def test_an_argument_that_is_no_lower_case_identifier_is_refused_on_its_line(
    argument: str,
) -> None:
    text = with_auth(f"    token: {{argument: {argument}}}\n")
    line, message = only_problem(text)
    assert line == line_of(text, "token:")
    assert message.endswith("is not a lower-case Python identifier (the constructor argument)")


@pytest.mark.parametrize(
    ("auth", "message"),
    [
        ("    token: {argument: t, header: x}\n", "unknown key 'header'"),
        ("    token: [t]\n", "expected a mapping"),
        ("    token: {argument: ''}\n", "`argument` must be a non-empty string"),
        ("    token: {env: 5}\n", "`env` must be a non-empty string"),
    ],
)
def test_an_auth_entry_of_the_wrong_shape_is_refused_on_its_line(auth: str, message: str) -> None:
    text = with_auth(auth)
    line, found = only_problem(text)
    assert line == line_of(text, "token:")
    assert found.startswith(message)


def test_an_http_basic_entry_names_its_password_under_password() -> None:
    text = with_auth(
        "    basic:\n"
        "      argument: account_sid\n"
        "      password: {argument: auth_secret, env: WIDGETS_AUTH_SECRET}\n"
    )
    (setting,) = read_sdk_config(parse_document(text.encode(), NAME)).auth
    where = ("client", "auth", "basic")
    assert setting == AuthSetting(
        "basic",
        "account_sid",
        None,
        where,
        AuthSetting("basic", "auth_secret", "WIDGETS_AUTH_SECRET", (*where, "password")),
    )
    assert setting.password is not None
    assert setting.password.at("env") == (*where, "password", "env")


def test_a_password_entry_takes_no_password_of_its_own() -> None:
    text = with_auth("    basic:\n      password: {argument: p, password: {}}\n")
    line, message = only_problem(text)
    assert line == line_of(text, "password: {argument")
    assert message.startswith("unknown key 'password'; expected one of ['argument', 'env']")


def test_auth_that_is_not_a_mapping_is_refused_at_auth() -> None:
    text = with_auth("    - token\n")
    assert only_problem(text) == (
        line_of(text, "auth:"),
        "`auth` must map security scheme names to `{argument, env}`",
    )


# base_url ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "ftp://widgets.example.com",
        "widgets.example.com",
        "https://",
        '"https://widgets example.com"',
        '"https://widgets.example.com/\\tv1"',
        '"https://widgets.example.com/\\x7f"',
    ],
)
def test_a_base_url_that_is_not_a_clean_http_url_is_refused(url: str) -> None:
    text = MINIMAL.replace("https://widgets.example.com", url)
    line, message = only_problem(text)
    assert line == line_of(text, "  base_url: ")
    assert message.endswith("is not an http(s) URL without spaces or control characters")


@pytest.mark.parametrize("url", ["http://localhost:4010", "https://api.example.com/v1"])
def test_an_http_or_https_base_url_is_accepted(url: str) -> None:
    config = read_sdk_config(
        parse_document(MINIMAL.replace("https://widgets.example.com", url).encode(), NAME)
    )
    assert config.base_url == url


# default_headers -----------------------------------------------------------------------------


def test_default_headers_keep_their_order_with_lowercased_names() -> None:
    text = sdk(client='  default_headers:\n    Anthropic-Version: "2023-06-01"\n    x-b: two\n')
    config = read_sdk_config(parse_document(text.encode(), NAME))
    assert config.default_headers == (("anthropic-version", "2023-06-01"), ("x-b", "two"))


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ('"x a": v', "'x a' is not a valid HTTP header name"),
        ('"x:y": v', "'x:y' is not a valid HTTP header name"),
        ('"": v', "'' is not a valid HTTP header name"),
        ('x-a: "one\\ntwo"', "a header value must be a string on one line"),
        ('x-a: "one\\rtwo"', "a header value must be a string on one line"),
        ('x-a: "one\\0two"', "a header value must be a string on one line"),
        ("x-a: 1", "a header value must be a string on one line"),
        ("x-a: [v]", "a header value must be a string on one line"),
    ],
)
def test_a_bad_header_name_or_value_is_refused_on_its_line(header: str, message: str) -> None:
    text = sdk(client=f"  default_headers:\n    {header}\n")
    assert only_problem(text) == (line_of(text, header), message)


def test_a_default_header_named_twice_in_different_cases_is_refused() -> None:
    text = sdk(client="  default_headers:\n    X-Trace: one\n    x-trace: two\n")
    assert len(problems(text)) == 1


# errors --------------------------------------------------------------------------------------


def test_error_classes_read_with_statuses_5xx_and_parents() -> None:
    text = sdk(
        statuses="    - {class: NotFound, status: 404}\n"
        "    - {class: Server, status: 5xx}\n"
        "    - {class: Overloaded, status: 529, parent: Server}\n"
    )
    config = read_sdk_config(parse_document(text.encode(), NAME))
    where = ("errors", "statuses")
    assert config.errors == (
        ErrorMapping("NotFound", 404, None, (*where, 0)),
        ErrorMapping("Server", None, None, (*where, 1)),
        ErrorMapping("Overloaded", 529, "Server", (*where, 2)),
    )


def test_an_error_class_listed_twice_is_refused_at_the_second() -> None:
    text = sdk(statuses="    - {class: Gone, status: 404}\n    - {class: Gone, status: 410}\n")
    (problem,) = problems(text)
    assert problem.location == Location(NAME, line_of(text, "410"), 8)
    assert problem.message == "error class 'Gone' is listed twice"


@pytest.mark.parametrize(("status", "shown"), [("404", "404"), ("5xx", "5xx")])
def test_a_status_mapped_twice_is_refused_at_the_second(status: str, shown: str) -> None:
    text = sdk(
        statuses=f"    - {{class: A, status: {status}}}\n    - {{class: B, status: {status}}}\n"
    )
    (problem,) = problems(text)
    assert problem.location == Location(NAME, line_of(text, "class: B"), 18)
    assert problem.message == f"status {shown} is mapped twice"


@pytest.mark.parametrize(
    "statuses",
    [
        "    - {class: A, status: 500, parent: B}\n    - {class: B, status: 501}\n",
        "    - {class: A, status: 500, parent: A}\n",
        "    - {class: A, status: 500, parent: Missing}\n",
        "    - {class: A, status: 500, parent: 7}\n",
    ],
)
def test_a_parent_must_name_a_class_listed_above(statuses: str) -> None:
    text = sdk(statuses=statuses)
    assert only_problem(text) == (
        line_of(text, "parent"),
        "`parent` must name a class listed above this one",
    )


@pytest.mark.parametrize("status", ["399", "600", '"404"', "true", "4xx", "404.0"])
def test_a_status_outside_400_to_599_or_5xx_is_refused(status: str) -> None:
    text = sdk(statuses=f"    - {{class: A, status: {status}}}\n")
    assert only_problem(text) == (
        line_of(text, "- {class: A"),
        "`status` must be a code from 400 to 599, or `5xx`",
    )


def test_statuses_must_be_a_list_of_known_keys() -> None:
    text = sdk(statuses="    {class: A}\n")
    assert only_problem(text) == (line_of(text, "statuses"), "`statuses` must be a list")
    text = sdk(statuses="    - {class: A, status: 404, retry: true}\n")
    line, message = only_problem(text)
    assert line == line_of(text, "retry")
    assert message.startswith("unknown key 'retry'")


@pytest.mark.parametrize(
    "statuses",
    [
        "    - {class: A, status: 4040}\n    - {class: B, status: 4041}\n",
        "    - {status: 404}\n    - {status: 405}\n",
    ],
)
def test_two_invalid_entries_are_not_also_reported_as_duplicates(statuses: str) -> None:
    assert len(problems(sdk(statuses=statuses))) == 2


def module_names(path: Path) -> set[str]:
    """Every name a module binds at its top level: classes, functions, assignments, imports."""
    names: set[str] = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.ClassDef | ast.FunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {target.id for target in targets if isinstance(target, ast.Name)}
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return names


def spec_names(config: SdkConfig) -> set[str]:
    """The names a package binds that its own spec chose."""
    schemes = {scheme.name.upper() for scheme in config.pagination}
    errors = {error.class_name for error in config.errors}
    return {config.error_base, config.sync_class, config.async_class, *errors, *schemes}


def names_beside_the_error_classes() -> list[str]:
    """What the modules a status class is defined in or exported from bind, in the committed
    packages (the real client, and each golden record), but for what each one's spec chose:
    `_errors`, `_exceptions`, `_config` and `__init__`."""
    packages = [(GENERATED / "anthropic_batches", SPEC / "sdk.yaml")] + [
        (next(p for p in (folder / "expected").iterdir() if (p / "_config.py").exists()), folder)
        for folder in sorted((ROOT / "tests" / "golden").iterdir())
        # A bare spec's names come from its defaults, which another config would not choose.
        if (folder / "spec" / "sdk.yaml").exists()
    ]
    names: set[str] = set()
    for package, spec in packages:
        sdk_yaml = spec if spec.is_file() else spec / "spec" / "sdk.yaml"
        config = read_sdk_config(parse_document(sdk_yaml.read_bytes(), NAME))
        for module in ("_errors.py", "_exceptions.py", "_config.py", "__init__.py"):
            names |= module_names(package / module) - spec_names(config)
    return sorted(names)


SHADOWING = names_beside_the_error_classes()


def test_the_names_beside_the_error_classes_are_the_runtimes_and_the_templates() -> None:
    """A check of the list the next tests refuse: it holds what the issue found."""
    assert {"APIError", "APIStatusError", "ClientError", "RepeatedPageError"} <= set(SHADOWING)
    assert {"STATUS_ERRORS", "SERVER_ERROR", "APIResponse", "NotGiven", "httpx2"} <= set(SHADOWING)


def test_no_error_class_may_take_a_name_bound_beside_it() -> None:
    """All at once, one status each: every one is refused on its own line."""
    statuses = "".join(
        f"    - {{class: {name}, status: {400 + n}}}\n" for n, name in enumerate(SHADOWING)
    )
    text = sdk(statuses=statuses)
    found = {(d.location.line, d.location.column): d.message for d in problems(text)}
    for name in SHADOWING:
        message = found.get((line_of(text, f"{{class: {name},"), 8))
        assert message is not None, name
        assert message.startswith(f"error class {name!r} would shadow "), message


@pytest.mark.parametrize("name", ["APIError", "APIStatusError", "ClientError", "NotGiven"])
def test_the_root_error_class_may_not_take_a_name_bound_beside_it_either(name: str) -> None:
    text = MINIMAL.replace("base: WidgetsError", f"base: {name}")
    (problem,) = problems(text)
    assert problem.location == Location(NAME, line_of(text, "base:"), 3)
    assert problem.message.startswith(f"error class {name!r} would shadow ")


def test_every_name_bound_beside_the_error_classes_is_refused_as_the_root() -> None:
    for name in SHADOWING:
        (problem,) = problems(MINIMAL.replace("base: WidgetsError", f"base: {name}"))
        assert problem.message.startswith(f"error class {name!r} would shadow "), name


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("WidgetsError", "the root error class (`errors.base`)"),
        ("Widgets", "the client class (`client.sync_class`)"),
        ("AsyncWidgets", "the client class (`client.async_class`)"),
        ("TimeoutError", "a Python builtin"),
        ("Exception", "a Python builtin"),
    ],
)
def test_an_error_class_may_not_shadow_this_specs_own_names_or_a_builtin(
    name: str, what: str
) -> None:
    text = sdk(statuses=f"    - {{class: {name}, status: 408}}\n")
    assert only_problem(text) == (
        line_of(text, "status: 408"),
        f"error class {name!r} would shadow {what}: choose another name",
    )


def test_an_error_class_may_not_shadow_a_pagination_constant_of_config() -> None:
    text = sdk(
        statuses="    - {class: PAGES, status: 404}\n",
        tail="pagination:\n  pages: {kind: token, items: data, next: next, parameter: page}\n",
    )
    assert only_problem(text) == (
        line_of(text, "class: PAGES"),
        "error class 'PAGES' would shadow a name `_config` defines: choose another name",
    )


# methods -------------------------------------------------------------------------------------


def test_dotted_method_paths_read_as_resources_then_the_method() -> None:
    text = sdk(methods="  beta.messages.batches.list: beta_list\n")
    config = read_sdk_config(parse_document(text.encode(), NAME))
    assert [(m.path, m.operation_id) for m in config.methods] == [
        (("beta", "messages", "batches", "list"), "beta_list"),
        (("widgets", "list"), "widgets_list"),
    ]
    assert config.methods[0].where == ("methods", "beta.messages.batches.list")


@pytest.mark.parametrize(
    "dotted",
    [
        "list",
        "widgets..list",
        "widgets.class",
        "widgets._hidden",
        "_private.list",
        "w.list-all",
        "1w.list",
        "w.list.",
    ],
)
def test_a_method_path_that_is_not_dotted_public_identifiers_is_refused_at_its_key(
    dotted: str,
) -> None:
    text = sdk(methods=f'  "{dotted}": op\n')
    assert only_problem(text) == (
        line_of(text, ": op"),
        f"{dotted!r} must be dotted public Python identifiers: resource names, then the method",
    )


@pytest.mark.parametrize("value", ["5", "[op]", "null"])
def test_a_method_must_map_to_an_operation_id_string(value: str) -> None:
    text = sdk(methods=f"  widgets.get: {value}\n")
    assert only_problem(text) == (
        line_of(text, "widgets.get"),
        "the value must be an operationId from openapi.yaml",
    )


@pytest.mark.parametrize("section", ["methods: {}\n", "methods: [a.b]\n", ""])
def test_methods_must_map_at_least_one_method(section: str) -> None:
    text = MINIMAL.replace("methods:\n  widgets.list: widgets_list\n", section)
    line, message = only_problem(text)
    assert message == "`methods` must map at least one `resource.method` to an operation"
    assert line == (line_of(text, "methods") if section else 1)


# pagination ----------------------------------------------------------------------------------

CURSOR = "pagination:\n  cursor: {items: data, has_more: more, first_id: first, last_id: last, after: after-id, before: before_id}\n"


def cursor_scheme(*names: str) -> PageScheme:
    roles = ("items", "has_more", "first_id", "last_id", "after", "before")
    return PageScheme("cursor", "cursor", tuple(zip(roles, names, strict=True)))


def test_pagination_names_read_as_model_attributes_and_wire_parameters() -> None:
    config = read_sdk_config(parse_document(sdk(tail=CURSOR).encode(), NAME))
    assert config.pagination == (
        cursor_scheme("data", "more", "first", "last", "after-id", "before_id"),
    )


def test_schemes_of_each_kind_are_read_by_name() -> None:
    text = sdk(
        tail="pagination:\n"
        "  files: {kind: token, items: data, next: next_page, parameter: page}\n"
        "  offset: {items: results, offset: skip, total: count}\n"
    )
    files, offset = read_sdk_config(parse_document(text.encode(), NAME)).pagination
    assert files == PageScheme(
        "files", "token", (("items", "data"), ("next", "next_page"), ("parameter", "page"))
    )
    assert (files.constant, files.fields_class, files.pager) == (
        "FILES",
        "TokenFields",
        "AsyncTokenPager",
    )
    assert offset == PageScheme(
        "offset", "offset", (("items", "results"), ("offset", "skip"), ("total", "count"))
    )
    assert (offset.response_fields, offset.query_parameters) == (("results", "count"), ("skip",))


def test_a_scheme_of_no_known_kind_is_refused_where_it_is_named() -> None:
    text = sdk(tail="pagination:\n  pages: {items: data}\n")
    line, message = only_problem(text)
    assert line == line_of(text, "pages")
    assert message == "`kind` must be one of cursor, token, offset, for scheme 'pages'"


def test_pagination_attributes_must_be_identifiers() -> None:
    text = sdk(tail=CURSOR.replace("items: data", "items: page-data"))
    assert only_problem(text) == (
        line_of(text, "cursor"),
        "'page-data' is not a valid Python identifier",
    )


def test_a_cursor_missing_names_reports_each_one_at_the_cursor() -> None:
    text = sdk(tail="pagination:\n  cursor: {items: data}\n")
    assert problem_lines(text) == [
        (line_of(text, "cursor"), f"`{name}` must be a non-empty string")
        for name in ("after", "before", "first_id", "has_more", "last_id")
    ]


def test_a_cursor_with_an_unknown_name_is_refused() -> None:
    text = sdk(tail=CURSOR.replace("before: before_id", "before: before_id, limit: limit"))
    line, message = only_problem(text)
    assert line == line_of(text, "cursor")
    assert message.startswith("unknown key 'limit'")


# --package-name ------------------------------------------------------------------------------


def test_a_package_override_replaces_the_name_and_the_default_log_variable() -> None:
    config = read_sdk_config(parse_document(MINIMAL.encode(), NAME), "gadgets")
    assert (config.package, config.log_env) == ("gadgets", "GADGETS_LOG")


def test_a_package_override_replaces_a_name_that_would_be_refused() -> None:
    text = MINIMAL.replace("name: widgets", "name: my-widgets")
    assert read_sdk_config(parse_document(text.encode(), NAME), "widgets").package == "widgets"


@pytest.mark.parametrize("override", ["my-widgets", "1widgets", "import", ""])
def test_a_package_override_that_is_no_identifier_is_refused_at_package_name(
    override: str,
) -> None:
    (problem,) = problems(MINIMAL, override)
    assert problem.location == Location(NAME, 1, 11)
    assert problem.message == f"--package-name {override!r} is not a valid Python identifier"


def dependency_modules() -> set[str]:
    """The import names of the generated package's dependencies and theirs, as installed here
    (the `[client]` extra), from their distributions' records."""
    found: set[str] = set()
    pending, seen = [name for name, _ in DEPENDENCIES], set()
    while pending:
        name = pending.pop()
        if name.lower().replace("_", "-") in seen:
            continue
        seen.add(name.lower().replace("_", "-"))
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:  # for another platform or Python only
            continue
        for file in distribution.files or []:
            top = file.parts[0]
            if top.endswith((".dist-info", ".pth")) or top in ("..", "__pycache__"):
                continue
            found.add(top.removesuffix(".py"))
        for requirement in distribution.requires or []:
            if "extra ==" not in requirement:
                pending.append(re.split(r"[^A-Za-z0-9_.-]", requirement, maxsplit=1)[0])
    return found


@pytest.mark.parametrize(
    "name", ["json", "typing", "http", "sys", "email", "asyncio", "annotationlib"]
)
def test_a_package_name_of_the_standard_library_is_refused_at_package_name(name: str) -> None:
    """`import json` in the client's own code (or in pydantic's) would find the package."""
    (problem,) = problems(MINIMAL, name)
    assert problem.location == Location(NAME, 1, 11)
    assert problem.message == (
        f"--package-name {name!r} is the name of a module of Python's standard library: "
        "choose another name"
    )
    text = MINIMAL.replace("name: widgets", f"name: {name}")
    assert only_problem(text) == (
        1,
        f"package name {name!r} is the name of a module of Python's standard library: "
        "choose another name",
    )


@pytest.mark.parametrize(
    "name", ["httpx2", "pydantic", "typing_extensions", "anyio", "pydantic_core", "h11"]
)
def test_a_package_name_of_a_dependency_is_refused_at_package_name(name: str) -> None:
    (problem,) = problems(MINIMAL, name)
    assert problem.location == Location(NAME, 1, 11)
    assert problem.message == (
        f"--package-name {name!r} is the name of a package the generated client runs on "
        "(a dependency, or one of theirs): choose another name"
    )


def test_every_standard_module_and_every_dependency_is_refused_as_the_package() -> None:
    names = sorted(
        name for name in {*sys.stdlib_module_names, *dependency_modules()} if is_identifier(name)
    )
    assert {"httpx2", "httpcore2", "anyio", "pydantic", "pydantic_core", "idna"} <= set(names)
    for name in names:
        (problem,) = problems(MINIMAL, name)
        assert problem.message.startswith(f"--package-name {name!r} is the name of"), name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("widgets", True),
        ("_x1", True),
        ("class", False),
        ("1x", False),
        ("a-b", False),
        ("é", False),
        ("", False),
    ],
)
def test_is_identifier_accepts_ascii_identifiers_but_keywords(name: str, expected: bool) -> None:
    assert is_identifier(name) is expected
