"""A reviewer's assessment of a package: the ``.entreview`` file.

One small JSON file per reviewer and package (``docs/review-format.md``),
bound to the package by its SHA-256, so an assessment cannot be read
against another dossier by mistake.  It is the reviewer's, not the
lecturer's: it is never written inside a portfolio folder or over the
package, and the reviewer's name travels with it only as a fact the form
uses when the reviewer agrees (``show_name``).  The loader reads files that
may come from anyone (a colleague's review to compare with), so every
field is checked for type, size and characters before use and a bad file
is one sentence, never a traceback."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ..domain.enums import Principle, QualityLevel
from ..errors import UserError
from ..i18n import register, tr
from ..storage.files import atomic_write
from ..storage.layout import is_portfolio
from ..storage.paths import ensure_distinct, ensure_outside_portfolio, ensure_writable_target
from ..storage.seed import default_section_template
from .package import WORK_HEADING, ReviewPackage

FORMAT = "ent-portfolio-review"
FORMAT_VERSION = 1
SUFFIX = ".entreview"
#: A review of ten works with a page of notes per criterion is some 300 KB;
#: anything past this is not a review.
FILE_LIMIT = 4 * 1024 * 1024
NOTE_LIMIT = 20_000
NAME_LIMIT = 300
WORK_LIMIT = 200
CRITERIA_LIMIT = 60
_SHA256 = re.compile(r"[0-9a-f]{64}")
_KEY = re.compile(r"[a-z0-9_.\-]{1,80}")
# Line breaks and tabs belong in notes; other control characters, invisible
# format marks that reorder text, and lone surrogates (which no file can
# store) do not.
_ALLOWED_CONTROLS = {"\n", "\r", "\t"}

register({
    "review.file_missing": ("ไม่พบไฟล์ผลการประเมิน “{path}”", "The review file “{path}” does not exist."),
    "review.file_too_large": (
        "ไฟล์ผลการประเมิน “{path}” ใหญ่เกิน {limit} MB ซึ่งผลการประเมินจริงไม่ใหญ่ถึงขนาดนี้ จึงไม่เปิด — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The review file “{path}” is larger than {limit} MB, far more than a review needs; it was not opened. "
        "Nothing was changed."),
    "review.file_not_review": (
        "“{path}” ไม่ใช่ไฟล์ผลการประเมินของ EnT Portfolio (.entreview) จึงไม่เปิด — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{path}” is not an EnT Portfolio review file (.entreview); it was not opened. Nothing was changed."),
    "review.file_newer": (
        "ไฟล์ผลการประเมิน “{path}” บันทึกด้วย EnT Portfolio รุ่นที่ใหม่กว่า (รุ่นไฟล์ {found}) "
        "โปรดติดตั้งรุ่นใหม่เพื่อเปิด — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The review file “{path}” was saved by a newer EnT Portfolio (file version {found}); install a newer "
        "version to open it. Nothing was changed."),
    "review.file_invalid": (
        "ไฟล์ผลการประเมิน “{path}” ไม่ถูกต้องที่ “{entry}” จึงไม่เปิด — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The review file “{path}” is not valid at “{entry}”; it was not opened. Nothing was changed."),
    "review.file_other_package": (
        "ไฟล์ผลการประเมิน “{path}” เป็นการประเมินชุดหลักฐานอื่น ไม่ใช่ “{package}” จึงไม่เปิดคู่กัน — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The review file “{path}” assesses another package, not “{package}”; it was not opened with it. "
        "Nothing was changed."),
    "review.file_unreadable": (
        "อ่านไฟล์ผลการประเมิน “{path}” ไม่ได้ ({detail}) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The review file “{path}” cannot be read ({detail}). Nothing was changed."),
    "review.file_is_package": (
        "บันทึกผลการประเมินทับชุดหลักฐาน “{path}” ไม่ได้ โปรดใช้ไฟล์ .entreview แยกต่างหาก — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The review cannot be saved over the package “{path}”; use a separate .entreview file. Nothing was changed."),
    "review.compare_other_package": (
        "เทียบผลการประเมินได้เฉพาะไฟล์ที่ประเมินชุดหลักฐานเดียวกัน แต่ “{path}” ประเมินชุดหลักฐานอื่น "
        "— ไม่มีการเปลี่ยนแปลงใด ๆ",
        "Only reviews of the same package can be compared, and “{path}” assesses another package. "
        "Nothing was changed."),
    "review.compare_none": ("ยังไม่มีไฟล์ผลการประเมินให้เทียบ", "There is no review to compare."),
    "review.reviewer_hidden": ("ผู้ทรงคุณวุฒิ (ไม่เปิดเผยชื่อ)", "Reviewer (name withheld)"),
    "review.reviewer_n": ("ผู้ทรงคุณวุฒิท่านที่ {n}", "Reviewer {n}"),
})


@dataclass(frozen=True)
class Criterion:
    """What a reviewer writes a reason against: an EnT principle
    (``principle.<code>``) or a heading of the write-up (``section.<key>``)."""

    key: str
    title_th: str
    title_en: str

    def title(self, lang: str = "th") -> str:
        return self.title_th if lang == "th" else self.title_en


def criteria_for(package: ReviewPackage | None = None) -> list[Criterion]:
    """The four EnT principles, then the write-up headings the regulation
    names — as the package's dossier prints them under its first work
    (a faculty may have changed its template), else the default template."""
    found = [Criterion(f"principle.{p.value}", p.th, p.en) for p in Principle]
    defaults = default_section_template()
    printed = _printed_headings(package) if package is not None else []
    if not printed:
        return found + [Criterion(f"section.{s['key']}", s["title_th"], s["title_en"]) for s in defaults]
    by_title = {s["title_th"]: s for s in defaults} | {s["title_en"]: s for s in defaults}
    for n, title in enumerate(printed, 1):
        known = by_title.get(title)
        found.append(Criterion(f"section.{known['key']}", known["title_th"], known["title_en"]) if known
                     else Criterion(f"section.{n}", title, title))
    return found


_NUMBERED = re.compile(r"^(\d{1,2})\.\s+(.+)$")


def _printed_headings(package: ReviewPackage) -> list[str]:
    """The numbered headings below the outline's first work heading."""
    outline = package.outline()
    headings: list[str] = []
    inside = False
    for item in outline:
        if item.level == 0:
            if inside:
                break
            inside = WORK_HEADING.match(item.title) is not None
            continue
        if inside and item.level == 1:
            match = _NUMBERED.match(item.title)
            if match:
                headings.append(match.group(2).strip())
    return headings if len(set(headings)) == len(headings) else []


@dataclass
class Reviewer:
    name: str = ""
    position: str = ""
    #: The reviewer agrees to be named on the form; otherwise it says
    #: "ผู้ทรงคุณวุฒิ (ไม่เปิดเผยชื่อ)".
    show_name: bool = False

    def shown(self, lang: str = "th") -> str:
        return self.name if self.show_name and self.name.strip() else tr("review.reviewer_hidden", lang)


@dataclass
class WorkAssessment:
    work_id: str
    title: str = ""
    #: A :class:`QualityLevel` code (good, very_good, excellent), None until given.
    level: str | None = None
    criteria: dict[str, str] = field(default_factory=dict)
    overall: str = ""

    def level_label(self, lang: str = "th") -> str:
        return QualityLevel(self.level).label(lang) if self.level else ""


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class Review:
    package_sha256: str
    reviewer: Reviewer = field(default_factory=Reviewer)
    works: list[WorkAssessment] = field(default_factory=list)
    #: The package's file name when the review began (for people; the hash binds).
    package_name: str = ""
    created: str = field(default_factory=_now)
    updated: str = field(default_factory=_now)

    @classmethod
    def new(cls, package: ReviewPackage, reviewer: Reviewer | None = None) -> Review:
        return cls(package.package_sha256, reviewer or Reviewer(),
                   [WorkAssessment(w.id, w.title) for w in package.works], package.path.name)

    def work(self, work_id: str) -> WorkAssessment:
        """The assessment of ``work_id``, started empty when there is none yet."""
        for assessment in self.works:
            if assessment.work_id == work_id:
                return assessment
        assessment = WorkAssessment(work_id)
        self.works.append(assessment)
        return assessment

    def to_json(self) -> dict:
        return {
            "format": FORMAT, "format_version": FORMAT_VERSION, "package_sha256": self.package_sha256,
            "package_name": self.package_name,
            "reviewer": {"name": self.reviewer.name, "position": self.reviewer.position,
                         "show_name": self.reviewer.show_name},
            "works": [{"work_id": w.work_id, "title": w.title, "level": w.level, "criteria": dict(w.criteria),
                       "overall": w.overall} for w in self.works],
            "created": self.created, "updated": self.updated,
        }


def review_path_beside(package_path: Path | str) -> Path:
    """Where a review of ``package_path`` is kept by default: beside it, ``<name>.entreview``."""
    package_path = Path(package_path)
    return package_path.with_name(package_path.stem + SUFFIX)


def _refuse_inside_a_portfolio(path: Path) -> None:
    for folder in Path(path).resolve().parents:
        if is_portfolio(folder):
            ensure_outside_portfolio(folder, path)


def save_review(review: Review, path: Path | str, package: ReviewPackage | Path | str | None = None) -> Path:
    """Write ``review`` to ``path`` atomically (the autosave calls this on
    every change).  Refused inside a portfolio folder and over the package."""
    path = ensure_writable_target(Path(path))
    _refuse_inside_a_portfolio(path)
    package_path = package.path if isinstance(package, ReviewPackage) else package
    if package_path is not None:
        try:
            ensure_distinct(package_path, path)
        except UserError as exc:
            raise UserError("review.file_is_package", path=str(path)) from exc
    _check_review(review, str(path))  # what we write must load again
    review.updated = _now()
    data = (json.dumps(review.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    with atomic_write(path) as handle:
        handle.write(data)
    return path


def load_review(path: Path | str, package: ReviewPackage | None = None) -> Review:
    """The review at ``path``; with ``package``, refused unless it assesses that very package."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise UserError("review.file_missing", path=name)
    _refuse_inside_a_portfolio(path)
    if not path.is_file():
        raise UserError("review.file_not_review", path=name)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(FILE_LIMIT + 1)
    except OSError as exc:
        raise UserError("review.file_unreadable", path=name, detail=exc.strerror or type(exc).__name__) from exc
    if len(raw) > FILE_LIMIT:
        raise UserError("review.file_too_large", path=name, limit=FILE_LIMIT // (1024 * 1024))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise UserError("review.file_not_review", path=name) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError("review.file_not_review", path=name)
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise UserError("review.file_newer", path=name, found=version)
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise UserError("review.file_invalid", path=name, entry="format_version")
    review = _parse(data, name)
    if package is not None and review.package_sha256 != package.package_sha256:
        raise UserError("review.file_other_package", path=name, package=package.path.name)
    return review


def _invalid(path: str, entry: str) -> UserError:
    return UserError("review.file_invalid", path=path, entry=entry)


def _clean_text(value, path: str, entry: str, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise _invalid(path, entry)
    for ch in value:
        category = unicodedata.category(ch)
        if (category == "Cc" and ch not in _ALLOWED_CONTROLS) or category in ("Cs", "Zl", "Zp") \
                or ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
            raise _invalid(path, entry)
    return value


def _timestamp(value, path: str, entry: str) -> str:
    text = _clean_text(value, path, entry, 64)
    try:
        datetime.fromisoformat(text)
    except ValueError as exc:
        raise _invalid(path, entry) from exc
    return text


def _parse(data: dict, path: str) -> Review:
    digest = data.get("package_sha256")
    if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
        raise _invalid(path, "package_sha256")
    person = data.get("reviewer")
    if not isinstance(person, dict) or not isinstance(person.get("show_name"), bool):
        raise _invalid(path, "reviewer")
    reviewer = Reviewer(_clean_text(person.get("name", ""), path, "reviewer.name", NAME_LIMIT),
                        _clean_text(person.get("position", ""), path, "reviewer.position", NAME_LIMIT),
                        person["show_name"])
    works = data.get("works")
    if not isinstance(works, list) or len(works) > WORK_LIMIT:
        raise _invalid(path, "works")
    parsed: list[WorkAssessment] = []
    seen: set[str] = set()
    for k, entry in enumerate(works):
        label = f"works[{k}]"
        if not isinstance(entry, dict):
            raise _invalid(path, label)
        work_id = _clean_text(entry.get("work_id"), path, f"{label}.work_id", 100)
        if not work_id.strip() or work_id in seen:
            raise _invalid(path, f"{label}.work_id")
        seen.add(work_id)
        level = entry.get("level")
        if level is not None and level not in QualityLevel.values():
            raise _invalid(path, f"{label}.level")
        criteria = entry.get("criteria", {})
        if not isinstance(criteria, dict) or len(criteria) > CRITERIA_LIMIT:
            raise _invalid(path, f"{label}.criteria")
        notes = {}
        for key, note in criteria.items():
            if not _KEY.fullmatch(key):
                raise _invalid(path, f"{label}.criteria")
            notes[key] = _clean_text(note, path, f"{label}.criteria.{key}", NOTE_LIMIT)
        parsed.append(WorkAssessment(work_id, _clean_text(entry.get("title", ""), path, f"{label}.title", 2000),
                                     level, notes, _clean_text(entry.get("overall", ""), path, f"{label}.overall",
                                                               NOTE_LIMIT)))
    return Review(digest, reviewer, parsed,
                  _clean_text(data.get("package_name", ""), path, "package_name", NAME_LIMIT),
                  _timestamp(data.get("created"), path, "created"), _timestamp(data.get("updated"), path, "updated"))


def _check_review(review: Review, path: str) -> None:
    """A review the app holds obeys the loader's rules before it is written
    (a note pasted with a NUL or a megabyte of text is refused here, not on
    the next opening)."""
    _parse(json.loads(json.dumps(review.to_json())), path)


# --- several reviewers --------------------------------------------------------------

@dataclass(frozen=True)
class WorkComparison:
    work_id: str
    title: str
    #: Each review's level for this work, in the order the reviews were given (None: not given).
    levels: tuple[str | None, ...]

    @property
    def agree(self) -> bool | None:
        """True when every reviewer gave the same level, False when they
        differ, None while fewer than two levels are given."""
        given = [level for level in self.levels if level]
        if len(given) < 2:
            return None
        return len(set(given)) == 1


@dataclass(frozen=True)
class Comparison:
    reviews: tuple[Review, ...]
    works: tuple[WorkComparison, ...]

    def reviewer_label(self, k: int, lang: str = "th") -> str:
        reviewer = self.reviews[k].reviewer
        return reviewer.name if reviewer.show_name and reviewer.name.strip() else tr("review.reviewer_n", lang, n=k + 1)

    @property
    def disagreements(self) -> list[WorkComparison]:
        return [w for w in self.works if w.agree is False]


def compare_reviews(reviews, paths=None) -> Comparison:
    """Where reviews of one package agree: per work (in the first review's
    order, then works only later reviews assess), each reviewer's level."""
    reviews = tuple(reviews)
    if not reviews:
        raise UserError("review.compare_none")
    names = list(paths) if paths is not None else [r.package_name for r in reviews]
    for k, review in enumerate(reviews):
        if review.package_sha256 != reviews[0].package_sha256:
            raise UserError("review.compare_other_package", path=str(names[k]))
    order: dict[str, str] = {}
    for review in reviews:
        for work in review.works:
            order.setdefault(work.work_id, work.title)
    works = []
    for work_id, title in order.items():
        levels = tuple(next((w.level for w in r.works if w.work_id == work_id), None) for r in reviews)
        works.append(WorkComparison(work_id, title, levels))
    return Comparison(reviews, tuple(works))
