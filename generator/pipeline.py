"""The whole generation, from the spec to file contents, without touching the output."""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.build import build_api
from generator.build.naming import reserved_names
from generator.bundle import load_openapi
from generator.errors import Diagnostic, StageError
from generator.load import Document, load_document
from generator.model import Api
from generator.prepare import prepare
from generator.sdk_config import SdkConfig, read_sdk_config
from generator.spec_defaults import spec_defaults
from generator.spec_files import spec_files
from generator.validate import validate_openapi


@dataclass(frozen=True)
class LoadedSpec:
    openapi: Document
    sdk: Document
    """sdk.yaml, or an empty document standing for it when there is none."""
    config: SdkConfig
    warnings: tuple[Diagnostic, ...] = ()
    """What the stages so far generated around: validation, the defaults, `prepare`."""

    @property
    def sha256(self) -> str:
        """One digest over both files, and any other file the OpenAPI document refers to by
        its path from the root file's folder (a single-file spec's digest is as it was)."""
        digest = hashlib.sha256()
        for document in (self.openapi, self.sdk):
            digest.update(len(document.raw).to_bytes(8, "big"))
            digest.update(document.raw)
        for source in self.openapi.includes:
            for part in (source.relative.encode(), source.raw):
                digest.update(len(part).to_bytes(8, "big"))
                digest.update(part)
        return digest.hexdigest()


def load_spec(
    spec: Path, package_name: str | None = None, *, allow_external_refs: bool = False
) -> LoadedSpec:
    """The spec named by `--spec` (a folder, or its OpenAPI file), validated and read, with
    the files its `$ref`s name bundled in (outside its folder only when allowed)."""
    files = spec_files(spec)
    openapi = load_openapi(files.openapi, allow_external_refs=allow_external_refs)
    return read_spec(
        openapi,
        lambda: load_document(files.sdk) if files.sdk.exists() else None,
        str(files.sdk),
        package_name,
    )


def read_spec(
    openapi: Document,
    read_sdk: Callable[[], Document | None],
    sdk_name: str,
    package_name: str | None = None,
    *,
    against_schema: bool = True,
) -> LoadedSpec:
    """Validate `openapi`, then read sdk.yaml (None when there is none, named `sdk_name`): in
    that order, so that a spec gives the same first error wherever its files come from."""
    checked = validate_openapi(openapi, against_schema=against_schema)
    # sdk.yaml is optional: what it leaves out, the OpenAPI document suggests.
    sdk = read_sdk() or Document(sdk_name, {}, {}, b"")
    defaults = spec_defaults(openapi)
    config = read_sdk_config(sdk, package_name, defaults)
    prepared = prepare(openapi, reserved_names(config))
    warnings = (*checked, *defaults.warnings(sdk), *prepared.warnings)
    return LoadedSpec(prepared.document, sdk, config, warnings)


def build(spec: LoadedSpec) -> Api:
    return build_api(spec.openapi, spec.sdk, spec.config, spec.sha256, spec.warnings)


def generate_files(
    spec: Path, package_name: str | None = None, *, allow_external_refs: bool = False
) -> tuple[Api, dict[str, str]]:
    """Every file of the package, formatted, compiled and imported, keyed by path under the
    output."""
    return package_files(load_spec(spec, package_name, allow_external_refs=allow_external_refs))


def package_files(spec: LoadedSpec) -> tuple[Api, dict[str, str]]:
    """Every file of the package built from `spec`, keyed by path under the output."""
    api = build(spec)
    # Imported once the spec is known to be valid: a spec with a mistake in it, the common
    # case while editing one, is reported without loading the templates.
    from generator.formatting import format_module
    from generator.render import render_package
    from generator.verify import check_imports

    # The data types (datamodel-code-generator, then black) and the templates' modules need
    # nothing from each other: the first are printed on another core meanwhile.
    models = in_background(_formatted_models, api)
    rendered = render_package(api)
    files = {
        name: format_module(text, name, trusted=True) for name, text in rendered.printed.items()
    }
    files = dict(sorted({**files, **models(), **rendered.verbatim}.items()))
    check_imports(api.package, files)
    return api, files


def _formatted_models(api: Api) -> dict[str, str]:
    from generator.formatting import format_module
    from generator.render import model_modules

    return {name: format_module(text, name) for name, text in model_modules(api).items()}


def in_background(work: Callable[[Api], dict[str, str]], api: Api) -> Callable[[], dict[str, str]]:
    """`work(api)` started in a forked child, and a function that waits for its result (or
    raises what it raised). Where fork is missing, or unsafe because threads are running (a
    test calling the pipeline in-process), the work is done when the result is asked for."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return lambda: work(api)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work, send it, and leave without the parent's exit work
        os.close(reader)
        try:
            result: object = work(api)
        except BaseException as exc:  # every failure goes back to the parent
            result = exc if isinstance(exc, StageError) else _failure(exc)
        with os.fdopen(writer, "wb") as out:
            pickle.dump(result, out)
        os._exit(0)
    os.close(writer)

    def wait() -> dict[str, str]:
        with os.fdopen(reader, "rb") as received:
            data = received.read()
        os.waitpid(pid, 0)
        result = pickle.loads(data) if data else _failure(RuntimeError("the child died"))
        if isinstance(result, BaseException):
            raise result
        assert isinstance(result, dict)
        return result

    return wait


def _failure(exc: BaseException) -> StageError:
    return StageError("datamodel-code-generator", "types.py", f"{type(exc).__name__}: {exc}")
