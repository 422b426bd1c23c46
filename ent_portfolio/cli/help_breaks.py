"""The Thai help's line breaks, worked out ahead of ``--help``.

Where a Thai paragraph of the help may break is the segmenter's answer
(:func:`..typeset.columns.segmenter_breaks`), and loading the segmenter's
dictionary takes about a second — longer than ``--help`` may take.  So the
answer for every Thai paragraph of every command's help, in both languages,
is kept in :mod:`.help_break_table`, keyed by a digest of the paragraph.

It cannot silently go stale: a paragraph whose text changed has another
digest, is not found, and is broken by the segmenter as before (slower,
never different).  And ``tests/unit/test_help_breaks.py`` recomputes the
table from the segmenter for the whole command line and fails when any
entry differs, is missing or is left over (a changed dictionary, a new
help text); then ``python -m ent_portfolio.cli.help_break_writer`` writes it anew."""

from __future__ import annotations

import hashlib

from ..typeset.columns import ParagraphBreaks, segmenter_breaks


def paragraph_key(paragraph: str) -> str:
    """The table's key for ``paragraph`` (as :func:`..typeset.columns.paragraph_text` gives it)."""
    return hashlib.blake2b(paragraph.encode("utf-8"), digest_size=8).hexdigest()


def known_breaks(paragraph: str) -> ParagraphBreaks:
    """The breaks of ``paragraph``: from the table, else from the segmenter."""
    from .help_break_table import BREAKS

    found = BREAKS.get(paragraph_key(paragraph))
    if found is None:
        return segmenter_breaks(paragraph)
    soft, inside = found
    return soft, soft if inside is None else inside
