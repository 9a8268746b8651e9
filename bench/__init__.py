"""The benchmark harness: `make bench` runs it as `python -m bench` inside the bench venv.

The paths below are shared by every module so that each measurement runs the same files from
the same place, whatever directory `make` was started in.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec"
GENERATED = ROOT / "generated"
WORK = ROOT / ".bench"
