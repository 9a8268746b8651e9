"""The published specs generated once per session, for every test module of this folder."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .generation import Generated, generate


@pytest.fixture(scope="session")
def generate_published(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[str], Generated]:
    """`generate_published(NAME)`: `tests/published_specs/NAME` as `generation.generate` makes
    it, generated the first time a test asks for it."""
    done: dict[str, Generated] = {}

    def generated(name: str) -> Generated:
        if name not in done:
            done[name] = generate(name, tmp_path_factory.mktemp(name.partition(".")[0]))
        return done[name]

    return generated
