"""Which language the core speaks when nobody said."""

from __future__ import annotations

import pytest

from ent_portfolio import i18n


@pytest.mark.parametrize(
    "env,expected",
    [
        ({"LANG": "C.UTF-8"}, "th"),
        ({"LANG": "POSIX"}, "th"),
        ({}, "th"),
        ({"LANG": "th_TH.UTF-8"}, "th"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "th_TH.UTF-8"}, "th"),
        ({"LANG": "th_TH.UTF-8", "ENT_PORTFOLIO_LANG": "en"}, "en"),
    ],
)
def test_thai_unless_the_environment_clearly_says_english(monkeypatch, env, expected):
    for var in ("ENT_PORTFOLIO_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert i18n.detect_language() == expected


def test_every_message_has_both_languages_and_the_same_parameters():
    import string

    import ent_portfolio.cli  # noqa: F401 - registers the command messages
    from ent_portfolio.cli import build_parser

    build_parser()
    # A parameter may come in a per-language form (kind_th / kind_en).
    names = lambda text: {f.removesuffix("_th").removesuffix("_en")  # noqa: E731
                          for _, f, _, _ in string.Formatter().parse(text) if f}
    for key, (thai, english) in i18n.MESSAGES.items():
        assert thai.strip() and english.strip(), key
        assert names(thai) == names(english), key
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in thai), f"{key}: Thai text has no Thai"


def test_the_windows_never_call_the_catalogue_as_tr():
    """Qt's string extractor reads every ``tr("…")`` in the windows' code as
    a Qt string; a catalogue key read that way lands in the .ts files as an
    untranslated entry with no context.  The windows import the catalogue's
    ``tr`` under another name."""
    import re
    from pathlib import Path

    ui = Path(__file__).resolve().parents[2] / "ent_portfolio" / "ui"
    plain = re.compile(r"^from \.+i18n import (?:[^#\n]*,\s*)?tr\s*(?:,|#|$)", re.MULTILINE)
    offenders = [str(p.relative_to(ui)) for p in ui.rglob("*.py") if plain.search(p.read_text(encoding="utf-8"))]
    assert not offenders


def test_every_error_the_code_raises_has_its_sentence():
    """An unregistered key reaches the lecturer as the key itself
    ("cli.screenshot.failed"); every key raised anywhere is registered once
    the program's modules are loaded."""
    import importlib
    import pkgutil
    import re
    from pathlib import Path

    import ent_portfolio

    for module in pkgutil.walk_packages(ent_portfolio.__path__, "ent_portfolio."):
        if not module.name.endswith("__main__") and ".migrations" not in module.name:
            importlib.import_module(module.name)
    raised = re.compile(r"\b[A-Z][A-Za-z]*Error\(\s*\"([a-z_]+(?:\.[a-z_0-9]+)+)\"")
    found = {(key, str(path)) for path in Path(ent_portfolio.__file__).parent.rglob("*.py")
             for key in raised.findall(path.read_text(encoding="utf-8"))}
    assert len(found) > 50  # the scan sees the program's errors
    assert sorted((key, path) for key, path in found if key not in i18n.MESSAGES) == []
