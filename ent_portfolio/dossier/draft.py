"""Draft or final: whether a dossier may go to the committee as it is.

A committee that receives a dossier with something still missing sends it
back; a lecturer who prints one by mistake should see at a glance that it
is not the one to submit.  So the readiness check decides, once per
export: while it finds something blocking, every page of the dossier says
"ฉบับร่าง — ยังไม่พร้อมยื่น" and the cover lists what blocks; asked for
the final version, the export refuses before anything is written, naming
each blocking finding.  Without blocking findings the dossier carries no
mark (and, asked for as final, says "ฉบับสมบูรณ์" on its cover).

The findings go out with the dossier (the cover), so they are the
appendix's texts: a person who did not consent is their label, never
their name (see :func:`ent_portfolio.readiness.report.summarise`)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UserError
from ..i18n import register
from ..readiness import Severity, check_readiness, load_rules
from ..readiness.model import Text
from ..readiness.report import summarise
from ..storage.portfolio import Portfolio
from .plan import Plan
from .texts import t

#: The words a draft and a final version print (document text, as in :mod:`.texts`).
WORDS: dict[str, tuple[str, str]] = {
    "draft_mark": ("ฉบับร่าง — ยังไม่พร้อมยื่น", "DRAFT — not ready to submit"),
    "draft_blocking": ("สิ่งที่ต้องแก้ไขก่อนยื่น ({n} รายการ ตามผลตรวจความพร้อม)",
                       "To be fixed before submitting ({n}, from the readiness check)"),
    "final_mark": ("ฉบับสมบูรณ์", "Final version"),
    "ongoing_works": ("ผลงานที่อยู่ระหว่างดำเนินการ: {works}", "Still in progress: {works}"),
}


def word(key: str, lang: str, **params) -> str:
    th, en = WORDS[key]
    text = th if lang == "th" else en
    return text.format(**params) if params else text


register({
    "dossier.not_final": (
        "ยังจัดทำแฟ้มฉบับสมบูรณ์ไม่ได้ เพราะผลตรวจความพร้อมยังพบสิ่งที่ต้องแก้ไขก่อนยื่น {n} รายการ: {findings} "
        "— ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The final version cannot be made: the readiness check still finds {n} thing(s) that must be fixed "
        "before submitting: {findings}. Nothing was changed.",
    ),
})


@dataclass(frozen=True)
class BlockingFinding:
    """One thing readiness says must be fixed before submitting, as the
    dossier prints it: in both languages, with the dossier number and
    title of its work (None: the portfolio as a whole)."""

    work_index: int | None
    work_title: Text
    text: Text

    def sentence(self, lang: str) -> str:
        """The finding as the cover prints it: "ผลงานที่ 2: …"."""
        if self.work_index is None:
            return self.text.get(lang)
        return f"{t('work_n', lang, n=self.work_index)}: {self.text.get(lang)}"

    def named(self, lang: str) -> str:
        """The finding as the refusal names it, by the work's title (the
        lecturer knows their works by title, not by dossier number)."""
        if self.work_index is None:
            return self.text.get(lang)
        return f"{t('work_n', lang, n=self.work_index)} “{self.work_title.get(lang)}”: {self.text.get(lang)}"


class NotFinalError(UserError):
    """The final version asked for while readiness finds something blocking."""

    key = "dossier.not_final"

    def __init__(self, findings: list[BlockingFinding]) -> None:
        self.findings = list(findings)
        super().__init__(self.key, n=len(self.findings))

    def message(self, lang: str | None = None) -> str:
        from ..i18n import current_language, tr

        lang = lang or current_language()
        listed = "; ".join(f.named(lang).rstrip(" .") for f in self.findings)
        return tr(self.key, lang, n=len(self.findings), findings=listed)


def blocking_findings(portfolio: Portfolio, plan: Plan) -> list[BlockingFinding]:
    """What readiness finds blocking in the portfolio as a whole and in the
    works of this dossier, for the dossier's position and route (works left
    out of the dossier do not block it)."""
    rules = load_rules()
    result = check_readiness(portfolio, rules=rules, position=plan.position, route=plan.route)
    by_language = {lang: summarise(result, lang, plan.anonymiser, rules) for lang in ("th", "en")}
    works = {wd.work.id: wd for wd in plan.works}
    found: list[BlockingFinding] = []
    for th_entry, en_entry in zip(by_language["th"], by_language["en"]):
        if th_entry.work_id is not None and th_entry.work_id not in works:
            continue
        wd = works.get(th_entry.work_id) if th_entry.work_id is not None else None
        title = Text(wd.title("th"), wd.title("en")) if wd is not None else Text("", "")
        for th_finding, en_finding in zip(th_entry.findings, en_entry.findings):
            if th_finding.severity == Severity.BLOCKING.value:
                found.append(BlockingFinding(wd.index if wd is not None else None, title,
                                             Text(th_finding.message, en_finding.message)))
    found.sort(key=lambda f: (f.work_index or 0))
    return found


def refuse_unless_final(plan: Plan) -> None:
    """Asked for the final version, a dossier with blocking findings is
    refused before any file is made."""
    if plan.config.final and plan.blocking:
        raise NotFinalError(plan.blocking)
