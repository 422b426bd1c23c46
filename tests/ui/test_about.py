"""Help ▸ About: version, the font's licence, every bundled licence, in Thai."""

from __future__ import annotations


def test_about_shows_version_and_every_bundled_licence(qapp, qtbot, compiled_translations, tmp_path):
    from PySide6.QtWidgets import QLabel

    from ent_portfolio import __version__
    from ent_portfolio.ui.about import AboutDialog, bundled_licences
    from ent_portfolio.ui.app import create_application
    from ent_portfolio.ui.language import apply_language

    create_application()  # the Thai font, as the app has it
    apply_language("th")
    try:
        dialog = AboutDialog()
        qtbot.addWidget(dialog)
        dialog.show()
        labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
        assert __version__ in labels
        assert "สัญญาอนุญาต" in labels and "Qt" in labels
        assert "Open Font License" in dialog.licence.toPlainText()
        files = bundled_licences()
        assert files and files[0].name.startswith("Sarabun")
        assert dialog.licence_choice.count() == len(files)
        other = next(i for i, p in enumerate(files) if p.name.startswith("reportlab"))
        dialog.licence_choice.setCurrentIndex(other)
        assert dialog.licence.toPlainText() == files[other].read_text(encoding="utf-8")
        dialog.grab().save(str(tmp_path / "about-th.png"))
    finally:
        apply_language("th")


def test_quit_hook_closes_the_window(qapp, qtbot, monkeypatch, tmp_path):
    """The packaged app's smoke test relies on ENT_PORTFOLIO_QUIT_AFTER_MS."""
    from ent_portfolio.ui import app as app_module

    monkeypatch.setenv("ENT_PORTFOLIO_QUIT_AFTER_MS", "50")
    monkeypatch.setattr(type(qapp), "exec", lambda self: qtbot.waitUntil(lambda: not shown[0].isVisible()) or 0)
    shown = []
    real_build = app_module.build_main_window

    def build(portfolio, lang, synchronous_jobs=False):
        built = real_build(portfolio, lang, synchronous_jobs=True)
        shown.append(built[2])
        return built

    monkeypatch.setattr(app_module, "build_main_window", build)
    assert app_module.run_app(None, "th") == 0
    assert not shown[0].isVisible()
