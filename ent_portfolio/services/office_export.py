"""The Word and Excel exports the windows and the command line both call,
so the same choices give the same files whichever door the lecturer used.
Both are made from the dossier's plan (see :mod:`ent_portfolio.office`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..jobs import CancelToken, Progress
from ..office.word import WordResult, write_docx
from ..storage.portfolio import Portfolio

__all__ = ["WordResult", "export_docx", "export_xlsx"]


def export_docx(portfolio: Portfolio, out: Path | str, *, work_ids: Sequence[str] | None = None, lang: str = "th",
                photos: bool = False, progress: Progress | None = None,
                cancel: CancelToken | None = None) -> WordResult:
    """The write-up of the works as an editable Word file at ``out``
    (outside the portfolio), written whole or not at all."""
    return write_docx(portfolio, out, work_ids=work_ids, lang=lang, photos=photos, progress=progress,
                      cancel=cancel)


def export_xlsx(portfolio: Portfolio, out: Path | str, *, lang: str = "th"):
    """The numbers of the portfolio as a workbook at ``out`` (outside the
    portfolio), written whole or not at all."""
    from ..office.workbook import write_xlsx  # its own module: the Word export does not need it

    return write_xlsx(portfolio, out, lang=lang)
