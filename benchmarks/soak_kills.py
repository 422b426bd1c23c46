"""Soak test: SIGKILL a working portfolio many times and check it after each kill.

    python benchmarks/soak_kills.py [--kills 500] [--seed 1] [--max-delay 0.6] [--keep DIR]

The child process imports evidence (one file, and batches through the import
service), edits records in multi-row transactions, imports and exports
archives and makes database backups in a loop; it is killed at a random
moment (sometimes while still opening).  After each kill the portfolio is
opened (taking over the dead process's lock), checked with the doctor, and
every invariant of ``tests/unit/test_reliability.py`` is verified; every tenth
round ``doctor --repair`` runs too.  Prints kills survived and what the kills
interrupted.  Not part of ``python -m benchmarks`` (it runs for minutes)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "unit"))

from test_reliability import kill_loop  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=0.6, help="longest run before a kill, seconds")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp folder)")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="ent-soak-"))
    root.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()

    def on_round(n, stats):
        if (n + 1) % 25 == 0:
            print(f"  {n + 1} kills survived, {stats.ops_done} operations completed, "
                  f"{time.monotonic() - started:.0f} s", flush=True)

    try:
        stats = kill_loop(root, kills=args.kills, seed=args.seed, max_delay=args.max_delay,
                          repair_every=10, on_round=on_round)
    except AssertionError as exc:
        print(f"FAILED after some kills: {exc}")
        print(f"the portfolio is kept in {root}")
        return 1
    elapsed = time.monotonic() - started
    interrupted = sum(v for k, v in stats.killed_during.items() if k not in ("open", "between"))
    print(f"kills survived: {stats.kills} of {args.kills} (seed {args.seed}), {elapsed:.0f} s")
    print(f"faults tried: {stats.kills} SIGKILLs; {interrupted} landed inside a write, "
          f"{stats.killed_during.get('open', 0)} while opening, {stats.killed_during.get('between', 0)} between writes")
    print("killed during: " + ", ".join(f"{k} {v}" for k, v in sorted(stats.killed_during.items())))
    print(f"operations started: {stats.ops_started}, completed: {stats.ops_done}")
    print("distinct orphan files seen after kills (left by a kill, or by restoring an older backup; "
          f"notices, not damage): {len(stats.orphans_seen)}; "
          f"temp entries cleaned by the opener: {stats.temp_cleaned}; repairs run: {stats.repairs}")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
