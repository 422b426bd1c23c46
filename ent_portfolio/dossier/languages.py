"""An English dossier honest about what it holds in Thai only.

The write-up and the principle narratives are typed once, usually in Thai;
an English dossier prints them as they are.  A reviewer who reads no Thai
must learn that from the cover, not by turning to a page they cannot read:
the cover lists the Thai-only parts, and each such part says "(in Thai
only)" at its heading (so in the contents and the bookmarks too).  A Thai
dossier needs neither: Thai is its language."""

from __future__ import annotations

import re

from .plan import Plan, WorkData

_TAG = re.compile(r"<[^>]*>")
_THAI = re.compile(r"[\u0e01-\u0e4f]")
_LATIN = re.compile(r"[A-Za-z]")

#: The words an English dossier prints about its Thai-only parts.
WORDS: dict[str, str] = {
    "heading_mark": "(in Thai only)",
    "cover_line": "Parts of this dossier are in Thai only: {parts}.",
    "work_parts": "work {n} ({what})",
    "sections": "sections {numbers}",
    "section": "section {numbers}",
    "narratives": "the EnT principles' narratives",
}


def written_in_thai(text: str | None) -> bool:
    """More Thai letters than Latin ones: a text an English reader cannot read."""
    plain = _TAG.sub(" ", text or "")
    return len(_THAI.findall(plain)) > len(_LATIN.findall(plain))


def principle_narratives(wd: WorkData) -> list[str]:
    """The texts of the work's EnT matrix (what the write-up says per principle)."""
    w = wd.work
    return [w.partnership_text or w.problem_statement, w.benefit_community_text, w.benefit_university_text,
            w.knowledge_text, w.impact_text]


def thai_only_sections(wd: WorkData) -> list[int]:
    """The numbers (1-based, as printed) of the work's sections written in Thai."""
    return [k for k, (_tpl, content) in enumerate(wd.sections, 1) if written_in_thai(content)]


def thai_only_narratives(wd: WorkData) -> bool:
    return any(written_in_thai(text) for text in principle_narratives(wd))


def heading_mark(lang: str, thai_only: bool) -> str:
    """What an English heading of a Thai-only part ends with ("" otherwise)."""
    return f" {WORDS['heading_mark']}" if lang == "en" and thai_only else ""


def _numbers(numbers: list[int]) -> str:
    """1, 2, 3, 5 → "1–3, 5": the runs of consecutive numbers."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}\u2013{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def thai_only_parts(plan: Plan) -> list[str]:
    """Per work, what an English dossier prints in Thai only (nothing for a Thai dossier)."""
    if plan.lang != "en":
        return []
    parts = []
    for wd in plan.works:
        what = []
        numbers = thai_only_sections(wd)
        if numbers:
            what.append(WORDS["sections" if len(numbers) > 1 else "section"].format(numbers=_numbers(numbers)))
        if thai_only_narratives(wd):
            what.append(WORDS["narratives"])
        if what:
            parts.append(WORDS["work_parts"].format(n=wd.index, what="; ".join(what)))
    return parts


def cover_line(plan: Plan) -> str:
    """The cover's sentence about the Thai-only parts, or "" when there are none."""
    parts = thai_only_parts(plan)
    return WORDS["cover_line"].format(parts="; ".join(parts)) if parts else ""
