"""Reviewer mode's windows: a committee member's reading and assessment of
an evidence package (issue 20), over the core's :mod:`ent_portfolio.review`.

``ent-portfolio review PACKAGE.zip`` starts :func:`ent_portfolio.ui.app.run_review_window`:
the reviewer's window alone, as the main command starts the main window."""
