"""The small things a lecturer trips over in the first hour (issue 14, item 10):
words beside a check box that do not tick it, a clipped percentage, file names
whose underscores vanish, and a dossier named by the wrong calendar."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from ent_portfolio.ui.context import AppContext

SHOTS = Path("/tmp/shots14")


def _shot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


# --------------------------------------------------------- dossier file name

@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_default_dossier_name_is_dated_in_the_calendar_of_the_language(qtbot, portfolio, lang):
    from ent_portfolio.ui.views.dossier import DossierView

    context = AppContext(portfolio, synchronous_jobs=True)
    context.language = lang
    view = DossierView(context)
    qtbot.addWidget(view)
    today = _dt.date.today()
    name = Path(view.out_edit.text()).name
    if lang == "th":
        assert name == f"แฟ้มผลงาน-{today.year + 543}-{today:%m-%d}.pdf"
    else:
        assert name == f"EnT-dossier-{today.isoformat()}.pdf"
