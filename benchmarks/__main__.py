"""Run every benchmark script in this folder: ``python -m benchmarks``.

Each ``bench_*.py`` (and ``archive_fuzz.py``, the long run of the archive
property test) is standalone and prints its own figures."""

import runpy
import sys
from pathlib import Path

here = Path(__file__).parent
names = sys.argv[1:] or sorted(p.stem for p in here.glob("bench_*.py")) + ["archive_fuzz"]
for name in names:
    print(f"== {name} ==", flush=True)
    runpy.run_path(str(here / f"{name}.py"), run_name="__main__")
