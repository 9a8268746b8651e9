"""Follow `$ref`s into other files beside the spec, and bundle them into one document.

Later stages read one document whose `$ref`s are all local (`#/...`), as a single-file spec's
are. A `$ref` to another file (`other.yaml#/components/schemas/X`, `./schemas/x.json`, a whole
file without `#`) is followed, and so are the references inside that file, relative to it.
What it names is placed in the root's `components` under a name of its own and the reference
rewritten to point there; a path item is written in place instead, as OpenAPI 3.0 has no
`components/pathItems`. Positions keep pointing into the file each node came from, so a problem
inside `schemas/pet.yaml` is reported as `schemas/pet.yaml:LINE:COL`.

Never followed: URLs (generation must not depend on the network, nor fetch what a spec names),
and paths outside the root file's folder tree unless `--allow-external-refs` says so (a spec
must not read, say, a home folder's files into generated code). A reference that cannot be
followed is left as written with the reason in `Document.unresolved`, for validation to report
with the other problems; a file that cannot be parsed stops loading, as the root file would.
The limits of `load` hold for every file and for the spec in total: bytes and values read,
values bundled, and nesting once bundled.

Names: a placed object keeps the name its pointer ends with (`Pet` for
`pet.yaml#/components/schemas/Pet`); a whole file takes its file name in PascalCase (`Pet` for
`schemas/pet.yaml`). Where that name is taken in its section (by the root or an earlier file)
the file's name goes in front (`CommonError`), then a number (`CommonError2`). References are
followed in the order they are written, so the names are the same on every run. A root entry
that is only a reference to another file (`Pet: {$ref: pet.yaml}`) takes the content under its
own name.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator import limits
from generator.bundle_files import NotFollowed, SpecFiles, Target
from generator.bundle_kinds import PATH_ITEM, SECTIONS, child_kind, kind_at
from generator.errors import SpecError
from generator.limits import Budget, LimitError
from generator.load import Document, JSONPath, load_document

#: A discriminator's mapping value that names a file rather than a schema by name.
_FILE_LIKE = re.compile(r"[#/]|\.(?:ya?ml|json)\Z", re.IGNORECASE)


@dataclass(frozen=True)
class _Followed:
    """A reference followed: what to write instead, and, for a path item, what to inline."""

    ref: str | None = None
    inline: Target | None = None


@dataclass
class _Job:
    """A subtree of another file to walk: where it goes in the bundle and what kind it is.
    `chain` holds the path items being inlined around it, so that a cycle of them ends."""

    target: Target
    at: JSONPath
    kind: str | None
    keys: list[str] | None = None
    chain: frozenset[tuple[Path, JSONPath]] = field(default_factory=frozenset)


def load_openapi(
    path: Path, display_name: str | None = None, *, allow_external_refs: bool = False
) -> Document:
    """The OpenAPI document at `path` with every file it refers to bundled in."""
    budget = Budget()
    root = load_document(path, display_name, budget)
    sites = list(_external_sites(root))
    if not sites:
        return root
    return _Bundler(root, path, budget, allow_external_refs).bundle(sites)


def _external_sites(document: Document) -> Iterator[tuple[JSONPath, dict[str, object]]]:
    """Each mapping holding a `$ref` to another file, or a discriminator mapping naming one,
    with its path: what bundling has to do. A spec without any is returned as loaded."""
    for path in document.positions:
        if not path:
            continue
        if path[-1] == "$ref":
            holder = _at(document.data, path[:-1])
            ref = holder.get("$ref") if isinstance(holder, dict) else None
            if isinstance(holder, dict) and isinstance(ref, str) and not ref.startswith("#"):
                yield path[:-1], holder
        elif path[-1] == "mapping" and path[-2:-1] == ("discriminator",):
            mapping = _at(document.data, path)
            if isinstance(mapping, dict) and any(
                isinstance(value, str) and not value.startswith("#") and _FILE_LIKE.search(value)
                for value in mapping.values()
            ):
                yield path, mapping


class _Bundler:
    """One bundling run: the files read, the names given, the positions and problems found."""

    def __init__(self, root: Document, path: Path, budget: Budget, allow_outside: bool) -> None:
        self.root = root
        self.source = SpecFiles(root, path, budget, allow_outside)
        self.root_file = self.source.root_file
        self.budget = budget
        self.data = root.data
        self.positions = dict(root.positions)
        self.unresolved: dict[JSONPath, str] = {}
        self.names: dict[tuple[Path, JSONPath, str], str] = {}
        self.jobs: deque[_Job] = deque()
        self._visited: dict[int, str | None] = {}

    def bundle(self, sites: list[tuple[JSONPath, dict[str, object]]]) -> Document:
        # The root's named entries first, so that a reference written before one (under
        # `paths`, say) finds the content already under the name the author gave it.
        rest = [(where, holder) for where, holder in sites if not self._root_entry(where, holder)]
        for where, holder in rest:
            self._root_site(where, holder)
        while self.jobs:
            self._walk(self.jobs.popleft())
        if self.source.problems:
            raise SpecError([d for problem in self.source.problems for d in problem.diagnostics])
        return Document(
            self.root.path,
            self.data,
            self.positions,
            self.root.raw,
            tuple(self.source.includes),
            self.unresolved,
        )

    # The root's references ---------------------------------------------------------------

    def _root_site(self, where: JSONPath, holder: dict[str, object]) -> None:
        """A `$ref` (or a discriminator mapping) of the root file to another file."""
        if where[-2:] == ("discriminator", "mapping"):
            self._mapping(holder, self.root_file)
            return
        self._reference(holder, where, self.root_file, kind_at(where), frozenset())

    def _root_entry(self, where: JSONPath, holder: dict[str, object]) -> bool:
        """`components/SECTION/NAME: {$ref: other-file}` takes the content it names, under
        NAME: the name the spec's author gave it, and one copy rather than two."""
        kind = kind_at(where)
        if len(where) != 3 or where[0] != "components" or kind not in SECTIONS:
            return False
        if list(holder) != ["$ref"] or where[1] != SECTIONS[kind]:
            return False
        try:
            target = self.source.target(str(holder["$ref"]), self.root_file)
        except NotFollowed:
            return False
        if target is None:
            return False
        target = self.source.final(target)
        if (target.file, target.path, kind) in self.names:
            return False
        section = _at(self.data, where[:2])
        assert isinstance(section, dict)  # it holds `holder`
        self.names[(target.file, target.path, kind)] = str(where[2])
        section[where[2]] = target.node
        del self.positions[(*where, "$ref")]
        self.jobs.append(_Job(target, where, kind))
        return True

    # Following one reference ---------------------------------------------------------------

    def _reference(
        self,
        holder: dict[str, object],
        where: JSONPath,
        base: Path,
        kind: str | None,
        chain: frozenset[tuple[Path, JSONPath]],
    ) -> None:
        """Rewrite the `$ref` of `holder` (at `where` in the bundle, written in `base`), or
        inline the path item it names, or leave it with the reason it is not followed."""
        if id(holder) in self._visited:  # reached again through an alias or another pointer
            reason = self._visited[id(holder)]
            if reason is not None:
                self.unresolved[(*where, "$ref")] = reason
            return
        ref = str(holder["$ref"])
        try:
            followed = self._follow(ref, base, kind, chain)
        except NotFollowed as reason:
            self._visited[id(holder)] = str(reason)
            self.unresolved[(*where, "$ref")] = str(reason)
            if base != self.root_file and ref.startswith("#"):
                # Left local, it would be read as a place in the root file.
                holder["$ref"] = self.source.relative(base) + ref
            return
        self._visited[id(holder)] = None
        if followed.ref is not None:
            holder["$ref"] = followed.ref
        elif followed.inline is not None:
            self._inline(holder, where, followed.inline, chain)

    def _follow(
        self, ref: str, base: Path, kind: str | None, chain: frozenset[tuple[Path, JSONPath]]
    ) -> _Followed:
        """What `ref`, written in `base` where an object of `kind` belongs, becomes."""
        if kind is None or (kind not in SECTIONS and kind != PATH_ITEM):
            if base == self.root_file and ref.startswith("#"):
                return _Followed()  # the root's own: validation checks it
            raise NotFollowed(
                f"`$ref` to {ref} is not followed: no OpenAPI object can be referenced here"
            )
        target = self.source.target(ref, base)
        if target is None:
            return _Followed(ref="#" + ref.partition("#")[2])
        if kind == PATH_ITEM:
            return _Followed(inline=self.source.path_item(target, ref, chain))
        target = self.source.final(target)
        return _Followed(ref=f"#/components/{SECTIONS[kind]}/{self._component(target, kind)}")

    # Placing what a reference names ---------------------------------------------------------

    def _component(self, target: Target, kind: str) -> str:
        """The name of `target` in its `components` section, placing it there the first
        time it is referred to."""
        key = (target.file, target.path, kind)
        if key not in self.names:
            section_name = SECTIONS[kind]
            section = self._section(section_name)
            name = _fresh_name(section, target.file, target.path)
            self.names[key] = name
            section[name] = target.node
            at = ("components", section_name, name)
            self.positions[at] = target.document.locate(target.path)
            self.jobs.append(_Job(target, at, kind))
        return self.names[key]

    def _section(self, name: str) -> dict[str, object]:
        """The root's `components/NAME` mapping, made when the root has none."""
        components = self.data.setdefault("components", {}) if isinstance(self.data, dict) else None
        section = components.setdefault(name, {}) if isinstance(components, dict) else None
        if not isinstance(section, dict):
            raise NotFollowed(f"the root's `components/{name}` is not a mapping to place it in")
        return section

    def _inline(
        self,
        holder: dict[str, object],
        where: JSONPath,
        target: Target,
        chain: frozenset[tuple[Path, JSONPath]],
    ) -> None:
        """Write the path item `target` into `holder` in place of its `$ref`; fields
        written beside the `$ref` win."""
        del holder["$ref"]
        self.positions.pop((*where, "$ref"), None)
        if not isinstance(target.node, dict):
            return  # not a path item: validation says so, at the place it was referred to
        keys = [key for key in target.node if key not in holder]
        for key in keys:
            holder[key] = target.node[key]
        link = frozenset({*chain, (target.file, target.path)})
        self.jobs.append(_Job(target, where, PATH_ITEM, keys, link))

    def _mapping(self, mapping: dict[str, object], base: Path) -> None:
        """A discriminator's mapping values that name other files point at their schemas
        in the bundle; one that cannot be followed is left for the model generator."""
        for key, value in mapping.items():
            if not isinstance(value, str) or not _FILE_LIKE.search(value):
                continue
            if base == self.root_file and value.startswith("#"):
                continue
            try:
                target = self.source.target(value, base)
            except NotFollowed:
                continue
            if target is None:
                mapping[key] = "#" + value.partition("#")[2]
            else:
                mapping[key] = f"#/components/schemas/{self._component(target, 'schema')}"

    # Walking what was placed ---------------------------------------------------------------

    def _walk(self, job: _Job) -> None:
        """Give every node of the job's subtree its position in its own file, and follow
        the references in it, relative to that file."""
        document, file = job.target.document, job.target.file
        start = job.target.node
        pending: list[tuple[object, JSONPath, JSONPath, str | None, bool]]
        if job.keys is None:
            pending = [(start, job.target.path, job.at, job.kind, False)]
        else:
            assert isinstance(start, dict)
            pending = [
                (
                    start[key],
                    (*job.target.path, key),
                    (*job.at, key),
                    child_kind(job.kind, key),
                    True,
                )
                for key in reversed(job.keys)
            ]
        while pending:
            node, there, here, kind, record = pending.pop()
            location = document.positions.get(there)
            if record and location is not None:
                self.positions[here] = location
            self.budget.spend_values(1, location or document.locate(there))
            if not isinstance(node, (dict, list)):
                continue
            if len(here) + 1 > limits.MAX_DEPTH:
                raise LimitError.at(
                    location or document.locate(there),
                    f"values nest more than {limits.MAX_DEPTH} levels deep once the spec's files are "
                    "bundled; refused to keep generation bounded",
                )
            if isinstance(node, list):
                pending.extend(
                    (item, (*there, index), (*here, index), child_kind(kind, index), True)
                    for index, item in reversed(list(enumerate(node)))
                )
                continue
            if isinstance(node.get("$ref"), str):
                self._reference(node, here, file, kind, job.chain)
            if kind == "discriminator" and isinstance(node.get("mapping"), dict):
                self._mapping(node["mapping"], file)
            pending.extend(
                (value, (*there, key), (*here, key), child_kind(kind, key), True)
                for key, value in reversed(list(node.items()))
            )


def _at(data: object, path: JSONPath) -> object:
    """The node at `path` (list steps as ints), or None."""
    node = data
    for part in path:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return None
    return node


_WORDS = re.compile(r"[A-Za-z0-9]+")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _pascal(text: str) -> str:
    """`pet-store.v2` -> `PetStoreV2`: a name for a class the file did not name itself."""
    return "".join(word[:1].upper() + word[1:] for word in _WORDS.findall(text))


def _fresh_name(section: dict[str, object], file: Path, path: JSONPath) -> str:
    """A name not yet in `section` for the object at `path` in `file` (see the module)."""
    stem = _pascal(file.name.partition(".")[0]) or "File"
    own = str(path[-1]) if path else ""
    base = own if _IDENTIFIER.match(own) else _pascal(own) or stem
    if not _IDENTIFIER.match(base):
        base = f"{stem}{base}" if _IDENTIFIER.match(stem) else f"Ref{base}"
    candidates = [base, f"{stem}{base}" if not base.startswith(stem) else base]
    for candidate in candidates:
        if candidate not in section:
            return candidate
    number = 2
    while f"{candidates[-1]}{number}" in section:
        number += 1
    return f"{candidates[-1]}{number}"
