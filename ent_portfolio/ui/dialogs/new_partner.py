"""A partner made where one is picked (a work's partner tab, a testimonial),
so that an empty list of partners is not a dead end: the lecturer need not
leave the dialog, go to the partners page and come back."""

from __future__ import annotations

from ..qt import QT_TRANSLATE_NOOP, QCoreApplication
from .record_form import RecordFormDialog

#: The partner's fields asked for at once; the rest waits on the partners page.
ASKED_FIELDS = ("name_th", "name_en", "partner_type", "area")

PARTNER_AREA_COLUMNS = ("province", "district", "subdistrict")

#: The "choice" entry that calls :func:`ask_new_partner` (context "Fields").
NEW_PARTNER_ENTRY = QT_TRANSLATE_NOOP("Fields", "New partner…")


def ask_new_partner(context, parent, push_undo=None) -> tuple[str, str] | None:
    """Ask for a new partner and make it: one service call (one transaction),
    one undo step, given to ``push_undo`` (default: the undo stack's push).
    Returns its (Thai name, id), or ``None`` if cancelled or refused (the
    refusal is reported)."""
    from ..undo import CreateCommand
    from ..views.partners import PARTNER_FIELDS

    services = context.services
    if services is None:
        return None
    specs = [spec for spec in PARTNER_FIELDS if spec.name in ASKED_FIELDS]
    title = QCoreApplication.translate("NewPartner", "New partner")
    dialog = RecordFormDialog(title, specs, {"partner_type": "geographic_community"}, context.language, parent)
    dialog.setObjectName("newPartnerDialog")
    if dialog.exec() != RecordFormDialog.DialogCode.Accepted:
        return None
    values = dialog.values()
    fields = {name: value for name, value in values.items() if name != "area"}
    # A partner keeps its place by name; the area code is a work's.
    fields.update({k: v for k, v in (values.get("area") or {}).items() if k in PARTNER_AREA_COLUMNS})
    try:
        partner = services.partners.create(**fields)
    except Exception as exc:
        context.report_error(exc)
        return None
    (push_undo or context.undo_stack.push)(CreateCommand(context, "partners", "partner", partner,
                                           lambda: QCoreApplication.translate("NewPartner", "New partner")))
    context.notify("partner", partner.id)
    return partner.name_th, partner.id
