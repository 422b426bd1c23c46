"""A portfolio folder whose path is too long for the database.

SQLite opens no file whose full name is longer than 512 bytes; a Thai
folder name takes three bytes a letter, so a few nested folders with long
Thai names are enough.  Every way of making or opening a portfolio refuses
such a path with one sentence before it writes anything (it used to fail
half-way with "unable to open database file")."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ent_portfolio.cli import main
from ent_portfolio.errors import UserError
from ent_portfolio.storage.layout import MAX_FOLDER_PATH_BYTES, check_folder_path
from ent_portfolio.storage.new_portfolio import plan_new_portfolio
from ent_portfolio.storage.portfolio import Portfolio

LONG_NAME = "แฟ้มผลงานที่มีชื่อยาวมากเพื่อทดสอบ"  # 34 letters, 102 bytes


def too_deep(root):
    depth = 1
    while len(os.fsencode(str(root.joinpath(*[LONG_NAME] * depth)))) <= MAX_FOLDER_PATH_BYTES:
        depth += 1
    return root.joinpath(*[LONG_NAME] * depth)


def everything_under(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_a_portfolio_in_a_too_long_path_is_refused_before_any_folder_is_made(tmp_path):
    folder = too_deep(tmp_path / "place")
    with pytest.raises(UserError) as refused:
        Portfolio.create(folder)
    assert refused.value.key == "error.portfolio_path_too_long"
    assert everything_under(tmp_path) == []


@pytest.mark.parametrize("command", [["demo", "--portfolio", "{folder}"], ["--portfolio", "{folder}", "works"],
                                     ["--portfolio", "{folder}", "doctor"]])
def test_the_command_line_says_so_in_one_sentence(tmp_path, capsys, command):
    folder = too_deep(tmp_path / "place")
    code = main(["--lang", "th", *(part.format(folder=folder) for part in command)])
    out = capsys.readouterr()
    assert code == 1
    assert "ยาวเกินไป" in out.err + out.out and "Traceback" not in out.err
    assert everything_under(tmp_path) == []


def test_the_new_portfolio_dialogs_plan_refuses_it_while_the_lecturer_types(tmp_path):
    place = too_deep(tmp_path / "place").parent
    place.mkdir(parents=True)
    with pytest.raises(UserError) as refused:
        plan_new_portfolio(LONG_NAME, place)
    assert refused.value.key == "error.portfolio_path_too_long"
    assert everything_under(place) == []


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from("กขคงabc/ ."), min_size=1, max_size=300))
def test_any_path_is_checked_by_its_bytes(tail):
    path = "/tmp/" + tail
    try:
        check_folder_path(path)
    except UserError as refused:
        assert refused.key in ("error.portfolio_path_too_long", "error.portfolio_not_a_folder")
        if refused.key == "error.portfolio_path_too_long":
            assert len(os.fsencode(os.path.abspath(path))) > MAX_FOLDER_PATH_BYTES
    else:
        assert len(os.fsencode(os.path.abspath(path))) <= MAX_FOLDER_PATH_BYTES
