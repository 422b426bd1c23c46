"""The command line starts light: building the parser imports no heavy
library, and ``works`` lists the works without Qt, the dossier's PDF
libraries, image decoding or the Thai segmenter.  Each check runs in a fresh
interpreter, since this test process has long imported everything."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

#: What no command needs merely to start: the window, the PDF and image
#: libraries, the segmenter, and the ORM (the parser must not open anything).
HEAVY = ("PySide6", "shiboken6", "cv2", "reportlab", "pythainlp", "PIL", "pikepdf", "pyhanko", "numpy", "docx",
         "openpyxl", "pypdfium2", "sqlalchemy", "alembic", "geothai")


def _modules_after(code: str) -> set[str]:
    """Top-level packages, and every module of the app, imported by ``code``
    run in a new interpreter."""
    script = code + ("\nimport json, sys\nprint('MODULES', json.dumps(sorted({m if m.startswith('ent_portfolio.') "
                     "else m.split('.')[0] for m in sys.modules})))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    line = [x for x in done.stdout.splitlines() if x.startswith("MODULES ")][-1]
    return set(json.loads(line[len("MODULES "):]))


def test_building_the_parser_imports_nothing_heavy():
    loaded = _modules_after("import ent_portfolio.cli as cli\ncli.build_parser()")
    assert "argparse" in loaded  # the check can see what was imported
    assert loaded & set(HEAVY) == set()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_works_lists_without_the_window_the_dossier_or_the_photos(demo_dir, lang):
    code = (f"from ent_portfolio.cli import main\n"
            f"assert main(['--lang', '{lang}', '--portfolio', {str(demo_dir)!r}, 'works']) == 0")
    loaded = _modules_after(code)
    assert "sqlalchemy" in loaded  # it did read the portfolio
    assert loaded & {"PySide6", "shiboken6", "cv2", "reportlab", "pythainlp", "PIL", "pikepdf", "pyhanko",
                     "numpy", "docx", "openpyxl", "pypdfium2"} == set()
    assert {m for m in loaded if m.startswith(("ent_portfolio.services", "ent_portfolio.media",
                                               "ent_portfolio.dossier", "ent_portfolio.ui"))} == set()


def test_works_prints_what_the_services_list_in_their_order(portfolio, services, capsys):
    from ent_portfolio.cli import main

    for title, start, order in [("ข", dt.date(2020, 1, 1), 0), ("ก", dt.date(2020, 1, 1), 0),
                                ("ค", None, 0), ("ง", dt.date(2019, 5, 1), 1), ("จ", dt.date(2018, 1, 1), 0)]:
        work = services.works.create(title_th=title, start_date=start)
        services.works.update(work.id, sort_order=order)
    expected = [f"{w.id}\t{w.title_th}" for w in services.works.list()]
    portfolio.close()
    assert main(["--portfolio", str(portfolio.folder), "works"]) == 0
    assert capsys.readouterr().out.splitlines() == expected
