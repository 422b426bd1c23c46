"""The benchmark harness: ``python -m benchmarks`` finds every ``bench_*.py``,
runs each in its own process to the end even when one fails, and passes the
arguments after ``--`` to each.  Tiny benchmarks are generated in a folder of
the test; no real benchmark runs here."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from benchmarks import __main__ as harness  # noqa: E402
from benchmarks import bench_scale  # noqa: E402

# A benchmark that writes what it saw — its arguments and whether a module
# another benchmark imported is loaded — so a test can tell its process apart.
PROBE = """
import json, sys
from pathlib import Path
seen = {"argv": sys.argv[1:], "shared_loaded": "json_shared_marker" in sys.modules}
import json as json_shared_marker
sys.modules["json_shared_marker"] = json_shared_marker
Path(__file__).with_suffix(".seen").write_text(json.dumps(seen))
print("figure: 42 ms")
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "bench_alpha.py").write_text(PROBE, encoding="utf-8")
    (tmp_path / "bench_beta.py").write_text("import sys\nprint('beta ran')\nsys.exit(3)\n", encoding="utf-8")
    (tmp_path / "bench_gamma.py").write_text(PROBE, encoding="utf-8")
    (tmp_path / "archive_fuzz.py").write_text(PROBE, encoding="utf-8")
    (tmp_path / "helper_module.py").write_text("", encoding="utf-8")
    return tmp_path


def _seen(folder: Path, name: str) -> dict:
    return json.loads((folder / f"{name}.seen").read_text())


def test_the_real_folder_lists_every_bench_script():
    on_disk = sorted(p.stem for p in (REPO / "benchmarks").glob("bench_*.py"))
    assert harness.discover() == on_disk
    assert "bench_scale" in on_disk and "bench_typeset" in on_disk and "bench_ui_models" in on_disk


def test_list_prints_only_benchmarks_in_order(folder, capsys):
    assert harness.main(["--list"], folder) == 0
    assert capsys.readouterr().out.split() == ["bench_alpha", "bench_beta", "bench_gamma"]


def test_a_failing_benchmark_does_not_stop_the_others(folder, capfd):
    assert harness.main([], folder) == 1
    out, err = capfd.readouterr()
    assert out.index("== bench_alpha ==") < out.index("beta ran") < out.index("== bench_gamma ==")
    assert "bench_beta: FAILED (exit 3)" in out and "failed: bench_beta" in err
    assert "figure: 42 ms" in out
    # Each in its own process: what alpha loaded is not loaded in gamma.
    assert _seen(folder, "bench_alpha")["shared_loaded"] is False
    assert _seen(folder, "bench_gamma")["shared_loaded"] is False
    assert not (folder / "archive_fuzz.seen").exists()  # named runs only


def test_names_choose_and_arguments_after_the_dashes_pass_through(folder, capfd):
    assert harness.main(["gamma", "archive_fuzz.py", "--", "--sizes", "100,1000", "-x"], folder) == 0
    assert _seen(folder, "bench_gamma")["argv"] == ["--sizes", "100,1000", "-x"]
    assert _seen(folder, "archive_fuzz")["argv"] == ["--sizes", "100,1000", "-x"]
    assert not (folder / "bench_alpha.seen").exists()
    assert "beta ran" not in capfd.readouterr().out


@pytest.mark.parametrize("name", ["nonesuch", "helper", "__main__", "../bench_alpha", ""])
def test_an_unknown_name_runs_nothing(folder, name, capfd):
    assert harness.main([name], folder) == 2
    assert "no benchmark named" in capfd.readouterr().err
    assert not list(folder.glob("*.seen"))


def test_python_dash_m_benchmarks_runs_a_named_script_in_a_subprocess(tmp_path):
    # The real entry point, on a real (fast) script: --help of the scale benchmark.
    done = subprocess.run([sys.executable, "-m", "benchmarks", "scale", "--", "--help"], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "== bench_scale ==" in done.stdout and "--sizes" in done.stdout


# --- the scale benchmark's own parts (no portfolio is built) ---------------------------

def test_scale_sizes_are_parsed_and_refused():
    assert bench_scale._sizes("100,1000,5_000") == [100, 1000, 5000]
    for bad in ("", "a,b", "0", "-5", "100,,x"):
        with pytest.raises(argparse.ArgumentTypeError):
            bench_scale._sizes(bad)


def test_scale_table_marks_goals_met_missed_and_failures():
    figures = {
        100: {"window": bench_scale.Figure(seconds=[0.8, 0.9, 3.0], cpu_seconds=[0.7], peak_mb=150),
              "check": bench_scale.Figure(seconds=[2.5], peak_mb=500),
              "works": bench_scale.Figure(failure="exit 1: refused")},
        5000: {"window": bench_scale.Figure(seconds=[1.2], peak_mb=390),
               "check": bench_scale.Figure(seconds=[1.0], peak_mb=100)},
    }
    table = bench_scale.format_table(figures).splitlines()
    window = next(line for line in table if line.startswith("| window"))
    assert "900 ms ✓ (cpu 700 ms), 150 MB ✓" in window  # the median, not the mean
    assert "1.20 s ✓, 390 MB ✓" in window  # 1.5 s is the goal above 100 works
    check = next(line for line in table if line.startswith("| `check` (readiness)"))
    assert "2.50 s ✗, 500 MB ✗" in check and "1.00 s ✓" in check
    assert "✗ failed (exit 1: refused)" in next(line for line in table if line.startswith("| `works`"))
    assert not any(line.startswith("| `doctor`") for line in table)  # not measured: no row
    assert bench_scale.any_failed(figures)
    del figures[100]["works"]
    assert not bench_scale.any_failed(figures)


def test_run_process_reports_the_child_own_peak_memory():
    env = dict(os.environ)
    touch_500_mb = "b = bytearray(500 * 1024 * 1024); b[::4096] = b'x' * len(range(0, len(b), 4096))"
    # Measured from a small launcher, as the benchmark runs: a forked child
    # starts with its parent's peak, and the test process itself may be
    # larger than what is being measured.
    launcher = ("import json, sys; sys.path[:0] = sys.argv[1:3]; from benchmarks import bench_scale; "
                f"r = bench_scale.run_process([sys.executable, '-c', {touch_500_mb!r}], None); "
                "print(json.dumps([r.code, r.peak_mb, r.seconds, r.cpu_seconds]))")
    bench_dir = str(Path(bench_scale.__file__).parent)
    out = subprocess.run([sys.executable, "-c", launcher, str(Path(bench_dir).parent), bench_dir],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    code, peak_mb, seconds, cpu_seconds = json.loads(out.stdout.strip().splitlines()[-1])
    assert code == 0
    assert 500 <= peak_mb < 2000  # megabytes (Linux reports kilobytes)
    ran = bench_scale.run_process([sys.executable, "-c", "pass"], env)
    assert ran.seconds > 0 and ran.cpu_seconds > 0
    failed = bench_scale.run_process([sys.executable, "-c", "import sys; print('why'); sys.exit(4)"], env)
    assert failed.code == 4 and bench_scale._failure(failed.stderr, failed.stdout, failed.code) == "exit 4: why"
