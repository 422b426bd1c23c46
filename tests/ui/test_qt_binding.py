"""Guards against a Qt binding that corrupts the interpreter.

PySide6 6.12.0 on Python 3.11 released a reference to None on every
``processEvents()``: the app crashed after a few thousand events.  The pin in
pyproject.toml keeps it out; this test fails loudly if it comes back."""

from __future__ import annotations

import sys


def test_processing_events_does_not_leak_references(qapp):
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(3000):
        qapp.processEvents()
    after = sys.getrefcount(None), sys.getrefcount(True)
    assert abs(after[0] - before[0]) < 100, (before, after)
    assert abs(after[1] - before[1]) < 100, (before, after)


def test_background_jobs_report_progress_result_and_errors(qapp, qtbot):
    from ent_portfolio.ui.jobs import JobRunner

    runner = JobRunner()
    seen = []

    def work(n, progress, cancel):
        for i in range(n):
            cancel.raise_if_cancelled()
            progress(i + 1, n)
        return n * 2

    job = runner.start(work, 4)
    job.progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(job.succeeded, timeout=5000) as blocker:
        pass
    assert blocker.args == [8]
    assert seen[-1] == (4, 4)

    def fails(progress, cancel):
        raise ValueError("broken input")

    failing = runner.start(fails)
    with qtbot.waitSignal(failing.failed, timeout=5000) as blocker:
        pass
    assert isinstance(blocker.args[0], ValueError)


def test_synchronous_runner_for_tests(qapp, qtbot):
    from ent_portfolio.ui.jobs import JobRunner

    runner = JobRunner(synchronous=True)
    job = runner.start(lambda progress, cancel: "done")
    qtbot.waitUntil(lambda: job.done, timeout=2000)
    assert job.result == "done" and job.error is None


def test_the_windows_take_their_qt_names_from_one_module():
    """A binding pin or upgrade touches ``ui/qt.py`` alone: no other module
    of the app names PySide6 in an import (top level or inside a function)."""
    import ast
    from pathlib import Path

    import ent_portfolio

    root = Path(ent_portfolio.__file__).parent
    offenders = []
    for path in sorted(root.rglob("*.py")):
        if path == root / "ui" / "qt.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if any(name.split(".")[0] in ("PySide6", "shiboken6") for name in names):
                offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert offenders == []
