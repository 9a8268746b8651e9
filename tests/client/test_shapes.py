"""Request and response bodies of every shape, on the wire: the `shapes` golden record's
client (`petstore`) against a real HTTP server.

Responses: a union parsed into its member (and an unknown kind into the fallback), a union of
an enum and an integer, bare JSON arrays and scalars, text decoded per its charset, bytes, and
JSON chosen where a response offers more. Requests: an `allOf` body sent as its merged
properties, a union, array, string or mapping body sent whole, raw bytes from memory, a file
or a path (a retry sends them again), text, and a urlencoded form as Twilio takes it.
"""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from petstore import AsyncPetstore, Petstore
from petstore.types import Cat, Dog, Record, UnknownPet
from pytest_httpserver import HTTPServer
from werkzeug import Request


@pytest.fixture
def client(server: HTTPServer) -> Iterator[Petstore]:
    with Petstore(api_key="k", base_url=server.url_for(""), max_retries=1) as client:
        yield client


def serve_json(server: HTTPServer, path: str, body: object, method: str = "GET") -> None:
    server.expect_oneshot_request(path, method=method).respond_with_json(
        body, headers={"request-id": "req_1"}
    )


def serve(
    server: HTTPServer, path: str, body: bytes, content_type: str, method: str = "GET"
) -> None:
    server.expect_oneshot_request(path, method=method).respond_with_data(
        body, content_type=content_type
    )


def sent(server: HTTPServer, index: int = -1) -> Request:
    return server.log[index][0]


# Responses -------------------------------------------------------------------------------------


def test_a_union_response_parses_into_its_member(server: HTTPServer, client: Petstore) -> None:
    serve_json(server, "/pets/p1", {"kind": "dog", "name": "Rex", "good": True})
    pet = client.pets.retrieve("p1")
    assert isinstance(pet, Dog) and (pet.name, pet.good) == ("Rex", True)
    assert pet._request_id == "req_1"
    assert sent(server).headers["accept"] == "application/json"  # JSON chosen over image/png


def test_a_union_response_of_a_kind_unknown_yet_parses_as_the_fallback(
    server: HTTPServer, client: Petstore
) -> None:
    serve_json(server, "/pets/p1", {"kind": "axolotl", "name": "Ax", "gills": 6})
    pet = client.pets.retrieve("p1")
    assert isinstance(pet, UnknownPet) and pet.model_extra == {"name": "Ax", "gills": 6}


@pytest.mark.parametrize("size", ["small", 3])
def test_a_union_of_an_enum_and_an_integer_parses_either(
    server: HTTPServer, client: Petstore, size: str | int
) -> None:
    serve_json(server, "/pets/p1/size", size)
    assert client.pets.size("p1") == size


def test_bare_json_arrays_and_scalars_parse_as_typed(server: HTTPServer, client: Petstore) -> None:
    serve_json(server, "/pets", [{"kind": "cat", "name": "Tom"}, {"kind": "dog", "name": "Rex"}])
    serve_json(server, "/pets/names", ["Tom", "Rex"])
    serve_json(server, "/pets/count", 2)
    pets = client.pets.list()
    assert [type(pet) for pet in pets] == [Cat, Dog]
    assert client.pets.names() == ["Tom", "Rex"]
    assert client.pets.count() == 2


def test_a_json_value_that_does_not_fit_raises_a_validation_error(
    server: HTTPServer, client: Petstore
) -> None:
    from petstore import APIResponseValidationError

    serve_json(server, "/pets/count", "two")
    with pytest.raises(APIResponseValidationError):
        client.pets.count()


def test_text_is_decoded_per_its_charset_and_asked_for(
    server: HTTPServer, client: Petstore
) -> None:
    serve(server, "/pets/p1/caption", "Café".encode("latin-1"), "text/plain; charset=iso-8859-1")
    serve(server, "/pets/export", b"name\nTom\n", "text/csv")
    assert client.pets.caption("p1") == "Café"
    assert sent(server).headers["accept"] == "text/plain"
    assert client.pets.export() == "name\nTom\n"


def test_text_without_a_charset_is_read_as_utf_8(server: HTTPServer, client: Petstore) -> None:
    serve(server, "/pets/p1/card", "<p>Ça</p>".encode(), "text/html")
    assert client.pets.card("p1") == "<p>Ça</p>"


def test_text_under_with_raw_response_parses_on_demand(
    server: HTTPServer, client: Petstore
) -> None:
    serve(server, "/pets/p1/caption", b"hello", "text/plain")
    raw = client.pets.with_raw_response.caption("p1")
    assert (raw.status_code, raw.parse()) == (200, "hello")


def test_bytes_are_asked_for_by_their_media_type(server: HTTPServer, client: Petstore) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\xff"
    serve(server, "/pets/p1/photo", png, "image/png")
    photo = client.pets.photo("p1")
    assert photo.read() == png
    assert sent(server).headers["accept"] == "image/png"


def test_a_multipart_response_is_its_bytes(server: HTTPServer, client: Petstore) -> None:
    body = b"--b\r\ncontent-type: text/plain\r\n\r\nhi\r\n--b--\r\n"
    serve(server, "/pets/bundle", body, "multipart/mixed; boundary=b")
    assert client.pets.bundle().read() == body


def test_json_is_chosen_over_a_pdf(server: HTTPServer, client: Petstore) -> None:
    serve_json(server, "/pets/p1/record", {"pet_id": "p1", "vaccinated": True})
    record = client.pets.record("p1")
    assert isinstance(record, Record) and record.vaccinated is True
    assert sent(server).headers["accept"] == "application/json"


def test_the_async_client_parses_a_union_and_text(server: HTTPServer) -> None:
    serve_json(server, "/pets/p1", {"kind": "cat", "name": "Tom"})
    serve(server, "/pets/p1/caption", "naïve".encode(), "text/plain; charset=utf-8")

    async def main() -> tuple[object, str]:
        async with AsyncPetstore(api_key="k", base_url=server.url_for("")) as client:
            return await client.pets.retrieve("p1"), await client.pets.caption("p1")

    pet, caption = asyncio.run(main())
    assert isinstance(pet, Cat) and caption == "naïve"


# Requests --------------------------------------------------------------------------------------


def test_an_allof_body_is_sent_as_its_merged_properties(
    server: HTTPServer, client: Petstore
) -> None:
    serve_json(server, "/pets", {"kind": "cat", "name": "Tom"}, method="POST")
    pet = client.pets.create(name="Tom", kind="cat", tags=["indoor"])
    assert isinstance(pet, Cat)
    assert json.loads(sent(server).data) == {"name": "Tom", "kind": "cat", "tags": ["indoor"]}


def test_a_union_body_is_sent_whole(server: HTTPServer, client: Petstore) -> None:
    serve_json(server, "/pets/adoptions", {"kind": "dog", "name": "Rex"}, method="POST")
    client.pets.adopt(body={"kind": "dog", "name": "Rex"}, extra_body={"note": "x"})
    assert json.loads(sent(server).data) == {"kind": "dog", "name": "Rex", "note": "x"}


def test_an_array_and_a_string_body_are_sent_as_json(server: HTTPServer, client: Petstore) -> None:
    server.expect_oneshot_request("/pets/names", method="PUT").respond_with_data(status=204)
    serve_json(server, "/pets/p1/tag", "vip", method="PUT")
    client.pets.label(body=("Tom", "Rex"))
    assert json.loads(sent(server).data) == ["Tom", "Rex"]
    assert client.pets.tag("p1", body="vip") == "vip"
    assert sent(server).data == b'"vip"'
    assert sent(server).headers["content-type"] == "application/json"


def test_extra_body_cannot_go_into_a_body_that_is_no_object(client: Petstore) -> None:
    with pytest.raises(TypeError, match="extra_body"):
        client.pets.label(body=["Tom"], extra_body={"x": 1})


def test_a_mapping_body_is_sent_whole_and_an_optional_one_left_out(
    server: HTTPServer, client: Petstore
) -> None:
    serve_json(server, "/settings", {"theme": "dark"}, method="PUT")
    server.expect_oneshot_request("/settings", method="PATCH").respond_with_data(status=204)
    assert client.settings.replace(body={"theme": "dark"}) == {"theme": "dark"}
    assert json.loads(sent(server).data) == {"theme": "dark"}
    client.settings.merge()
    assert (sent(server).data, "content-type" in sent(server).headers) == (b"", False)


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 300  # larger than one chunk of a file


def expect_upload(server: HTTPServer, status: int = 204) -> None:
    server.expect_oneshot_request("/pets/p1/photo", method="PUT").respond_with_data(
        status=status, headers={"retry-after-ms": "1"} if status != 204 else {}
    )


def test_raw_bytes_are_sent_with_their_content_type(server: HTTPServer, client: Petstore) -> None:
    expect_upload(server)
    client.pets.upload_photo("p1", content=PNG)
    request = sent(server)
    assert (request.data, request.headers["content-type"]) == (PNG, "image/png")


def test_a_file_is_streamed_with_its_length_and_sent_again_on_a_retry(
    server: HTTPServer, client: Petstore
) -> None:
    expect_upload(server, status=503)
    expect_upload(server)
    client.pets.upload_photo("p1", content=io.BytesIO(PNG))
    assert [request.data for request, _ in server.log] == [PNG, PNG]
    assert sent(server).headers["content-length"] == str(len(PNG))


def test_a_path_is_opened_streamed_and_closed(
    server: HTTPServer, client: Petstore, tmp_path: Path
) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(PNG)
    expect_upload(server)
    client.pets.upload_photo("p1", content=path)
    assert sent(server).data == PNG


def test_the_async_client_streams_a_file(server: HTTPServer, tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(PNG)
    expect_upload(server)
    expect_upload(server)

    async def main() -> None:
        async with AsyncPetstore(api_key="k", base_url=server.url_for("")) as client:
            await client.pets.upload_photo("p1", content=path)
            with path.open("rb") as file:
                await client.pets.upload_photo("p1", content=file)

    asyncio.run(main())
    assert [request.data for request, _ in server.log] == [PNG, PNG]


def test_raw_content_of_another_type_is_refused_before_sending(client: Petstore) -> None:
    with pytest.raises(TypeError, match="bytes, a binary file object or a path"):
        client.pets.upload_photo("p1", content=["not", "bytes"])  # type: ignore[arg-type]


def test_text_is_sent_as_utf_8_and_text_read_back(server: HTTPServer, client: Petstore) -> None:
    serve(server, "/pets/p1/caption", b"<note>ok</note>", "application/xml", method="POST")
    assert client.pets.annotate("p1", content="très bien") == "<note>ok</note>"
    request = sent(server)
    assert request.data == "très bien".encode()
    assert request.headers["content-type"] == "text/plain"
    assert request.headers["accept"] == "application/xml"


def test_a_form_repeats_a_list_and_writes_booleans_and_objects_as_twilio_reads_them(
    server: HTTPServer, client: Petstore
) -> None:
    serve_json(server, "/calls", {"sid": "CA1"}, method="POST")
    call = client.calls.create(
        to="+15550100",
        record=True,
        ring_seconds=30,
        status_callback_event=["initiated", "ringing"],
        parameter={"order": 7},
    )
    assert call.sid == "CA1"
    request = sent(server)
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qsl(request.get_data(as_text=True)) == [
        ("To", "+15550100"),
        ("Record", "true"),
        ("Timeout", "30"),
        ("StatusCallbackEvent", "initiated"),
        ("StatusCallbackEvent", "ringing"),
        ("Parameter", '{"order": 7}'),
    ]


def test_a_form_leaves_out_what_is_not_given_and_none(server: HTTPServer, client: Petstore) -> None:
    serve_json(server, "/calls", {"sid": "CA1"}, method="POST")
    client.calls.create(to="+15550100", record=False, parameter=None)
    assert parse_qsl(sent(server).get_data(as_text=True)) == [
        ("To", "+15550100"),
        ("Record", "false"),
    ]
