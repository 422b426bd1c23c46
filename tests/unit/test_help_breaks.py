"""The help's Thai line breaks are worked out ahead (cli/help_break_table.py)
so that ``--help`` does not load the segmenter; these tests keep that table
equal to what the segmenter says, for every paragraph of every command's
help in both languages, and the printed help the same as with the segmenter."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ent_portfolio.cli import help_breaks, main, usage
from ent_portfolio.cli.help_break_table import BREAKS
from ent_portfolio.cli.help_break_writer import TABLE_MODULE, computed_table, help_paragraphs, table_source
from ent_portfolio.typeset.columns import paragraph_text, segmenter_breaks, wrap_columns


def test_the_table_holds_the_segmenters_breaks_for_every_thai_paragraph_of_the_help():
    stored = {key: (soft, soft if inside is None else inside) for key, (soft, inside) in BREAKS.items()}
    fresh = computed_table()
    assert len(fresh) > 50  # it did walk every command (the help has over a hundred Thai paragraphs)
    stale = sorted(set(stored) ^ set(fresh) | {k for k in set(stored) & set(fresh) if stored[k] != fresh[k]})
    assert not stale, (f"{len(stale)} entries of cli/help_break_table.py differ from the segmenter: "
                       "run python -m ent_portfolio.cli.help_break_writer")


def test_the_table_file_is_what_the_writer_writes():
    """Nobody edited the table by hand (it is read as written)."""
    stored = {key: (soft, soft if inside is None else inside) for key, (soft, inside) in BREAKS.items()}
    assert table_source(stored) == TABLE_MODULE.read_text(encoding="utf-8")


def test_the_walk_finds_the_commands_own_help_in_both_languages():
    paragraphs = help_paragraphs()
    from ent_portfolio.i18n import tr

    for key in ("cli.help.check.lang", "cli.help.portfolio", "cli.help.description"):
        assert paragraph_text(tr(key, "th")) in paragraphs
    assert all(any("\u0e00" <= ch <= "\u0e7f" for ch in p) for p in paragraphs)  # Thai ones only


@pytest.mark.parametrize("thai", ["ข้อความที่ไม่มีในวิธีใช้ของคำสั่งใดเลย แต่ต้องตัดบรรทัดได้ถูกที่",
                                  "ตรวจความพร้อมของการเสนอขอตำแหน่ง: สิ่งที่กรรมการจะพบว่ายังขาด ",
                                  "ซ้ำกัน" * 30, "", " ", "abc def"])
def test_a_paragraph_not_in_the_table_is_broken_by_the_segmenter(thai):
    text = paragraph_text(thai + " (เพิ่มภายหลัง)")
    assert help_breaks.paragraph_key(text) not in BREAKS
    assert help_breaks.known_breaks(text) == segmenter_breaks(text)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(sorted(help_paragraphs())), st.integers(min_value=-5, max_value=160))
def test_at_any_width_the_table_wraps_a_paragraph_as_the_segmenter_does(paragraph, width):
    assert wrap_columns(paragraph, width, help_breaks.known_breaks) == wrap_columns(paragraph, width)


def _help_in_a_fresh_interpreter(argv: list[str], columns: int) -> tuple[str, set[str]]:
    code = ("import json, sys\nfrom ent_portfolio.cli import main\n"
            f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
            "print('MODULES', json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")
    env = dict(os.environ, COLUMNS=str(columns), LINES="40")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    text, _, modules = done.stdout.rpartition("MODULES ")
    import json

    return text, set(json.loads(modules))


@pytest.mark.parametrize(("argv", "columns"), [
    (["--lang", "th", "--help"], 80),
    (["--lang", "th", "check", "--help"], 44),
    (["--lang", "th", "import", "sheet", "--help"], 120),
    (["--lang", "th", "dossier", "--help"], 60),
    (["--lang", "en", "doctor", "--help"], 70),
])
def test_help_prints_without_the_segmenter_what_the_segmenter_would(argv, columns, monkeypatch, capsys):
    printed, modules = _help_in_a_fresh_interpreter(argv, columns)
    assert {"pythainlp", "geothai"} & modules == set()
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setenv("LINES", "40")
    monkeypatch.setattr(usage, "known_breaks", segmenter_breaks)
    with pytest.raises(SystemExit):
        main(argv)
    expected = capsys.readouterr().out
    assert "ตัวเลือก" in expected or "options" in expected
    assert printed == expected
