"""The pages of the main window, and the contract every page keeps.

The view contract
=================
A view is a ``QWidget`` subclass constructed as ``View(context, parent=None)``
where ``context`` is the :class:`ent_portfolio.ui.context.AppContext`.  It

* reads and writes only through ``context.services`` (no database code in
  widgets), fast calls on the UI thread, anything slow through
  ``context.jobs.start(fn, ...)``;
* reloads itself when ``context.portfolio_changed`` is emitted (another
  portfolio was opened; ``context.services`` may then be ``None``) and when
  ``context.data_changed(kind, id)`` says a record it shows changed (``kind``
  is the table name: ``"work"``, ``"partner"``, ``"evidence"``, …); after its
  own writes it calls ``context.notify(kind, id)`` so the other views follow;
* retranslates itself on ``QEvent.LanguageChange`` — ``changeEvent`` calls
  ``retranslateUi()`` — with every visible string from ``self.tr(...)``,
  enum labels from ``ent_portfolio.domain.enums`` (``.label(context.language)``)
  and dates from ``ent_portfolio.typeset.dates.format_date``;
* may expose ``open_target(target: tuple)``: the main window calls it after
  switching to the view when something emits
  ``context.navigate.emit(("work", work_id, "section:process"))`` (the page
  is chosen by the record kind, see :data:`TARGET_PAGES`); to ask a page for
  something that is not its own record kind, prefix the page:
  ``("page:evidence", "work", work_id)`` switches to the evidence page and
  calls its ``open_target(("work", work_id))``;
* may expose ``new_record()`` (File ▸ New record, Ctrl+N), ``save_now()``
  (Ctrl+S: flush pending edits), ``focus_search()``; the main window enables
  the matching actions only when the current view has them;
* pushes undoable edits onto ``context.undo_stack`` (a ``QUndoStack``);
* reports core errors with ``context.report_error(exc)`` (a ``UserError`` is
  shown in the user's language, anything else as a short message — never a
  traceback in a window).

Pages are registered in :data:`PAGES` by dotted class name and imported
lazily: a page whose module is not there yet shows a translated
"not available yet" placeholder instead of failing.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from ..qt import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class PageSpec:
    key: str          # also the target kind navigate() uses ("works", "partners", …)
    class_path: str   # "package.module.ClassName"
    title: str        # English source text, translated in context "Pages"
    icon: str         # file name under resources/icons/


PAGES: tuple[PageSpec, ...] = (
    PageSpec("works", "ent_portfolio.ui.views.works.WorksView", QT_TRANSLATE_NOOP("Pages", "Works"), "works.svg"),
    PageSpec("partners", "ent_portfolio.ui.views.partners.PartnersView", QT_TRANSLATE_NOOP("Pages", "Partners"),
             "partners.svg"),
    PageSpec("testimonials", "ent_portfolio.ui.views.testimonials.TestimonialsView",
             QT_TRANSLATE_NOOP("Pages", "Testimonials"), "testimonials.svg"),
    PageSpec("evidence", "ent_portfolio.ui.views.evidence.EvidenceView", QT_TRANSLATE_NOOP("Pages", "Evidence"),
             "evidence.svg"),
    PageSpec("indicators", "ent_portfolio.ui.views.indicators.IndicatorsView", QT_TRANSLATE_NOOP("Pages", "Indicators"),
             "indicators.svg"),
    PageSpec("dossier", "ent_portfolio.ui.views.dossier.DossierView", QT_TRANSLATE_NOOP("Pages", "Dossier"),
             "dossier.svg"),
    PageSpec("readiness", "ent_portfolio.ui.views.readiness.ReadinessView", QT_TRANSLATE_NOOP("Pages", "Readiness"),
             "readiness.svg"),
    # Last: filled in once, then rarely; the works stay the page a portfolio opens on.
    PageSpec("profile", "ent_portfolio.ui.views.profile.ProfileView", QT_TRANSLATE_NOOP("Pages", "Applicant"),
             "profile.svg"),
)

#: Which page opens a navigation target of a given record kind.
TARGET_PAGES = {
    "work": "works",
    "works": "works",
    "partner": "partners",
    "partners": "partners",
    "testimonial": "testimonials",
    "testimonials": "testimonials",
    "evidence": "evidence",
    "indicator": "indicators",
    "indicators": "indicators",
    "dossier": "dossier",
    "readiness": "readiness",
    "check": "readiness",
    "profile": "profile",   # readiness rule profile.incomplete: ("profile", id, "field:orcid")
    "degree": "profile",
    "appointment": "profile",
}


def page(key: str) -> PageSpec:
    for spec in PAGES:
        if spec.key == key:
            return spec
    raise KeyError(key)


def load_view_class(class_path: str):
    """The view class named ``package.module.Class``.  Pages are imported when
    first shown (start-up stays quick); a page whose module or class is
    missing is a wiring mistake and raises, it is never papered over."""
    module_name, _, class_name = class_path.rpartition(".")
    return getattr(importlib.import_module(module_name), class_name)
