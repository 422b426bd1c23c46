"""Archive fuzzing, long: the property of ``tests/unit/test_archive_property.py``
(a mutated archive is imported whole — doctor healthy, a re-export equal to
it — or refused whole with one sentence and the portfolio unchanged, never
another exception) over thousands of mutants instead of the suite's fifty.

A failure does not stop the run: it is counted, and the first ones are
printed with their traceback at the end.

Run: ``python benchmarks/archive_fuzz.py [--examples 2000] [--show 3]``."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
try:
    import ent_portfolio  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))
# The mutators and the check live with the property test (one definition).
sys.path.insert(0, str(ROOT / "tests" / "unit"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import test_archive_property as prop  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--show", type=int, default=3, help="failures to print in full")
    args, _names = parser.parse_known_args()  # python -m benchmarks passes its own arguments on

    with tempfile.TemporaryDirectory(prefix="ent-archive-fuzz-") as tmp:
        started = time.perf_counter()
        world = prop.build_world(Path(tmp) / "world")
        built = time.perf_counter() - started
        failures: list[str] = []
        runs = 0

        def one(data) -> None:
            nonlocal runs
            runs += 1
            try:
                prop.check_one(world, data)
            except Exception as exc:  # noqa: BLE001 - a failure is counted, not fatal
                failures.append("".join(traceback.format_exception(exc))[-2500:])

        run = settings(max_examples=args.examples, deadline=None, database=None,
                       suppress_health_check=list(HealthCheck))(given(data=st.data())(one))
        started = time.perf_counter()
        run()
        elapsed = time.perf_counter() - started

    outcomes = prop.OUTCOMES
    done = outcomes["imported"] + outcomes["refused"] + len(failures)
    print(f"archive built in {built:.1f} s; {done} examples run in {elapsed:.1f} s "
          f"({1000 * elapsed / max(done, 1):.0f} ms each; {runs - done} more abandoned by hypothesis while drawing)")
    print(f"imported: {outcomes['imported']}")
    print(f"refused:  {outcomes['refused']}")
    print(f"failures: {len(failures)}")
    keys = sorted(((k, v) for k, v in outcomes.items() if k not in ("imported", "refused")), key=lambda kv: -kv[1])
    for key, count in keys:
        print(f"  refused by {key}: {count}")
    for text in failures[: args.show]:
        print("--- failure ---")
        print(text)


if __name__ == "__main__":
    main()
