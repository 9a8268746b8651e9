"""`python -m bench.load_time [SPEC ...]`: how long the load stage takes on large real specs.

Loads each spec (default: the OpenAPI documents in `../shared/specs/`) several times in this
process, as the pipeline does (`generator.bundle.load_openapi`: JSON or YAML, other files
bundled in), and prints the best and median wall and CPU time of each. CPU time is the figure
to compare on a busy machine; wall time is what a user waits. Not part of `make bench`: a
quick check that a change to `load`, `load_json` or `bundle` keeps them no slower.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from pathlib import Path

from generator.bundle import load_openapi

SHARED_SPECS = Path(__file__).resolve().parent.parent.parent / "shared" / "specs"


def measure(spec: Path, runs: int) -> tuple[list[float], list[float], int]:
    """Wall and CPU seconds of each of `runs` loads of `spec`, and its number of positions."""
    wall, cpu, positions = [], [], 0
    for _ in range(runs):
        gc.collect()
        started, started_cpu = time.perf_counter(), time.process_time()
        document = load_openapi(spec)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        positions = len(document.positions)
    return wall, cpu, positions


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load_time", description=__doc__)
    parser.add_argument("specs", nargs="*", type=Path, help="OpenAPI documents to load")
    parser.add_argument("--runs", type=int, default=5, help="loads of each spec (default 5)")
    args = parser.parse_args()
    specs = args.specs or sorted(
        p for p in SHARED_SPECS.glob("*") if p.suffix in (".yaml", ".yml", ".json")
    )
    for spec in specs:
        wall, cpu, positions = measure(spec, args.runs)
        print(
            f"{spec.name:28} wall best {min(wall):.3f} s, median {statistics.median(wall):.3f} s"
            f" | CPU best {min(cpu):.3f} s, median {statistics.median(cpu):.3f} s"
            f" | {positions:,} positions"
        )


if __name__ == "__main__":
    main()
