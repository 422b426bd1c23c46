"""Which stored files the records still use.

The store keeps a file as long as an evidence record or the profile photo
names its hash; every writer that may leave a file unused (a delete, a failed
import, a refused archive, repair) asks here before moving it out."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain import models as m


def unreferenced(session: Session, hashes: set[str]) -> set[str]:
    """Which of ``hashes`` no evidence record or profile photo points to any more."""
    if not hashes:
        return set()
    used = set(session.scalars(select(m.Evidence.sha256).where(m.Evidence.sha256.in_(hashes))))
    used |= set(session.scalars(select(m.Profile.photo_sha256).where(m.Profile.photo_sha256.in_(hashes))))
    return hashes - used
