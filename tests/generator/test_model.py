"""`generator.model`: what the intermediate model works out for the templates.

Pins docstring prose (`fill` wraps at 88 and never breaks `in-progress`; `fill_paragraphs`
leaves lists, code and tables as written), `Method.doc` (the summary not repeated, the
deprecation note, every argument documented, the call options last), `Method.signature`,
`Resource.doc` for a resource with methods and for one holding only sub-resources, the order
of `Operation.keyword_parameters` (cookies last, as in the docstring), what a parameter sends
(`Parameter.value`: values always sent, a style of its own), the sync twin's return annotation, and what the client's
credentials print as (the header value, the no-credentials condition and message).
"""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from generator.imports import Import
from generator.model import (
    CALL_OPTION_DOCS,
    DOC_WIDTH,
    Api,
    AuthKind,
    AuthLocation,
    AuthScheme,
    ClientConfig,
    Credential,
    ErrorClass,
    Method,
    Operation,
    Parameter,
    ParameterLocation,
    Resource,
    ResponseShape,
    fill,
    fill_paragraphs,
)
from generator.pipeline import build, load_spec
from generator.pytypes import Builtin, Generic, ListOf, Named, PyType

from ..helpers import SPEC

STR = Builtin("str")


def parameter(
    name: str, location: ParameterLocation, required: bool = False, description: str = ""
) -> Parameter:
    return Parameter(name.replace("_", "-"), name, location, required, STR, description)


def operation(**changes: object) -> Operation:
    base = Operation(
        operation_id="things_get",
        http_method="get",
        path="/v1/things/{thing_id}",
        literal_query=(),
        summary="",
        description="",
        deprecated=False,
        path_parameters=(),
        query_parameters=(),
        header_parameters=(),
        body_parameters=(),
        has_body=False,
        response=ResponseShape("model", "Thing"),
        returns=Named("Thing", ".types"),
        idempotent=True,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def resource(
    name: str, dotted: str, methods: tuple[Method, ...] = (), children: tuple[Resource, ...] = ()
) -> Resource:
    return Resource(
        name=name,
        class_name=name.title(),
        module=f"resources.{dotted}",
        root_import="..",
        methods=methods,
        children=children,
        dotted=dotted,
        imports=frozenset(),
    )


@pytest.fixture(scope="module")
def api() -> Api:
    return build(load_spec(SPEC))


def method_of(api: Api, dotted: str) -> Method:
    *resource_path, name = dotted.split(".")
    owner = next(r for r in api.all_resources if r.dotted == ".".join(resource_path))
    return next(m for m in owner.methods if m.name == name)


# fill, fill_paragraphs -----------------------------------------------------------------------

PROSE = (
    "Once a Message Batch is created, it begins processing immediately; a batch that is "
    "in-progress can be canceled, and a canceled batch keeps the results of requests that "
    "were already processed, each one with its own custom-id and result-type."
)


def test_fill_wraps_prose_at_88_columns() -> None:
    lines = fill(PROSE).splitlines()
    assert len(lines) > 1
    assert all(len(line) <= DOC_WIDTH for line in lines)
    # Not narrower than it must be: the next word would not have fit.
    words = PROSE.split()
    for line, following in itertools.pairwise(lines):
        assert len(line) + 1 + len(following.split()[0]) > DOC_WIDTH
    assert " ".join(lines) == " ".join(words)


def test_fill_never_breaks_a_word_at_a_hyphen() -> None:
    # Placed so that "in-" would end the first line if hyphens were break points.
    text = "x" * 80 + " in-progress"
    assert fill(text) == "x" * 80 + "\nin-progress"
    for line in fill(PROSE).splitlines():
        assert not line.endswith("-")


def test_fill_joins_the_lines_and_spaces_it_is_given() -> None:
    assert fill("one\n  two\tthree   four") == "one two three four"


def test_fill_indents_the_first_and_the_following_lines_as_asked() -> None:
    lines = fill(PROSE, initial_indent="  name: ", subsequent_indent="    ").splitlines()
    assert lines[0].startswith("  name: Once")
    assert all(line.startswith("    ") and line[4] != " " for line in lines[1:])
    assert all(len(line) <= DOC_WIDTH for line in lines)


def test_fill_keeps_a_word_longer_than_the_width_whole() -> None:
    url = "https://docs.example.com/en/api/" + "a" * 70
    assert url in fill(f"See {url} for details.").splitlines()


def test_fill_paragraphs_rewraps_each_prose_paragraph_on_its_own() -> None:
    text = "First paragraph,\nwritten on\nthree lines.\n\n" + PROSE
    paragraphs = fill_paragraphs(text).split("\n\n")
    assert paragraphs == ["First paragraph, written on three lines.", fill(PROSE)]


@pytest.mark.parametrize(
    "markup",
    [
        "- first item\n- second item that is long enough",
        "* starred\n* items",
        "1. numbered\n2) items",
        "```python\nclient.messages.batches.list(limit=20)\n```",
        "    indented code\n    more code",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "# A heading\nwith text",
        "> a quote\n> goes on",
        "Intro line,\n- then a list",
        "Args:\n  x: y",
    ],
)
def test_fill_paragraphs_leaves_lists_code_and_tables_as_written(markup: str) -> None:
    text = f"Some prose\nto rewrap.\n\n{markup}\n\nMore prose\nhere."
    assert fill_paragraphs(text) == f"Some prose to rewrap.\n\n{markup}\n\nMore prose here."


# Method.doc ----------------------------------------------------------------------------------


def test_the_doc_of_a_real_method_reads_summary_description_then_arguments(api: Api) -> None:
    doc = method_of(api, "beta.messages.batches.retrieve").doc
    paragraphs = doc.split("\n\n")
    assert paragraphs[0] == "Retrieve a Message Batch."
    assert paragraphs[1].startswith("This endpoint is idempotent")
    assert paragraphs[2] == "Args:\n  message_batch_id: ID of the Message Batch."
    assert paragraphs[3].startswith("  betas: ")
    assert [p.split(":")[0].strip() for p in paragraphs[-len(CALL_OPTION_DOCS) :]] == [
        name for name, _ in CALL_OPTION_DOCS
    ]
    assert all(len(line) <= DOC_WIDTH for line in doc.splitlines())


def test_a_summary_gets_a_full_stop() -> None:
    doc = Method("get", operation(summary="Get a thing")).doc
    assert doc.startswith("Get a thing.\n\nArgs:\n")


@pytest.mark.parametrize("summary", ["Get a thing", "Get a thing."])
def test_the_summary_is_not_repeated_when_the_description_starts_with_it(summary: str) -> None:
    doc = Method("get", operation(summary=summary, description="Get a thing by its id.")).doc
    assert doc.startswith("Get a thing by its id.\n\nArgs:\n")
    assert doc.count("Get a thing") == 1


def test_a_summary_and_a_different_description_are_both_kept() -> None:
    doc = Method("get", operation(summary="Get a thing", description="By its id.")).doc
    assert doc.startswith("Get a thing.\n\nBy its id.\n\nArgs:\n")


def test_without_summary_or_description_the_doc_names_the_route() -> None:
    doc = Method("get", operation()).doc
    assert doc.startswith("`GET /v1/things/{thing_id}`.\n\nArgs:\n")


def test_a_deprecated_operation_says_so_after_its_description() -> None:
    doc = Method("get", operation(summary="Get a thing", deprecated=True)).doc
    assert doc.startswith(
        "Get a thing.\n\nDeprecated: the API marks this operation as deprecated.\n\nArgs:\n"
    )


def test_every_argument_is_documented_in_order_with_a_fallback_then_the_call_options() -> None:
    doc = Method(
        "update",
        operation(
            path_parameters=(parameter("thing_id", "path", True, "The thing."),),
            body_parameters=(parameter("name", "body", True),),
            query_parameters=(parameter("expand", "query"),),
            header_parameters=(parameter("trace_id", "header", False, "A trace id."),),
        ),
    ).doc
    args = doc.split("Args:\n", 1)[1].split("\n\n")
    assert args[:4] == [
        "  thing_id: The thing.",
        "  name: The `name` body parameter.",
        "  expand: The `expand` query parameter.",
        "  trace_id: A trace id.",
    ]
    assert args[4:] == [f"  {name}: {text}" for name, text in CALL_OPTION_DOCS]


def test_a_long_argument_description_wraps_under_its_name() -> None:
    doc = Method("get", operation(query_parameters=(parameter("q", "query", False, PROSE),))).doc
    entry = doc.split("Args:\n", 1)[1].split("\n\n")[0].splitlines()
    assert entry[0].startswith("  q: Once a Message Batch")
    assert len(entry) > 1 and all(line.startswith("    ") for line in entry[1:])
    assert all(len(line) <= DOC_WIDTH for line in entry)


def test_a_description_with_a_list_keeps_the_list_as_written() -> None:
    description = "Filters:\n\n- by status\n- by date, which is a longer item"
    doc = Method("list", operation(description=description)).doc
    assert doc.startswith("Filters:\n\n- by status\n- by date, which is a longer item\n\nArgs:")


# Method.signature, def_keyword ---------------------------------------------


BETAS = "betas: Sequence[AnthropicBeta] = ..."


def test_signatures_of_the_real_methods(api: Api) -> None:
    assert {
        f"{r.dotted}.{m.name}": m.signature
        for r, m in api.methods
        if r.dotted == "beta.messages.batches"
    } == {
        "beta.messages.batches.create": "create(*, requests: Sequence[MessageBatchRequestParam], "
        f"{BETAS})",
        "beta.messages.batches.retrieve": f"retrieve(message_batch_id: str, *, {BETAS})",
        "beta.messages.batches.list": "list(*, before_id: str = ..., after_id: str = ..., "
        f"limit: int = ..., {BETAS})",
        "beta.messages.batches.cancel": f"cancel(message_batch_id: str, *, {BETAS})",
        "beta.messages.batches.delete": f"delete(message_batch_id: str, *, {BETAS})",
        "beta.messages.batches.results": f"results(message_batch_id: str, *, {BETAS})",
    }
    assert method_of(api, "messages.batches.retrieve").signature == (
        "retrieve(message_batch_id: str)"
    )


def test_a_signature_puts_required_keywords_first_and_a_bare_call_has_no_star() -> None:
    op = operation(
        path_parameters=(parameter("a", "path", True), parameter("b", "path", True)),
        query_parameters=(parameter("limit", "query"), parameter("q", "query", True)),
    )
    assert Method("get", op).signature == "get(a: str, b: str, *, q: str, limit: str = ...)"
    assert Method("ping", operation()).signature == "ping()"


@pytest.mark.parametrize(
    ("kind", "keyword"),
    [("model", "async def"), ("none", "async def"), ("page", "def"), ("jsonl", "async def")],
)
def test_a_plain_def_is_for_pages_only(kind: str, keyword: str) -> None:
    op = operation(response=ResponseShape(kind))  # type: ignore[arg-type]
    assert op.def_keyword == keyword


# Operation -----------------------------------------------------------------------------------


def test_keyword_parameters_put_required_ones_first_keeping_their_order() -> None:
    op = operation(
        path_parameters=(parameter("thing_id", "path", True),),
        body_parameters=(parameter("note", "body"), parameter("name", "body", True)),
        query_parameters=(parameter("expand", "query"), parameter("q", "query", True)),
        header_parameters=(parameter("trace", "header"), parameter("tenant", "header", True)),
        cookie_parameters=(parameter("theme", "cookie"), parameter("session", "cookie", True)),
    )
    assert [p.python_name for p in op.keyword_parameters] == [
        "name",
        "q",
        "tenant",
        "session",
        "note",
        "expand",
        "trace",
        "theme",
    ]
    assert [p.python_name for p in op.parameters] == [
        "thing_id",
        "note",
        "name",
        "expand",
        "q",
        "trace",
        "tenant",
        "theme",
        "session",
    ]


@pytest.mark.parametrize(
    ("changes", "value", "imports"),
    [
        ({}, "ids", set()),
        ({"always": ("a",)}, 'extended(("a",), ids)', {Import("._request", "extended")}),
        ({"style": ("form", False)}, 'Styled(ids, "form", False)', {Import("._request", "Styled")}),
        (
            {"always": ("a", "b"), "style": ("pipeDelimited", False)},
            'Styled(extended(("a", "b",), ids), "pipeDelimited", False)',
            {Import("._request", "extended"), Import("._request", "Styled")},
        ),
    ],
)
def test_a_parameter_value_wraps_the_argument_in_what_it_needs(
    changes: dict[str, object], value: str, imports: set[Import]
) -> None:
    """What the method sends for an argument: the values always sent first, then the style
    it is written in when that is not its location's default."""
    ids = dataclasses.replace(parameter("ids", "query"), **changes)  # type: ignore[arg-type]
    assert (ids.value, set(ids.value_imports)) == (value, imports)


def item_of(base: str, item: str) -> PyType:
    return Generic(Named(base, "._pagination"), (Named(item, ".types"),))


@pytest.mark.parametrize(
    ("returns", "sync"),
    [
        (item_of("AsyncCursorPager", "MessageBatch"), "SyncCursorPage[MessageBatch]"),
        (item_of("AsyncCursorPage", "MessageBatch"), "SyncCursorPage[MessageBatch]"),
        (item_of("AsyncJSONLStream", "Line"), "SyncJSONLStream[Line]"),
        (Named("MessageBatch", ".types"), "MessageBatch"),
        (Named("AsyncThing", ".types"), "AsyncThing"),
        (Builtin("None"), "None"),
    ],
)
def test_the_sync_twin_returns_the_sync_flavour_of_the_async_annotation(
    returns: PyType, sync: str
) -> None:
    assert operation(returns=returns).sync_returns == sync


def test_the_real_list_and_results_return_sync_pages_and_streams(api: Api) -> None:
    listed = method_of(api, "messages.batches.list").operation
    assert (listed.returns.annotation, listed.sync_returns) == (
        "AsyncCursorPager[MessageBatch]",
        "SyncCursorPage[MessageBatch]",
    )
    results = method_of(api, "messages.batches.results").operation
    assert results.sync_returns == "SyncJSONLStream[MessageBatchIndividualResponse]"


def test_the_response_type_is_the_model_or_nonetype() -> None:
    assert operation().response_type == "Thing"
    assert operation().request_annotation is None
    # Not `type(None)`: a body property named `type` would shadow the builtin.
    assert operation(response=ResponseShape("none")).response_type == "NoneType"


def test_a_response_that_is_no_class_is_cast_and_the_request_annotated() -> None:
    union = ResponseShape("model", "Pet", is_class=False)
    assert operation(response=union).response_type == "any_type(Pet)"
    assert operation(response=union).request_annotation == "APIRequest[Pet]"
    listed = ResponseShape("model", value=ListOf(Named("Pet", ".types")), is_class=False)
    assert operation(response=listed).response_type == "any_type(list[Pet])"
    assert operation(response=listed).request_annotation == "APIRequest[list[Pet]]"
    for kind in ("text", "binary"):
        assert operation(response=ResponseShape(kind)).request_annotation is None


# Resource ------------------------------------------------------------------------------------


def test_a_resource_with_methods_is_documented_by_where_it_is() -> None:
    batches = resource("batches", "beta.messages.batches", methods=(Method("get", operation()),))
    assert batches.doc == "Methods under `client.beta.messages.batches`."


def test_a_resource_of_only_sub_resources_lists_them() -> None:
    messages = resource("messages", "beta.messages")
    beta = resource("beta", "beta", children=(messages,))
    assert beta.doc == "Resources under `client.beta`: `messages`."
    both = resource("beta", "beta", children=(messages, resource("files", "beta.files")))
    assert both.doc == "Resources under `client.beta`: `messages`, `files`."


def test_the_real_resource_tree_is_documented(api: Api) -> None:
    assert {r.dotted: r.doc for r in api.all_resources} == {
        "beta": "Resources under `client.beta`: `messages`, `models`, `files`.",
        "beta.messages": "Methods under `client.beta.messages`.",
        "beta.messages.batches": "Methods under `client.beta.messages.batches`.",
        "beta.models": "Methods under `client.beta.models`.",
        "beta.files": "Methods under `client.beta.files`.",
        "messages": "Methods under `client.messages`.",
        "messages.batches": "Methods under `client.messages.batches`.",
        "models": "Methods under `client.models`.",
    }


def test_every_method_has_raw_and_streaming_twins_named() -> None:
    get = Method("get", operation())
    pages = Method("list", operation(response=ResponseShape("page", "Page", "Thing")))
    child = resource("parts", "things.parts")
    things = dataclasses.replace(
        resource("things", "things", methods=(get, pages), children=(child,)),
        imports=frozenset({Import(".types", "Thing"), Import(".params", "ThingParams")}),
    )
    assert things.twin_names == {
        "AsyncThings": "Things",
        "AsyncThingsWithRawResponse": "ThingsWithRawResponse",
        "AsyncThingsWithStreamingResponse": "ThingsWithStreamingResponse",
        "AsyncParts": "Parts",
    }
    assert (things.model_imports, things.param_imports) == (("Thing",), ("ThingParams",))


def test_error_class_docs_name_their_status() -> None:
    assert ErrorClass("NotFoundError", "APIStatusError", 404).doc == ("Raised for HTTP status 404.")
    assert ErrorClass("InternalServerError", "APIStatusError", None).doc == (
        "Raised for an HTTP status of 500 or above that has no class of its own."
    )


# AuthScheme and ClientConfig's credentials -----------------------------------------------------


def scheme(
    kind: AuthKind, location: AuthLocation, name: str, *arguments: str, env: str = ""
) -> AuthScheme:
    credentials = tuple(Credential(a, env or f"W_{a.upper()}") for a in arguments)
    return AuthScheme((arguments[0],), location, name, kind, credentials)


API_KEY = scheme("api_key", "header", "x-api-key", "api_key")
AUTH_TOKEN = scheme("bearer", "header", "authorization", "auth_token")
ID_TOKEN = scheme("api_key", "header", "x-id", "id_token", env="W_ID")
QUERY_KEY = scheme("api_key", "query", 'k"ey', "query_key")
SESSION = scheme("api_key", "cookie", "session", "session")
BASIC = scheme("basic", "header", "authorization", "username", "password")


def client(*auth: AuthScheme) -> ClientConfig:
    return ClientConfig("W", "AsyncW", "https://w.example.com", "W_URL", "W_LOG", auth, (), 1, 1, 0)


def test_each_kind_is_written_where_it_goes_names_escaped_once() -> None:
    assert [(s.target, s.value) for s in (API_KEY, AUTH_TOKEN, QUERY_KEY, SESSION, BASIC)] == [
        ('headers["x-api-key"]', "api_key"),
        ('headers["authorization"]', '"Bearer " + auth_token'),
        ('query["k\\"ey"]', "query_key"),
        ('cookies["session"]', "session"),
        ('headers["authorization"]', "basic_auth(username, password)"),
    ]
    assert (API_KEY.given, BASIC.given) == (
        "api_key is not None",
        "username is not None and password is not None",
    )
    assert (API_KEY.missing, BASIC.missing) == (
        "api_key is None",
        "(username is None or password is None)",
    )
    assert [c.env_constant for c in BASIC.credentials] == ["ENV_USERNAME", "ENV_PASSWORD"]


def test_only_http_basic_can_be_given_in_part() -> None:
    assert API_KEY.incomplete is None
    assert BASIC.incomplete == "(username is None) != (password is None)"
    assert BASIC.incomplete_message == (
        "username= and password= go together: pass both to the client, or set W_USERNAME and "
        "W_PASSWORD; only one of them was given"
    )


def test_the_docstring_shows_each_credential_as_sent() -> None:
    assert API_KEY.sent_as == "`x-api-key`"
    assert AUTH_TOKEN.sent_as == "`authorization: Bearer <auth_token>`"
    assert QUERY_KEY.sent_as == 'the query parameter `k"ey`'
    assert SESSION.sent_as == "the cookie `session`"
    assert API_KEY.docs == ("api_key: Sent as `x-api-key`; defaults to $W_API_KEY.",)
    assert BASIC.docs == (
        "username: Sent with `password` as `authorization: Basic <base64 of username:password>`;"
        "\n  defaults to $W_USERNAME.",
        "password: Sent with `username` as `authorization: Basic <base64 of username:password>`;"
        "\n  defaults to $W_PASSWORD.",
    )
    long = scheme("api_key", "header", "x-api-key", "api_key", env="W" * 80)
    assert long.docs == (f"api_key: Sent as `x-api-key`; defaults to\n  ${'W' * 80}.",)


def test_one_credential_is_required() -> None:
    config = client(API_KEY)
    assert (config.auth_parameters, config.auth_arguments) == ("api_key: str | None", "api_key")
    assert config.no_credentials == "api_key is None"
    assert config.no_credentials_message == (
        "No credentials: pass api_key= to the client, or set the environment variable W_API_KEY"
    )
    assert config.auth_doc == "Without its credential, construction fails."
    assert client(BASIC).auth_doc == "Without its credentials, construction fails."


def test_of_several_credentials_any_one_will_do_and_the_message_names_them_all() -> None:
    config = client(API_KEY, AUTH_TOKEN, ID_TOKEN)
    assert config.auth_parameters == (
        "api_key: str | None, auth_token: str | None, id_token: str | None"
    )
    assert config.auth_arguments == "api_key, auth_token, id_token"
    assert config.no_credentials == "api_key is None and auth_token is None and id_token is None"
    assert config.no_credentials_message == (
        "No credentials: pass api_key=, auth_token= or id_token= to the client, "
        "or set the environment variable W_API_KEY, W_AUTH_TOKEN or W_ID"
    )
    assert client(API_KEY, AUTH_TOKEN).no_credentials_message == (
        "No credentials: pass api_key= or auth_token= to the client, "
        "or set the environment variable W_API_KEY or W_AUTH_TOKEN"
    )
    assert config.auth_doc.startswith("Each credential given is sent with every request")


def test_a_basic_pair_is_one_alternative_among_the_others() -> None:
    config = client(BASIC, QUERY_KEY)
    assert config.auth_arguments == "username, password, query_key"
    assert config.no_credentials == "(username is None or password is None) and query_key is None"
    assert config.no_credentials_message == (
        "No credentials: pass username= and password= or query_key= to the client, "
        "or set the environment variables W_USERNAME and W_PASSWORD or W_QUERY_KEY"
    )
    assert config.basic and not client(API_KEY).basic


def test_kinds_that_share_a_place_are_refused_together_and_others_are_not() -> None:
    assert client(API_KEY, AUTH_TOKEN, QUERY_KEY).clashes == ()
    assert client(BASIC, API_KEY, AUTH_TOKEN).clashes == (
        (
            "sum(((username is not None and password is not None), (auth_token is not None))) > 1",
            "Only one credential can be sent in the header `authorization`: give username= and "
            "password=, or auth_token= (as arguments or environment variables), not more than one",
        ),
    )


def test_a_client_without_credentials_says_so() -> None:
    config = client()
    assert (config.credentials, config.auth_parameters, config.clashes) == ((), "", ())
    assert config.auth_doc == "The API takes no credentials."


def test_the_example_call_is_the_first_method_that_needs_no_argument(api: Api) -> None:
    assert api.example_call == "client.beta.messages.batches.list()"
    batches = next(r for r in api.all_resources if r.dotted == "messages.batches")
    needy = [m for m in batches.methods if m.name in ("create", "retrieve")]
    only = dataclasses.replace(batches, methods=tuple(needy), children=())
    assert dataclasses.replace(api, resources=(only,)).example_call is None


def test_the_distribution_is_named_and_versioned_by_sdk_yaml(api: Api) -> None:
    distribution = api.distribution
    assert (distribution.name, distribution.version) == ("anthropic_batches", "0.1.0")
    assert distribution.packages == ("anthropic_batches", "anthropic_batches.*")
    assert distribution.dependency_names == "httpx2, pydantic and typing-extensions"
