"""What a dossier export is asked for and what it reports back (plain data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import register

register({
    "dossier.no_works": ("ไม่มีผลงานให้ใส่ในแฟ้มเสนอขอ โปรดเพิ่มผลงานหรือเลือกผลงานอย่างน้อย 1 เรื่อง",
                         "There is no work to put in the dossier; add a work or choose at least one."),
    "dossier.unknown_work": ("ไม่พบผลงานรหัส {ident} ในแฟ้มผลงานนี้", "No work with id {ident} in this portfolio."),
    "dossier.unknown_evidence": ("ไม่พบหลักฐานรหัส {ident} ในผลงาน “{work}”",
                                 "No evidence item with id {ident} in the work “{work}”."),
    "dossier.evidence_missing": (
        "ไม่พบไฟล์ของหลักฐาน “{name}” ในคลังหลักฐาน จึงสร้างแฟ้มไม่ได้ โปรดใช้คำสั่ง ent-portfolio doctor "
        "เพื่อตรวจและซ่อม",
        "The file of the evidence item “{name}” is missing from the evidence store, so the dossier cannot be made; "
        "run ent-portfolio doctor to check and repair.",
    ),
    "dossier.bad_image": ("เปิดภาพของหลักฐาน “{name}” ไม่ได้ ({detail})", "The picture of the evidence item “{name}” "
                                                                          "cannot be opened ({detail})."),
    "dossier.bad_language": ("ภาษาของแฟ้มต้องเป็น th หรือ en (ได้รับ “{value}”)", "The dossier language must be th or "
                                                                                  "en (got “{value}”)."),
    "dossier.bad_paper": ("รองรับเฉพาะกระดาษ A4 (ได้รับ “{paper}”)", "Only A4 paper is supported (got “{paper}”)."),
    "dossier.markup": ("ข้อความในหัวข้อ “{section}” ของผลงาน “{work}” จัดรูปแบบไม่ได้: {detail}",
                       "The text of the section “{section}” of the work “{work}” cannot be typeset: {detail}"),
})


@dataclass
class DossierConfig:
    """The lecturer's choices for one dossier.

    ``work_ids``: the works in dossier order (default: every work by its
    sort order).  ``evidence_ids``: per work id, the evidence items to
    include (default: those marked ``include_in_dossier``).  The target
    position and route default to the profile's."""

    target_position: str | None = None
    route: str | None = None
    work_ids: list[str] | None = None
    evidence_ids: dict[str, list[str]] | None = None
    language: str = "th"
    paper: str = "A4"
    include_readiness_appendix: bool = False
    #: Evidence package: photos without their GPS position (the PDF's
    #: manifest then lists the hashes of the files as packaged).  On unless
    #: the lecturer asks to keep it: a photo's position can lead to a home.
    strip_gps: bool = True
    #: The version to submit: refused while readiness finds something
    #: blocking, and printed without the draft mark.
    final: bool = False
    #: Faces in photos whose people all consented stay as taken; every other
    #: photo with faces is blurred in the copies that leave the app, always.
    #: Off: consented photos are blurred too.
    keep_consented_faces: bool = True


@dataclass
class Citation:
    """One place of the dossier that cites an evidence item."""

    anchor: str        # named destination at the citation
    place: str         # e.g. "ผลงานที่ 1 · หลัก EnT: ร่วมคิดร่วมทำ"
    work_index: int | None
    page: int | None = None


@dataclass
class EvidenceEntry:
    """An evidence item as the dossier numbers and shows it."""

    ref: str                 # "E-12"
    number: int
    evidence_id: str
    work_id: str
    work_index: int          # 1-based position of the work in the dossier
    kind: str
    media_type: str
    original_name: str
    caption: str
    stored_sha256: str
    size: int
    #: The work's title as the dossier prints it (withheld names taken out).
    work_title: str = ""
    #: The file's own name named a person who did not consent: the package
    #: stores it under its reference alone (``original_name`` holds the
    #: name with the label in its place, as the PDF prints it).
    name_withheld: bool = False
    #: Hash and size of the file as packaged (differ when GPS is stripped).
    sha256: str = ""
    packaged_size: int = 0
    gps_stripped: bool = False
    #: Face boxes blurred in the copy that leaves the app (the PDF's picture
    #: and the packaged file); the stored original keeps them.
    faces_blurred: int = 0
    #: The lecturer's notes on plausibility findings (rule id -> note), as printed.
    explained: dict[str, str] = field(default_factory=dict)
    #: How the appendix shows it: "photo", "scan", "letter" or "file" (manifest only).
    shown_as: str = "file"
    page: int | None = None  # page of its appendix entry
    citations: list[Citation] = field(default_factory=list)


@dataclass
class DossierResult:
    path: Path
    pages: int
    size: int
    photo_count: int
    scan_count: int
    evidence_count: int
    #: Items left out because a person did not consent (PDPA).
    withheld_count: int
    seconds: float
    sha256: str
    language: str
    evidence: list[EvidenceEntry] = field(default_factory=list)
    image_bytes: int = 0
    #: The configuration it was made with.
    config: DossierConfig | None = None
    #: (work title, section title) of sections printed shortened, with a note
    #: in the PDF (longer than a dossier prints: see ``richtext.is_cut``).
    shortened_sections: list[tuple[str, str]] = field(default_factory=list)

    @property
    def bytes_per_photo(self) -> float:
        return self.image_bytes / self.photo_count if self.photo_count else 0.0
