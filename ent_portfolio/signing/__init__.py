"""Signatures that let a reviewer check a dossier without this app.

A lecturer signs with a key of their own (:mod:`.identity`): the PDF gets a
PAdES signature (:mod:`.pdf`), the evidence package's manifest a detached CMS
signature (:mod:`.manifest`).  Both are checked into the same
:class:`.checks.SignatureCheck`, so the command line and the windows say the
same thing about a signature whichever file carried it.

Pure core, no Qt.  The services re-export what the windows and the command
line use (:mod:`ent_portfolio.services.signing`)."""

from __future__ import annotations

from .checks import SignatureCheck

__all__ = ["SignatureCheck"]
