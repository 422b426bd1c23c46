"""The demo portfolio: what a new user sees first, and what the dossier,
the readiness checks and the screenshots are shown on.

Pure core (no Qt).  :func:`build_demo` fills a freshly created portfolio
through the services API with a fictional lecturer's three years of work in
น่าน, ลำพูน and เชียงใหม่, with drawn, seeded evidence files."""

from .builder import build_demo, create_demo_portfolio

__all__ = ["build_demo", "create_demo_portfolio"]
