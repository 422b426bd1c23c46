"""Run the benchmarks: ``python -m benchmarks [NAME ...] [-- ARGS ...]``.

Without names, every ``bench_*.py`` of this folder runs, in name order; with
names (``bench_scale`` or just ``scale``; ``archive_fuzz`` and the other
scripts here too), only those.  Arguments after ``--`` go to each one's own
parser.  Each benchmark runs in its own process, so what one has loaded (the
word segmenter, Qt, a warm cache) never changes another's figures, and a
benchmark that fails is reported while the others still run; the exit code
is non-zero when any failed."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
USAGE = "usage: python -m benchmarks [--list] [NAME ...] [-- ARGS ...]"


def discover(folder: Path = HERE) -> list[str]:
    """Every benchmark a plain run runs, in the order it runs them."""
    return sorted(path.stem for path in folder.glob("bench_*.py"))


def runnable(folder: Path = HERE) -> list[str]:
    """Every script of the folder that may be named (benchmarks, the fuzz and soak runs)."""
    return sorted(path.stem for path in folder.glob("*.py") if not path.stem.startswith("_"))


def resolve(name: str, folder: Path = HERE) -> str | None:
    """The script ``name`` means: as given, without ``.py``, or with ``bench_`` added."""
    known = runnable(folder)
    stem = name[:-3] if name.endswith(".py") else name
    for candidate in (stem, f"bench_{stem}"):
        if candidate in known:
            return candidate
    return None


def split_arguments(argv: list[str]) -> tuple[list[str], list[str]]:
    """(names, arguments for each benchmark): the arguments follow ``--``."""
    if "--" in argv:
        at = argv.index("--")
        return argv[:at], argv[at + 1:]
    return argv, []


def run_one(name: str, arguments: list[str], folder: Path = HERE) -> int:
    """Run one benchmark in a process of its own, its figures printed as it goes."""
    print(f"== {name} ==", flush=True)
    started = time.perf_counter()
    code = subprocess.call([sys.executable, str(folder / f"{name}.py"), *arguments])
    print(f"-- {name}: {'done' if code == 0 else f'FAILED (exit {code})'} in {time.perf_counter() - started:.1f} s",
          flush=True)
    return code


def main(argv: list[str] | None = None, folder: Path = HERE) -> int:
    names, arguments = split_arguments(list(sys.argv[1:] if argv is None else argv))
    if names in (["-h"], ["--help"]):
        print(USAGE)
        print(__doc__.split("\n\n", 1)[1])
        return 0
    if names == ["--list"]:
        print("\n".join(discover(folder)))
        return 0
    chosen = []
    for name in names:
        script = resolve(name, folder)
        if script is None:
            print(f"{USAGE}\nno benchmark named {name!r}; there are: {', '.join(runnable(folder))}", file=sys.stderr)
            return 2
        chosen.append(script)
    failed = [name for name in chosen or discover(folder) if run_one(name, arguments, folder) != 0]
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
