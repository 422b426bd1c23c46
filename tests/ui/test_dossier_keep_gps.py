"""The dossier page's "keep the GPS positions" box (issue 15, item 7): off
by default, so the package goes without the photos' positions; ticked (with
the package) it keeps them, as ``--keep-gps`` does; worded in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from ent_portfolio.storage.portfolio import Portfolio

WORDS = {"th": "เก็บพิกัด GPS ในภาพ", "en": "Keep the GPS positions in the photos"}


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_keep_gps_box_is_off_by_default_and_keeps_only_when_ticked(make_window, tmp_path, lang):
    folder = tmp_path / "p"
    Portfolio.create(folder).close()
    window = make_window(folder, lang)
    view = window.show_page("dossier")
    box = view.keep_gps_box
    assert box.text() == WORDS[lang] and box.toolTip()
    assert not box.isChecked() and not box.isEnabled()  # about the package: greyed out without it
    assert view.choices().config.strip_gps is True
    view.package_box.setChecked(True)
    assert box.isEnabled() and view.choices().config.strip_gps is True  # the package strips unless asked
    box.setChecked(True)
    assert view.choices().config.strip_gps is False
    view.package_box.setChecked(False)  # no package: nothing kept anywhere
    assert view.choices().config.strip_gps is True
    if lang == "th":
        view.package_box.setChecked(True)
        shots = Path("/tmp/shots14")
        shots.mkdir(parents=True, exist_ok=True)
        view.options_box.grab().save(str(shots / "dossier-keep-gps.png"))
