"""How long a write-up section may be.

One limit, counted one way, for the service that refuses a longer section
when it is typed and for the dossier that cuts one arriving another way (an
archive, an older database): the two must never disagree on whether a
section fits."""

from __future__ import annotations

import html
import re

#: Most characters of text one write-up section may hold.  A section of a
#: ก.พ.อ. write-up is at most a few thousand words (20,000–30,000
#: characters); 50,000 is about 15 printed pages, more than a real section
#: reaches, while a 10 MB paste (an accident or an attack) would make a
#: dossier of thousands of pages that takes minutes to export.
SECTION_TEXT_LIMIT = 50_000
#: Most characters of stored markup a section may hold: ten times its text
#: leaves room for any formatting the editor writes.
SECTION_MARKUP_LIMIT = 10 * SECTION_TEXT_LIMIT

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def section_text_length(content: str | None) -> int:
    """Characters of a section a reader sees, as the limit counts them:
    tags and entities removed, runs of white space counted once."""
    if not content:
        return 0
    return len(_SPACE.sub(" ", html.unescape(_TAG.sub(" ", content))).strip())
