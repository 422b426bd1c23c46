"""The small records of a work — funding, partners and their roles,
contributors, activities, dissemination — each a table with its form.

What a table shows and asks for is declared here, column by column, so the
work editor only places the tables on its tabs.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ...domain import enums
from ..common import enum_label, first_line, name_order
from ..dialogs.letter_dialog import add_consent_form_button
from ..dialogs.new_partner import NEW_PARTNER_ENTRY, ask_new_partner
from ..dialogs.sheet_import import add_sheet_import_button
from ..forms import FieldSpec
from ..qt import QT_TRANSLATE_NOOP, QCoreApplication
from ..textutil import format_date
from ..undo import snapshot
from ..widgets.record_table import Column, RecordTable

#: Optional breakdown of an activity's participants (kept in participant_groups).
PARTICIPANT_GROUPS = (
    ("female", QT_TRANSLATE_NOOP("Fields", "of whom women")),
    ("male", QT_TRANSLATE_NOOP("Fields", "of whom men")),
    ("youth", QT_TRANSLATE_NOOP("Fields", "of whom young people")),
    ("elderly", QT_TRANSLATE_NOOP("Fields", "of whom older people")),
)


def _activity_fields(record) -> dict:
    fields = snapshot(record)
    for group, _label in PARTICIPANT_GROUPS:
        fields[f"group_{group}"] = (record.participant_groups or {}).get(group)
    return fields


def _activity_values(values: dict) -> dict:
    """Form values → service fields: the group counts go into one dict (an
    emptied count is ``None``: the record table drops it, and keeps groups
    the form does not show)."""
    values = dict(values)
    values["participant_groups"] = {g: values.pop(f"group_{g}", None) for g, _label in PARTICIPANT_GROUPS}
    return values


def _d(value, lang):
    return format_date(value, lang, "short")


class PartnerLinks(RecordTable):
    """A work's partners.  A partner made from the link dialog ("New
    partner…") and the link saved with it are one undo step: the partner was
    made only to be linked here (or re-linked, from the edit dialog)."""

    def __init__(self, ctx, *args, **kwargs) -> None:
        super().__init__(ctx, *args, **kwargs)
        self._macro_open = False

    def make_partner(self, parent) -> tuple[str, str] | None:
        return ask_new_partner(self.context, parent, self._push_in_macro)

    def _push_in_macro(self, command) -> None:
        # Opened only once a partner is made: a cancelled form leaves no empty step.
        if not self._macro_open:
            self.context.undo_stack.beginMacro(self.tr("New partner and its role"))
            self._macro_open = True
        self.context.undo_stack.push(command)

    def add(self) -> None:
        self._as_one_step(super().add)

    def edit(self, row: int) -> None:
        self._as_one_step(lambda: super(PartnerLinks, self).edit(row))

    def _as_one_step(self, dialog_and_save: Callable[[], None]) -> None:
        try:
            dialog_and_save()
        finally:
            if self._macro_open:
                self._macro_open = False
                self.context.undo_stack.endMacro()


def work_record_tables(ctx, partner_name: Callable[[str], str]) -> dict[str, RecordTable]:
    """The small records of a work, each a table with a form; ``partner_name``
    names a partner by its id (the editor keeps the names it has read)."""

    def partner_choices():
        order = name_order("th")
        return sorted(((p.name_th, p.id) for p in ctx.services.partners.list()), key=lambda c: order(c[0]))

    def baht(value) -> str:
        return f"{Decimal(value or 0) / 100:,.2f}"

    tables = {
        "fundings": RecordTable(
            ctx, "fundings", "funding", "work_id",
            [FieldSpec("source", QT_TRANSLATE_NOOP("Fields", "Source of funds"), required=True),
             FieldSpec("amount_baht", QT_TRANSLATE_NOOP("Fields", "Amount (baht)"), "baht"),
             FieldSpec("fiscal_year", QT_TRANSLATE_NOOP("Fields", "Fiscal year"), "fiscal_year")],
            [Column(QT_TRANSLATE_NOOP("Fields", "Source of funds"), lambda r, lang: r.source, True),
             Column(QT_TRANSLATE_NOOP("Fields", "Amount (baht)"), lambda r, lang: baht(r.amount_satang)),
             Column(QT_TRANSLATE_NOOP("Fields", "Fiscal year"), lambda r, lang: str(r.fiscal_year or ""))],
            lambda: QCoreApplication.translate("WorkEditor", "funding line"), lambda r: r.source,
            from_record=lambda r: {"source": r.source, "amount_baht": Decimal(r.amount_satang) / 100,
                                   "fiscal_year": r.fiscal_year}),
        "partners": PartnerLinks(
            ctx, "work_partners", "work_partner", "work_id",
            [FieldSpec("partner_id", QT_TRANSLATE_NOOP("Fields", "Partner"), "choice", required=True,
                       choices=partner_choices, create=lambda parent: tables["partners"].make_partner(parent),
                       create_label=NEW_PARTNER_ENTRY),
             FieldSpec("role", QT_TRANSLATE_NOOP("Fields", "Role"), "enum", enums.PartnerRole, required=True),
             FieldSpec("description", QT_TRANSLATE_NOOP("Fields", "What the partner did"), "multiline")],
            [Column(QT_TRANSLATE_NOOP("Fields", "Partner"), lambda r, lang: partner_name(r.partner_id), True),
             Column(QT_TRANSLATE_NOOP("Fields", "Role"), lambda r, lang: enum_label(enums.PartnerRole, r.role, lang)),
             Column(QT_TRANSLATE_NOOP("Fields", "What the partner did"),
                    lambda r, lang: first_line(r.description, 80), True)],
            lambda: QCoreApplication.translate("WorkEditor", "partner role"),
            lambda r: partner_name(r.partner_id)),
        "contributors": RecordTable(
            ctx, "contributors", "contributor", "work_id",
            [FieldSpec("name", QT_TRANSLATE_NOOP("Fields", "Name"), required=True),
             FieldSpec("affiliation", QT_TRANSLATE_NOOP("Fields", "Affiliation")),
             FieldSpec("is_applicant", QT_TRANSLATE_NOOP("Fields", "This is the applicant"), "bool"),
             FieldSpec("status", QT_TRANSLATE_NOOP("Fields", "Status"), "enum", enums.ContributorStatus, required=True),
             FieldSpec("roles", QT_TRANSLATE_NOOP("Fields", "Roles"), "codes", enums.ContributionRole),
             FieldSpec("role_other", QT_TRANSLATE_NOOP("Fields", "Other role")),
             FieldSpec("percentage", QT_TRANSLATE_NOOP("Fields", "Share of the work (older rules)"), "percent"),
             FieldSpec("signature_status", QT_TRANSLATE_NOOP("Fields", "Signature"), "enum", enums.SignatureStatus,
                       required=True),
             FieldSpec("signed_date", QT_TRANSLATE_NOOP("Fields", "Signed on"), "date")],
            [Column(QT_TRANSLATE_NOOP("Fields", "Name"), lambda r, lang: r.name, True),
             Column(QT_TRANSLATE_NOOP("Fields", "Status"),
                    lambda r, lang: enum_label(enums.ContributorStatus, r.status, lang)),
             Column(QT_TRANSLATE_NOOP("Fields", "Roles"),
                    lambda r, lang: " ".join(enums.ContributionRole(c).letter for c in r.roles or ()
                                                                if c in enums.ContributionRole.values())),
             Column(QT_TRANSLATE_NOOP("Fields", "Signature"),
                    lambda r, lang: enum_label(enums.SignatureStatus, r.signature_status, lang))],
            lambda: QCoreApplication.translate("WorkEditor", "contributor"), lambda r: r.name,
            defaults=lambda: {"status": "co_worker", "signature_status": "pending"}),
        "activities": RecordTable(
            ctx, "activities", "activity", "work_id",
            [FieldSpec("date", QT_TRANSLATE_NOOP("Fields", "Date"), "date", required=True),
             FieldSpec("kind", QT_TRANSLATE_NOOP("Fields", "Kind"), "enum", enums.ActivityKind, required=True),
             FieldSpec("title", QT_TRANSLATE_NOOP("Fields", "Title"), required=True),
             FieldSpec("place", QT_TRANSLATE_NOOP("Fields", "Place")),
             FieldSpec("participants_total", QT_TRANSLATE_NOOP("Fields", "Participants"), "int"),
             *[FieldSpec(f"group_{g}", label, "int") for g, label in PARTICIPANT_GROUPS],
             FieldSpec("notes", QT_TRANSLATE_NOOP("Fields", "Notes"), "multiline")],
            [Column(QT_TRANSLATE_NOOP("Fields", "Date"), lambda r, lang: _d(r.date, lang)),
             Column(QT_TRANSLATE_NOOP("Fields", "Kind"), lambda r, lang: enum_label(enums.ActivityKind, r.kind, lang)),
             Column(QT_TRANSLATE_NOOP("Fields", "Title"), lambda r, lang: r.title, True),
             Column(QT_TRANSLATE_NOOP("Fields", "Participants"),
                    lambda r, lang: "" if r.participants_total is None else f"{r.participants_total:,}")],
            lambda: QCoreApplication.translate("WorkEditor", "activity"), lambda r: r.title,
            defaults=lambda: {"kind": "meeting"},
            from_record=_activity_fields, to_service=_activity_values),
        "disseminations": RecordTable(
            ctx, "disseminations", "dissemination", "work_id",
            [FieldSpec("kind", QT_TRANSLATE_NOOP("Fields", "Kind"), "enum", enums.DisseminationKind, required=True),
             FieldSpec("citation", QT_TRANSLATE_NOOP("Fields", "Citation"), "multiline", required=True),
             FieldSpec("date", QT_TRANSLATE_NOOP("Fields", "Date"), "date"),
             FieldSpec("doi", QT_TRANSLATE_NOOP("Fields", "DOI")),
             FieldSpec("url", QT_TRANSLATE_NOOP("Fields", "Web address"))],
            [Column(QT_TRANSLATE_NOOP("Fields", "Kind"),
                    lambda r, lang: enum_label(enums.DisseminationKind, r.kind, lang)),
             Column(QT_TRANSLATE_NOOP("Fields", "Citation"), lambda r, lang: r.citation, True),
             Column(QT_TRANSLATE_NOOP("Fields", "Date"), lambda r, lang: _d(r.date, lang))],
            lambda: QCoreApplication.translate("WorkEditor", "dissemination item"),
            lambda r: first_line(r.citation, 60),
            defaults=lambda: {"kind": "journal_article"}),
    }
    add_sheet_import_button(tables["activities"])  # attendance or measurements from a sheet, into this work
    add_consent_form_button(tables["activities"])  # the form the people in an activity's photos sign
    return tables
