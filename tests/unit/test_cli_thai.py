"""The command line speaks the lecturer's language from its first word:
``--help`` of every command and every usage error is Thai with ``--lang th``
(or a Thai environment) and English with ``--lang en``; a usage error is a
sentence and exit 2, never a traceback, whatever the arguments."""

from __future__ import annotations

import argparse
import gettext
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ent_portfolio.cli import build_parser, main

THAI = re.compile("[\u0e00-\u0e7f]")
# Names of formats and standards, written the same in a Thai sentence.
NAMES = {"EnT", "Portfolio", "PDF", "PNG", "JSON", "GPS", "SHA-256", "UUID", "1280×800", "Word", "Excel",
         "SQLite", "PostgreSQL"}  # the faculty database's two kinds, named as their makers do


def _walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _walk(child, (*path, name))


COMMANDS = [path for path, _parser in _walk(build_parser())]


def _spelled_as_is(parser: argparse.ArgumentParser) -> set[str]:
    """What a Thai help may leave in English: option names, metavars, values to choose, command names."""
    words = {"ent-portfolio"}
    for _path, each in _walk(parser):
        for action in each._actions:
            words.update(action.option_strings)
            if action.metavar:
                words.update(re.split(r"[|\s]+", str(action.metavar)))
            if action.choices:
                words.update(str(c) for c in action.choices)
    return words


ALLOWED = _spelled_as_is(build_parser()) | NAMES


def _is_file_name(token: str) -> bool:
    return bool(re.fullmatch(r"[\w.\-]*\.[A-Za-z0-9]+|[\w.\-]+/", token))


def english_left_in(text: str, typed: tuple[str, ...] = ()) -> list[str]:
    """Latin-letter words of ``text`` that are neither allowed names, file
    names nor what the user ``typed`` (an error quotes it back)."""
    typed_words = {part for arg in typed for part in re.split(r"[=\s]+", arg)}
    left = []
    for token in re.split(r"[\s\[\](){},|]+", text):
        token = token.rstrip(":;.…").strip("'\"“”")
        if not re.search("[A-Za-z]", token) or _is_file_name(token):
            continue
        if re.match(r"[a-z][a-z0-9+]*://", token):  # an address as it is typed (a database's URL)
            continue
        if token in ALLOWED or token in typed_words:
            continue
        left.append(token)
    return left


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------ --help

@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "(top)")
@pytest.mark.parametrize("how", ["--lang th", "environment"])
def test_help_of_every_command_is_thai(capsys, monkeypatch, command, how):
    if how == "environment":
        monkeypatch.setenv("ENT_PORTFOLIO_LANG", "th")
        argv = [*command, "--help"]
    else:
        monkeypatch.setenv("ENT_PORTFOLIO_LANG", "en")  # --lang wins over the environment
        argv = ["--lang", "th", *command, "--help"]
    code, out, err = _run(capsys, argv)
    assert code == 0 and err == ""
    assert out.startswith("วิธีใช้: ent-portfolio")
    assert "ตัวเลือก:" in out and "แสดงวิธีใช้นี้แล้วจบ" in out
    assert english_left_in(out) == []


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "(top)")
def test_help_of_every_command_is_english_with_lang_en(capsys, command):
    code, out, _err = _run(capsys, ["--lang", "en", *command, "--help"])
    assert code == 0
    assert out.startswith("usage: ent-portfolio") and "show this help message and exit" in out
    assert not THAI.search(out)


def test_every_option_has_its_help():
    for path, parser in _walk(build_parser()):
        for action in parser._actions:
            if action.help is not argparse.SUPPRESS:
                assert action.help, f"{' '.join(path)} {action.option_strings or action.dest} has no help"


def test_the_thai_check_can_fail():
    assert english_left_in("ตัวเลือก: --json แสดงผล print the findings") == ["print", "the", "findings"]
    assert english_left_in("ไฟล์ FILE.entp manifest.json tmp/ --portfolio DIR") == []


def test_argparse_speaks_english_again_after_the_command_line(capsys):
    _run(capsys, ["--lang", "th", "works", "--help"])
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext
    probe = argparse.ArgumentParser(prog="probe")
    assert probe.format_usage().startswith("usage: probe")


# ------------------------------------------------------------ usage errors

USAGE_ERRORS = [
    (["works", "--no-such-option"], "ไม่รู้จัก --no-such-option", "unrecognized arguments: --no-such-option"),
    (["no-such-command"], "ไม่มีตัวเลือก 'no-such-command'", "invalid choice: 'no-such-command'"),
    (["archive"], "ยังไม่ได้ระบุ ACTION", "the following arguments are required: ACTION"),
    (["archive", "export"], "ยังไม่ได้ระบุ FILE.entp", "the following arguments are required: FILE.entp"),
    (["dossier"], "ยังไม่ได้ระบุ --out", "the following arguments are required: --out"),
    (["evidence", "add", "x.jpg"], "ยังไม่ได้ระบุ --work", "the following arguments are required: --work"),
    (["evidence", "add", "--work", "w"], "ยังไม่ได้ระบุ FILE_OR_FOLDER", "required: FILE_OR_FOLDER"),
    (["works", "--portfolio"], "--portfolio: ต้องตามด้วยค่าหนึ่งค่า", "argument --portfolio: expected one argument"),
    (["check", "--position", "dean"], "ไม่มีตัวเลือก 'dean'", "invalid choice: 'dean'"),
    (["--lang", "fr", "works"], "ไม่มีตัวเลือก 'fr'", "invalid choice: 'fr'"),
    (["backup", "--keep", "ห้า"], "ค่า “ห้า” ไม่ใช่จำนวนเต็ม", "“ห้า” is not a whole number"),
    (["backup", "--keep", "2.5"], "ค่า “2.5” ไม่ใช่จำนวนเต็ม", "“2.5” is not a whole number"),
    (["check", "--json=yes"], "ตัวเลือกนี้ไม่รับค่า จึงใช้ 'yes' ไม่ได้", "ignored explicit argument 'yes'"),
    (["check", "--l"], "ตัวเลือก --l กำกวม", "ambiguous option: --l could match"),
    (["screenshot", "--view", "nowhere", "--out", "x.png"], "ไม่มีตัวเลือก 'nowhere'", "invalid choice: 'nowhere'"),
]


@pytest.mark.parametrize("argv,thai,english", USAGE_ERRORS, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_a_usage_error_is_a_thai_sentence_and_exit_2(capsys, tmp_path, monkeypatch, argv, thai, english):
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, ["--lang", "th", *argv] if "--lang" not in argv else argv)
    assert code == 2 and out == ""
    assert "Traceback" not in err
    usage, sentence = err.rstrip("\n").split("\n", 1)[0], err.rstrip("\n").splitlines()[-1]
    assert usage.startswith("วิธีใช้: ent-portfolio")
    assert thai in sentence and sentence.endswith("— ไม่มีการเปลี่ยนแปลงใด ๆ")
    assert english_left_in(sentence, typed=tuple(argv)) == []
    assert list(tmp_path.iterdir()) == []  # nothing was written


@pytest.mark.parametrize("argv,thai,english", USAGE_ERRORS, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_a_usage_error_is_english_with_lang_en(capsys, tmp_path, monkeypatch, argv, thai, english):
    monkeypatch.chdir(tmp_path)
    code, _out, err = _run(capsys, ["--lang", "en", *argv])
    assert code == 2 and "Traceback" not in err
    sentence = err.rstrip("\n").splitlines()[-1]
    assert err.startswith("usage: ent-portfolio")
    assert english in sentence and sentence.endswith("Nothing was changed.")
    assert not THAI.search(sentence.replace("ห้า", ""))


# ---------------------------------------------------- any argument vector

def _vocabulary() -> list[str]:
    words = []
    for path, parser in _walk(build_parser()):
        words.extend(path)
        for action in parser._actions:
            words.extend(action.option_strings)
            words.extend(str(c) for c in action.choices or ())
    return sorted(set(words))


VOCABULARY = _vocabulary()


@pytest.fixture
def harmless_commands(monkeypatch, tmp_path):
    """The commands that would make a demo, a PDF or a window run as stubs:
    the property is about reading the arguments, and these take seconds."""
    import ent_portfolio.cli as cli
    from ent_portfolio.cli import demo, dossier, screenshot

    for module in (demo, dossier, screenshot):
        monkeypatch.setattr(module, "run", lambda args: 0)
    monkeypatch.setattr(cli, "_open_app", lambda args: 0)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a file").write_text("not a portfolio")
    (tmp_path / "empty").mkdir()
    return tmp_path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=st.lists(st.one_of(st.sampled_from(VOCABULARY), st.sampled_from(["a file", "empty", "missing", "th"]),
                               st.text(max_size=12)), max_size=7))
@example(argv=["works", "--portfolio", "a file"])  # reaches the command: a user error, exit 1
@example(argv=["doctor", "--portfolio", "empty", "--quick"])
@example(argv=["verify", "missing"])
@example(argv=["--lang", "en", "backup", "--keep", "-3", "--portfolio", "missing"])
def test_no_argument_vector_gives_a_traceback(capsys, harmless_commands, argv):
    code, _out, err = _run(capsys, argv)
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err
    if code == 2:
        assert err.rstrip("\n").endswith(("— ไม่มีการเปลี่ยนแปลงใด ๆ", "Nothing was changed."))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "(top)")
def test_thai_help_lines_break_between_words_only(capsys, monkeypatch, command):
    """A narrow terminal wraps the Thai help at word boundaries, never
    between two letters of a word (argparse's own wrapper did: ซ้ำกั|น)."""
    from ent_portfolio.typeset.segmentation import break_opportunities, is_thai

    monkeypatch.setenv("COLUMNS", "56")
    code, out, _err = _run(capsys, ["--lang", "th", *command, "--help"])
    assert code == 0
    lines = out.splitlines()
    for upper, lower in zip(lines, lines[1:], strict=False):
        ahead = lower.lstrip()
        if not (upper and ahead and is_thai(upper[-1]) and is_thai(ahead[0])):
            continue
        joined = upper.lstrip() + ahead
        assert len(upper.lstrip()) in break_opportunities(joined), f"{upper!r} | {ahead!r}"
