"""Scale benchmark: the window, search and the whole-portfolio commands on
portfolios of 100, 1,000 and 5,000 works (ten photos, nine sections, four
indicators each), against the goals of "fast at every size".

Run: ``python benchmarks/bench_scale.py [--sizes 100,1000,5000] [--runs 3]``
(or ``python -m benchmarks bench_scale -- --sizes 100``).  The portfolios are
built once through the archive format (:mod:`scale_portfolio`) and cached
under the system temp folder; each run works on its own copy.

Every figure comes from a fresh process — what a lecturer starts — timed from
before the process is launched to its end (the window: to the first paint of
the works list with its works), as the median of ``--runs`` runs; a command
whose first run exceeds ``--budget`` seconds is run once.  Peak memory is that
process's own maximum resident set (``wait4``'s rusage)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
try:
    import ent_portfolio  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(HERE.parent))

import scale_portfolio  # noqa: E402  (imports nothing of the app: this process stays small)

FIRST_PAINT_MARKER = "ent-portfolio-first-paint"
MB = 1024 * 1024
MEMORY_GOAL_MB = 400
FREQUENT_WORD = "ชุมชน"
PHRASE = "เวทีประชาคมหมู่บ้าน"


@dataclass
class Goal:
    """A row's goal in seconds: ``small`` up to ``small_upto`` works, ``large`` above."""

    large: float
    small: float | None = None
    small_upto: int = 100
    memory: bool = True

    def seconds(self, works: int) -> float:
        return self.small if self.small is not None and works <= self.small_upto else self.large

    def text(self) -> str:
        if self.small is None:
            return f"< {_seconds(self.large)}"
        return f"< {_seconds(self.small)} (≤ {self.small_upto:,}), < {_seconds(self.large)}"


#: The rows of issue 21's table, its goals beside them.
ROWS: dict[str, tuple[str, Goal]] = {
    "window": ("window to first paint of the works list", Goal(1.5, small=1.0)),
    "search_open": ("search: first query after opening (index ready)", Goal(0.1, memory=False)),
    "search_word": ("search query, frequent word", Goal(0.1, memory=False)),
    "search_phrase": ("search query, phrase", Goal(0.1, memory=False)),
    "check": ("`check` (readiness)", Goal(2.0)),
    "doctor": ("`doctor` (the quick check; `--full` re-reads every file)", Goal(3.0)),
    "archive_export": ("`archive export`", Goal(15.0)),
    "archive_import": ("`archive import` (into a new folder)", Goal(60.0)),
    "works": ("`works` command", Goal(0.4)),
    "check_help": ("`check --help`", Goal(0.4)),
}


@dataclass
class Figure:
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    peak_mb: float | None = None
    failure: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None


def _seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    # The window remembers recent portfolios and its geometry: in a folder
    # of this run, never the settings of whoever runs the benchmark.
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home / "config"), ENT_PORTFOLIO_LANG="th",
               PYTHONDONTWRITEBYTECODE="1")
    return env


@dataclass
class Ran:
    seconds: float  # from launch to its end
    cpu_seconds: float  # user + system: what the figure would be on idle cores
    peak_mb: float
    stdout: str
    stderr: str
    code: int


def run_process(argv: list[str], env: dict[str, str], timeout: float = 3600) -> Ran:
    """Run ``argv`` and say how long it took and how much memory it held."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.time()
        process = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.time() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.005)
        ended = time.time()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    peak = usage.ru_maxrss / (MB if sys.platform == "darwin" else 1024)
    return Ran(ended - started, usage.ru_utime + usage.ru_stime, peak, stdout, stderr, process.returncode)


def _failure(stderr: str, stdout: str, code: int) -> str:
    lines = [line for line in (stderr or stdout).strip().splitlines() if line.strip()]
    return f"exit {code}: {lines[-1][:200] if lines else 'no output'}"


def measure(argv_for_run, env: dict[str, str], runs: int, budget: float, ok_codes=(0,), prepare=None,
            timed_by_marker: bool = False) -> Figure:
    """The figure of one row: ``argv_for_run(i)`` is run ``runs`` times (once
    if the first run exceeds ``budget``); ``prepare(i)`` runs before each, untimed."""
    figure = Figure()
    for i in range(runs):
        if prepare:
            prepare(i)
        started = time.time()
        ran = run_process(argv_for_run(i), env)
        if ran.code not in ok_codes or "Traceback" in ran.stderr:
            figure.failure = _failure(ran.stderr, ran.stdout, ran.code)
            return figure
        seconds = ran.seconds
        if timed_by_marker:
            painted = [line.split()[1] for line in ran.stdout.splitlines() if line.startswith(FIRST_PAINT_MARKER)]
            if not painted:
                figure.failure = "the window never painted its works list"
                return figure
            seconds = float(painted[0]) - started
        figure.seconds.append(seconds)
        figure.cpu_seconds.append(ran.cpu_seconds)
        figure.peak_mb = max(figure.peak_mb or 0, ran.peak_mb)
        if seconds > budget:
            break
    return figure


# --- search, measured inside one fresh process ---------------------------------------

def search_probe(folder: Path, repeats: int) -> dict[str, float]:
    """Open the portfolio as the app does, then time the first query (the
    index built or loaded) and the medians of further queries."""
    from ent_portfolio.services.search import search
    from ent_portfolio.storage.portfolio import Portfolio

    figures: dict[str, float] = {}
    with Portfolio.open(folder) as portfolio:
        started = time.perf_counter()
        search(portfolio, FREQUENT_WORD)
        figures["search_open"] = time.perf_counter() - started
        for key, query in (("search_word", FREQUENT_WORD), ("search_phrase", PHRASE)):
            times = []
            for _ in range(repeats):
                started = time.perf_counter()
                hits = search(portfolio, query)
                times.append(time.perf_counter() - started)
            if not hits:
                raise SystemExit(f"the query {query!r} found nothing: the benchmark's portfolio is not what it expects")
            figures[key] = statistics.median(times)
    return figures


def measure_search(folder: Path, env: dict[str, str], runs: int) -> dict[str, Figure]:
    figures = {key: Figure() for key in ("search_open", "search_word", "search_phrase")}
    for _ in range(runs):
        ran = run_process([sys.executable, str(Path(__file__).resolve()), "--search-probe", str(folder)], env)
        if ran.code != 0 or "Traceback" in ran.stderr:
            for figure in figures.values():
                figure.failure = _failure(ran.stderr, ran.stdout, ran.code)
            return figures
        values = json.loads(ran.stdout.strip().splitlines()[-1])
        for key, figure in figures.items():
            figure.seconds.append(values[key])
    return figures


# --- one size ---------------------------------------------------------------------------

def measure_size(works: int, runs: int, budget: float, only: set[str] | None) -> tuple[dict[str, Figure], dict]:
    built = subprocess.run([sys.executable, str(HERE / "scale_portfolio.py"), str(works)], check=True,
                           stdout=subprocess.PIPE, text=True)
    facts = json.loads(built.stdout.strip().splitlines()[-1])
    cached = Path(facts.pop("folder"))
    wanted = (lambda key: only is None or key in only)
    figures: dict[str, Figure] = {}
    with tempfile.TemporaryDirectory(prefix=f"ent-scale-{works}-") as tmp:
        home = Path(tmp)
        env = _environment(home)
        folder = scale_portfolio.working_copy(cached, home / "portfolio")
        app = [sys.executable, "-m", "ent_portfolio"]
        if wanted("window"):
            window_env = dict(env, ENT_PORTFOLIO_EXIT_AFTER_FIRST_PAINT="1")
            # The first open of a copied portfolio backs it up as new: a
            # lecturer's daily start is the second one, on a warm disk.
            run_process(app + ["--portfolio", str(folder)], window_env)
            figures["window"] = measure(lambda i: app + ["--portfolio", str(folder)], window_env, runs, budget,
                                        timed_by_marker=True)
        if any(wanted(key) for key in ("search_open", "search_word", "search_phrase")):
            figures.update(measure_search(folder, env, runs))
        if wanted("check"):
            figures["check"] = measure(lambda i: app + ["check", "--portfolio", str(folder)], env, runs, budget,
                                       ok_codes=(0, 1))
        if wanted("doctor"):
            figures["doctor"] = measure(lambda i: app + ["doctor", "--portfolio", str(folder)], env, runs, budget,
                                        ok_codes=(0, 1))
        archive = home / "portfolio.entp"
        if wanted("archive_export") or wanted("archive_import"):
            def drop_archive(i: int) -> None:
                archive.unlink(missing_ok=True)

            figures["archive_export"] = measure(
                lambda i: app + ["archive", "export", "--portfolio", str(folder), str(archive)], env, runs, budget,
                prepare=drop_archive)
            facts = dict(facts, archive_mb=round(archive.stat().st_size / MB, 1) if archive.exists() else None)
        if wanted("archive_import") and archive.exists():
            def fresh_target(i: int) -> None:
                shutil.rmtree(home / "imported", ignore_errors=True)

            figures["archive_import"] = measure(
                lambda i: app + ["archive", "import", "--portfolio", str(home / "imported"), str(archive)],
                env, runs, budget, prepare=fresh_target)
        if wanted("works"):
            figures["works"] = measure(lambda i: app + ["works", "--portfolio", str(folder)], env, runs, budget)
        if wanted("check_help"):
            figures["check_help"] = measure(lambda i: app + ["check", "--help"], env, runs, budget)
    return figures, facts


# --- the table ------------------------------------------------------------------------

def _cell(figure: Figure | None, goal: Goal, works: int) -> str:
    if figure is None:
        return "—"
    if figure.failure:
        return f"✗ failed ({figure.failure})"
    seconds = figure.median
    text = f"{_seconds(seconds)} {'✓' if seconds < goal.seconds(works) else '✗'}"
    if figure.cpu_seconds:
        text += f" (cpu {_seconds(statistics.median(figure.cpu_seconds))})"
    if goal.memory and figure.peak_mb is not None:
        text += f", {figure.peak_mb:,.0f} MB {'✓' if figure.peak_mb < MEMORY_GOAL_MB else '✗'}"
    return text


def format_table(results: dict[int, dict[str, Figure]]) -> str:
    sizes = sorted(results)
    lines = ["| what | goal | " + " | ".join(f"{n:,} works" for n in sizes) + " |",
             "|---|---|" + "---|" * len(sizes)]
    for key, (label, goal) in ROWS.items():
        if not any(key in results[n] for n in sizes):
            continue
        goal_text = goal.text() + (f", < {MEMORY_GOAL_MB} MB" if goal.memory else "")
        cells = [_cell(results[n].get(key), goal, n) for n in sizes]
        lines.append(f"| {label} | {goal_text} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def any_failed(results: dict[int, dict[str, Figure]]) -> bool:
    """A command that crashed or refused is a failure of the benchmark run; a
    missed goal is a figure, shown in the table."""
    return any(figure.failure for figures in results.values() for figure in figures.values())


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not sizes or any(n < 1 for n in sizes):
        raise argparse.ArgumentTypeError("sizes are whole numbers of works, at least 1")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_sizes, default=[100, 1000], help="works per portfolio (default 100,1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is printed")
    parser.add_argument("--budget", type=float, default=60.0, help="a figure whose first run takes longer is run once")
    parser.add_argument("--only", type=lambda t: set(t.split(",")), help="rows to measure: " + ",".join(ROWS))
    parser.add_argument("--search-probe", type=Path, help=argparse.SUPPRESS)  # one search run, in this process
    args = parser.parse_args(argv)
    if args.search_probe:
        print(json.dumps(search_probe(args.search_probe, repeats=5)))
        return 0
    if args.only and args.only - set(ROWS):
        parser.error(f"unknown rows: {', '.join(sorted(args.only - set(ROWS)))}")
    results: dict[int, dict[str, Figure]] = {}
    for works in args.sizes:
        started = time.perf_counter()
        results[works], facts = measure_size(works, max(args.runs, 1), args.budget, args.only)
        print(f"{works:,} works: built once in {facts['build_seconds']:.0f} s; "
              f"archive {facts.get('archive_mb', '—')} MB; measured in {time.perf_counter() - started:.0f} s",
              flush=True)
    print()
    print(format_table(results))
    print(f"\nload average at the end: {', '.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} cores "
          "(well above the cores, every figure is inflated by waiting for a core; cpu is the process's own time)")
    return 1 if any_failed(results) else 0


if __name__ == "__main__":
    sys.exit(main())
