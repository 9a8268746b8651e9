"""The runtime imports where it lives, from its own files, with a golden package's config."""

from __future__ import annotations

from pathlib import Path

import generator.runtime
from generator.runtime import _base_client, _config, _exceptions

from .conftest import GOLDEN_PACKAGE


def test_runtime_modules_come_from_the_runtime_folder() -> None:
    assert Path(_base_client.__file__).parent == generator.runtime.FOLDER


def test_the_spec_modules_come_from_the_golden_package() -> None:
    assert Path(_config.__file__).parent == GOLDEN_PACKAGE
    assert Path(_exceptions.__file__).parent == GOLDEN_PACKAGE
    assert _config.ClientError.__name__ == "WidgetsError"
