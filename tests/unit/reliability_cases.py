"""What the reliability tests share: a portfolio's records and stored files,
to compare before and after a failure."""

from __future__ import annotations


def _state(portfolio):
    from ent_portfolio.archive.exchange import build_document

    doc = build_document(portfolio)
    doc.pop("exported_at")
    return doc, sorted(portfolio.store.iter_hashes())
