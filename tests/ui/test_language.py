"""No English left in the Thai interface, no Thai in the English one
(except the user's own data), and the switch happens at run time."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar, QTableView, QWidget

from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio
from ent_portfolio.ui import translations

THAI = re.compile("[\u0e00-\u0e7f]")
LATIN_WORD = re.compile("[A-Za-z]{2,}")
# Proper nouns and symbols that stay as they are in Thai text.
ALLOWED_LATIN = {"EnT", "Portfolio", "MOU", "PDPA", "DOI", "LINE", "ID", "PDF", "GPS", "SHA", "ZIP", "Ctrl",
                 "English", "B", "I", "tmp", "ORCID", "p12", "pfx",
                 "Word", "Excel", "CSV",  # key files and Office files, named as such
                 "SDGs"}  # the goals, as Thai writes them
PAGES_CHECKED = ("works", "partners", "testimonials", "evidence", "indicators", "dossier", "readiness", "profile")


def _texts(window):
    """Every visible label, button, action, tab and header text."""
    out = []
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window):
            continue
        if isinstance(w, QLabel) and w.objectName() not in ("folderLabel",):
            out.append(("label", w.objectName(), re.sub("<[^>]+>", " ", w.text())))
        elif isinstance(w, QAbstractButton):
            out.append(("button", w.objectName(), w.text()))
        elif isinstance(w, QTabBar):
            out += [("tab", "", w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QTableView) and w.model() is not None:
            m = w.model()
            out += [("header", "", str(m.headerData(c, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal)))
                    for c in range(m.columnCount()) if not w.isColumnHidden(c)]
    for action in window.findChildren(__import__("PySide6.QtGui").QtGui.QAction):
        if action.text() and action.objectName() not in ("lang_en", "lang_th"):
            out.append(("action", action.objectName(), action.text()))
    return out


def _user_data(services) -> set[str]:
    data = set()
    for w in services.works.list():
        data |= {w.title_th, w.title_en, w.village, w.courses}
    data |= {p.name_th for p in services.partners.list()}
    data |= {t.person_name for t in services.testimonials.list()}
    return {d for d in data if d}


def test_every_thai_translation_is_finished():
    assert translations.unfinished("th") == []


def test_thai_ui_has_no_english_and_english_ui_has_no_thai(make_window, tmp_path):
    folder = tmp_path / "p"
    with Portfolio.create(folder) as p:
        s = Services(p)
        w = s.works.create(title_th="งานทดสอบ", title_en="Test work")
        s.partners.create(name_th="ภาคีทดสอบ")
        s.testimonials.create(work_id=w.id, person_name="นายทดสอบ")
    window = make_window(folder, "th")
    user = _user_data(window.context.services) | {str(folder)}

    def check(lang):
        bad = []
        for key in PAGES_CHECKED:
            window.show_page(key)
            for kind, name, text in _texts(window):
                text = text.strip()
                if not text or text in user or text.isdigit():
                    continue
                if lang == "th":
                    words = [x for x in LATIN_WORD.findall(text) if x not in ALLOWED_LATIN]
                    if words and not any(u in text for u in user):
                        bad.append((key, kind, name, text))
                else:
                    if THAI.search(text) and not any(u in text for u in user) and text != "ไทย":
                        bad.append((key, kind, name, text))
        return bad

    works = window.show_page("works")
    works.open_work(w.id)
    assert check("th") == []
    window.act_english.trigger()
    assert window.context.language == "en"
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # LanguageChange events are posted
    assert window.sidebar.item(0).text() == "Works"
    assert check("en") == []
    window.act_thai.trigger()
    QApplication.processEvents()
    assert window.sidebar.item(0).text() == "ผลงาน"


def test_a_recompiled_catalogue_replaces_the_file_and_never_rewrites_it_in_place(tmp_path):
    """A running app has its .qm mapped into memory; another instance (or a
    fresh checkout's first start) that recompiles it must not write into the
    mapped file, which kills the first app with SIGBUS."""
    out = tmp_path / "th.qm"
    assert translations.compile_one("th", out) == out
    first = out.stat().st_ino
    mapped = out.read_bytes()
    assert translations.compile_one("th", out) == out
    assert out.stat().st_ino != first  # a new file renamed over the old
    assert out.read_bytes() == mapped
    assert sorted(p.name for p in tmp_path.iterdir()) == ["th.qm"]  # no temporary left
