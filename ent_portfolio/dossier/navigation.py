"""Finding every appendix page: outline entries that are not headings, and
the page ranges the contents print.

A reviewer checks the letters and the photos before anything else, and
opens them from the bookmarks or the contents.  A signed letter's scan, a
photo or a document scan has a caption, not a heading, and an appendix
runs over many pages; so each item is an outline entry of its own (a
zero-size mark where it is printed), and a contents row of an appendix
part gives the pages it spans ("38–46"), from the mark at its end."""

from __future__ import annotations

from reportlab.platypus import Flowable

from .composer import Composer
from .flowables import Anchor, PassState

#: What the key of a part's last page is named after its own key.
END = "-end"


class OutlineMark(Flowable):
    """A zero-size named destination with an outline entry (closed: a long
    list of photos stays folded under its work)."""

    def __init__(self, key: str, title: str, level: int, state: PassState) -> None:
        super().__init__()
        self.key, self.title, self.level, self.state = key, title, level, state
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        if self.key in self.state.pages:
            return
        self.canv.bookmarkHorizontal(self.key, 0, 12)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=True)
        self.state.pages[self.key] = self.canv.getPageNumber()


def mark(comp: Composer, key: str, title: str, level: int, toc_level: int | None = None) -> OutlineMark:
    """An outline entry at ``level`` for an item without a heading; with
    ``toc_level``, a row of the contents too."""
    if toc_level is not None:
        comp.toc.append((toc_level, title, key))
    return OutlineMark(key, title, level, comp.state)


def end_of(comp: Composer, key: str) -> Anchor:
    """Marks the last page of the part ``key`` (for its range in the contents)."""
    return Anchor([key + END], comp.state)


def page_range(comp: Composer, key: str) -> str:
    """The pages of ``key`` as the contents print them: "38" or "38–46"."""
    first = comp.page_of(key)
    last = comp.state.prev.get(key + END) if comp.state.total is not None else None
    if last is None or not first.isdigit() or last <= int(first):
        return first
    return f"{first}\u2013{last}"
