"""`x-follow-url` (generator/build/follow.py): a method that calls another operation first and
then requests the URL a field of its response holds; each mistake located where it is written."""

from __future__ import annotations

import pytest

from generator.build.context import Context
from generator.build.follow import with_follows
from generator.build.operations import build_operations
from generator.errors import Diagnostic
from generator.load import parse_document
from generator.sdk_config import read_sdk_config

from ..helpers import ROOT

SPEC = """\
openapi: 3.1.0
info: {title: Jobs, version: "1"}
paths:
  /jobs/{job_id}:
    get:
      operationId: jobs_retrieve
      parameters:
        - {name: job_id, in: path, required: true, schema: {type: string}}
        - {name: x-trace, in: header, schema: {type: string}}
      responses:
        "200":
          description: The job.
          content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}
  /jobs/{job_id}/output:
    get:
      operationId: jobs_output
      x-follow-url:
        from: jobs_retrieve
        field: output_url
        unavailable: The job has not finished.
      parameters:
        - {name: job_id, in: path, required: true, schema: {type: string}, x-python-name: job}
      responses:
        "200":
          description: The output.
          content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}
components:
  schemas:
    Job:
      type: object
      properties:
        id: {type: string}
        output_url: {type: [string, "null"]}
"""


def build(spec: str) -> tuple[Context, dict[str, object]]:
    sdk = parse_document((ROOT / "tests/golden/bearer_auth/spec/sdk.yaml").read_bytes(), "sdk.yaml")
    context = Context(parse_document(spec.encode(), "openapi.yaml"), sdk, read_sdk_config(sdk))
    built = with_follows(context, build_operations(context)).built
    return context, dict(built)


def only_problem(spec: str) -> Diagnostic:
    context, _ = build(spec)
    (problem,) = context.problems
    return problem


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_follow_calls_its_source_with_the_methods_own_arguments() -> None:
    context, built = build(SPEC)
    assert context.problems == []
    output = built["jobs_output"]
    follow = output.follow  # type: ignore[attr-defined]
    assert (follow.field, follow.unavailable, follow.accept) == (
        "output_url",
        "The job has not finished.",
        None,
    )
    (job_id,) = follow.source.path_parameters
    # The source's `job_id` is the method's argument `job`; its optional header is not taken.
    assert (job_id.wire_name, job_id.python_name) == ("job_id", "job")
    assert follow.source.header_parameters == ()


@pytest.mark.parametrize(
    ("old", "new", "points_at", "message"),
    [
        ("from: jobs_retrieve", "from: jobs_fetch", "from: jobs_fetch", "`from` must be the"),
        ("field: output_url", "field: result_url", "field: result_url", "has no field"),
        (
            "        unavailable: The job has not finished.\n",
            "        unavailable: The job has not finished.\n        retry: true\n",
            "retry: true",
            "unknown key 'retry'",
        ),
        (
            "        unavailable: The job has not finished.\n",
            "",
            "x-follow-url:",
            "must be a mapping with `from`, `field` and `unavailable`",
        ),
        (
            "x-python-name: job}",
            "x-python-name: job}\n        - {name: q, in: query, schema: {type: string}}",
            "from: jobs_retrieve",
            None,
        ),
    ],
)
def test_each_mistake_is_located(old: str, new: str, points_at: str, message: str | None) -> None:
    spec = SPEC.replace(old, new, 1)
    if message is None:  # an extra parameter of the method's own is no mistake
        context, _ = build(spec)
        assert context.problems == []
        return
    problem = only_problem(spec)
    assert problem.location.line == line_of(spec, points_at)
    assert message in problem.message


def test_a_source_needing_an_argument_the_method_lacks_is_refused() -> None:
    spec = SPEC.replace(
        "        - {name: x-trace, in: header, schema: {type: string}}",
        "        - {name: x-trace, in: header, required: true, schema: {type: string}}",
    )
    problem = only_problem(spec)
    assert "needs the header parameter 'x-trace', which jobs_output does not take" in (
        problem.message
    )
