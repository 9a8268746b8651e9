"""The files a spec's `$ref`s name: which may be read, each read once, and the object a
reference points at, through files that only refer on (see `generator.bundle`).
"""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from generator.errors import SpecError
from generator.limits import Budget, LimitError
from generator.load import Document, JSONPath, SourceFile, load_document

#: A URI scheme (`https:`, `file:`) or a network path (`//host/x`): a URL, never fetched.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|//")


@dataclass(frozen=True)
class Target:
    """An object in a file other than the root: the file, the node and its path there."""

    file: Path
    document: Document
    node: object
    path: JSONPath


class NotFollowed(Exception):
    """A reference that is left as written, and why."""


class SpecFiles:
    """The root file and the files read for it in one bundling run, and the problems found
    in them."""

    def __init__(self, root: Document, path: Path, budget: Budget, allow_outside: bool) -> None:
        self.root = root
        self.root_file = path.resolve()
        self.tree = self.root_file.parent
        self.budget = budget
        self.allow_outside = allow_outside
        self.documents: dict[Path, Document | None] = {}
        self.includes: list[SourceFile] = []
        self.problems: list[SpecError] = []

    def final(self, target: Target) -> Target:
        """The end of a chain of files that are each only a reference to the next (`a.yaml`
        holding just `$ref: b.yaml`): that is what gets the name, not an alias to it. The
        chain stops short of a cycle, of the root file and of what cannot be followed, all
        of which validation then reports where they are written."""
        seen: set[tuple[Path, JSONPath]] = set()
        while True:
            seen.add((target.file, target.path))
            node = target.node
            if not (isinstance(node, dict) and list(node) == ["$ref"]):
                break
            try:
                following = self.target(str(node["$ref"]), target.file)
            except NotFollowed:
                break
            if following is None or (following.file, following.path) in seen:
                break
            target = following
        return target

    def target(self, ref: str, base: Path) -> Target | None:
        """The object `ref` names, relative to the file `base`; None when it is in the root
        file (and so stays a local reference there)."""
        written, _, fragment = ref.partition("#")
        if _URL.match(written):
            raise NotFollowed(
                f"`$ref` to a URL ({ref}) is never followed: save the file beside the spec "
                "and refer to it by its path"
            )
        file = (base.parent / unquote(written)).resolve() if written else base
        if not self.allow_outside and not file.is_relative_to(self.tree):
            raise NotFollowed(
                f"`$ref` to a file outside the spec's folder ({ref}) is not followed; "
                "--allow-external-refs allows it"
            )
        if fragment and not fragment.startswith("/"):
            raise NotFollowed(
                f"`$ref` to {ref}: only JSON pointers (`#/...`) are followed, not anchors"
            )
        if file == self.root_file:
            return None
        document = self.read(file, ref)
        found = _pointed(document.data, fragment)
        if found is None:
            raise NotFollowed(f"`$ref` to nothing: {ref}")
        node, path = found
        return Target(file, document, node, path)

    def read(self, file: Path, ref: str) -> Document:
        """The document in `file`, read once; a file that is not there is the reference's
        problem, one that does not parse is the file's, reported where it is."""
        if file not in self.documents:
            if not file.is_file():
                why = "not a regular file" if file.exists() else os.strerror(errno.ENOENT)
                raise NotFollowed(f"`$ref` to a file that cannot be read ({ref}): {why}")
            relative = self.relative(file)
            name = os.path.normpath(os.path.join(os.path.dirname(self.root.path), relative))
            try:
                loaded = load_document(file, name, self.budget)
            except LimitError:
                raise
            except SpecError as problem:
                self.problems.append(problem)
                self.documents[file] = None
            else:
                self.includes.append(SourceFile(name, relative, loaded.raw))
                self.documents[file] = loaded
        document = self.documents[file]
        if document is None:
            raise NotFollowed(f"`$ref` to a file that does not parse ({ref})")
        return document

    def relative(self, file: Path) -> str:
        return Path(os.path.relpath(file, self.tree)).as_posix()

    def path_item(
        self, target: Target, ref: str, chain: frozenset[tuple[Path, JSONPath]]
    ) -> Target:
        """The path item `target` names, through any references it is itself (a path item
        is inlined, so a chain of them is followed here)."""
        seen = set(chain)
        while True:
            if (target.file, target.path) in seen:
                raise NotFollowed(f"`$ref` to {ref}: path items that refer to each other")
            seen.add((target.file, target.path))
            node = target.node
            if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
                return target
            followed = self.target(str(node["$ref"]), target.file)
            if followed is None:
                raise NotFollowed(f"`$ref` to {ref}: a path item of the root file by reference")
            target = followed


def _pointed(data: object, fragment: str) -> tuple[object, JSONPath] | None:
    """The node a JSON pointer fragment (`/a/0/b`, or empty for the whole file) names, and
    its path with list steps as ints, as positions are keyed; None when there is none."""
    node, path = data, list[str | int]()
    for raw in fragment.split("/")[1:] if fragment else []:
        part = unquote(raw).replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
            path.append(int(part))
        else:
            return None
    return node, tuple(path)
