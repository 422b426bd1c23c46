"""What a signature check found, in one shape for the PDF and the manifest.

A reviewer needs the same answers about either signature — is one there, is
it intact, who made it, can the certificate be traced to someone they trust —
so both checkers return this record and the verdict screens read only it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SignatureCheck:
    """The outcome of checking one signature.

    ``trusted`` means the signer's certificate chains to a certificate the
    reviewer named; ``self_issued`` that its root is the lecturer's own (a
    reviewer then has only the fingerprint to go on).  ``signed_at`` is the
    signer's clock, never a timestamp authority's.  ``problem_key`` is a
    registered message key saying what is wrong, "" when nothing is."""

    present: bool
    intact: bool
    covers_whole_file: bool
    signer_name: str
    fingerprint: str
    trusted: bool
    self_issued: bool
    signed_at: datetime | None
    problem_key: str = ""

    @property
    def holds(self) -> bool:
        """Whether this signature alone gives a reviewer no reason to doubt the file."""
        return self.present and self.intact and self.covers_whole_file and not self.problem_key


ABSENT = SignatureCheck(present=False, intact=False, covers_whole_file=False, signer_name="", fingerprint="",
                        trusted=False, self_issued=False, signed_at=None, problem_key="")


@contextmanager
def quiet_validator() -> Iterator[None]:
    """Silence the validator's own log while a check runs.

    pyHanko logs a traceback for every certificate path it cannot build —
    which is every self-issued certificate without ``--trust`` — and with no
    logging set up Python prints those on stderr: a reviewer would read a
    traceback under a verdict that is fine.  What it found is in the result."""
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
