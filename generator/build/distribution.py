"""The generated package as pip sees it: what its `pyproject.toml` and `README.md` say.

The dependency ranges and the Python version are the runtime's (`generator.runtime`), since it
is what imports them; the version is sdk.yaml's; setuptools builds it, from the package index
like any build backend, so `pip install ./generated` needs nothing set up first.
"""

from __future__ import annotations

from generator.model import Distribution
from generator.pycode import visible
from generator.runtime import DEPENDENCIES, REQUIRES_PYTHON
from generator.sdk_config import SdkConfig

BUILD_REQUIRES = ("setuptools>=68",)
BUILD_BACKEND = "setuptools.build_meta"


def distribution(config: SdkConfig, title: str) -> Distribution:
    """The package's distribution, named and versioned as sdk.yaml says."""
    names = [name for name, _ in DEPENDENCIES]
    return Distribution(
        name=config.package,
        version=config.version,
        summary=_summary(title),
        requires_python=REQUIRES_PYTHON,
        dependencies=tuple(f"{name}{versions}" for name, versions in DEPENDENCIES),
        dependency_names=", ".join(names[:-1]) + f" and {names[-1]}",
        packages=(config.package, f"{config.package}.*"),
        build_requires=BUILD_REQUIRES,
        build_backend=BUILD_BACKEND,
    )


def _summary(title: str) -> str:
    """One line, as package metadata requires, saying what the package is."""
    words = " ".join(visible(title).split())
    return f"A typed Python client for the {words}." if words else "A typed Python client."
