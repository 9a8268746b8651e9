"""sdk.yaml's `package`: the generated package's import name and version, each refused here
when pip or Python would trip over it later.
"""

from __future__ import annotations

import re
import sys

from generator.errors import SpecError
from generator.load import Document
from generator.sdk_reader import Reader, is_identifier

#: A public version in PEP 440's normal form (`1.2.0`, `2.0.0rc1`, `1.0.post1.dev2`): what pip
#: installs the generated package under, so anything else is refused here, not by pip later.
_VERSION = re.compile(
    r"([1-9][0-9]*!)?(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*"
    r"((a|b|rc)(0|[1-9][0-9]*))?(\.post(0|[1-9][0-9]*))?(\.dev(0|[1-9][0-9]*))?\Z"
)


#: Modules of Python's standard library newer than the Python running the generator may know
#: (`sys.stdlib_module_names`): generated packages run on 3.11 to 3.15.
_NEWER_STDLIB = frozenset({"annotationlib", "compression", "_colorize", "_pyrepl", "_zstd"})
#: The import names of what a generated package runs on: its dependencies
#: (`runtime.DEPENDENCIES`) and theirs at the pinned versions, on any platform, and what httpx2
#: imports when it is installed (HTTP/2, compression, SOCKS, trio).
_DEPENDENCY_MODULES = frozenset(
    {
        "httpx2",
        "httpcore2",
        "httpx2_jsfetch",
        "h11",
        "anyio",
        "idna",
        "truststore",
        "certifi",
        "sniffio",
        "exceptiongroup",
        "pydantic",
        "pydantic_core",
        "annotated_types",
        "typing_inspection",
        "typing_extensions",
        "h2",
        "hpack",
        "hyperframe",
        "brotli",
        "brotlicffi",
        "zstandard",
        "socksio",
        "trio",
    }
)


def _import_taken_by(package: str) -> str | None:
    """What a package of this import name would shadow, or be shadowed by, once installed: a
    standard module (`json`: the client's own `import json` would find the package), or one
    the client runs on (`pydantic`)."""
    if package in sys.stdlib_module_names or package in _NEWER_STDLIB:
        return "a module of Python's standard library"
    if package in _DEPENDENCY_MODULES:
        return "a package the generated client runs on (a dependency, or one of theirs)"
    return None


def read_package_name(
    reader: Reader,
    document: Document,
    package: dict[str, object],
    override: str | None,
    default: str,
) -> str:
    """The import name: `--package-name`'s (refused at once when it is no identifier, or is
    taken), else sdk.yaml's, else `default`."""
    name = override or reader.identifier(("package",), package, "name", default)
    if override is not None and not is_identifier(override):
        raise SpecError.at(
            document.locate(("package", "name")),
            f"--package-name {override!r} is not a valid Python identifier",
        )
    taken_by = _import_taken_by(name)
    if taken_by is not None:
        named = "--package-name" if override is not None else "package name"
        message = f"{named} {name!r} is the name of {taken_by}: choose another name"
        if override is not None:
            raise SpecError.at(document.locate(("package", "name")), message)
        reader.fail(("package", "name"), message)
    return name


def read_version(reader: Reader, package: dict[str, object], default: str) -> str:
    version = reader.string(("package",), package, "version", default)
    if version and not _VERSION.match(version):
        reader.fail(
            ("package", "version"),
            f"{version!r} is not a version pip can install: use PEP 440's form, such as 1.2.0 "
            "or 2.0.0rc1 (quote it if YAML reads it as a number)",
        )
    return version
