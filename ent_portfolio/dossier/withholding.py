"""Names of people who did not consent, taken out of the dossier's copies.

Once, from every text of the detached records :func:`~.collect.collect`
read (a work's sections, activities, evidence, partners…): whatever the
PDF, its outline, the manifest or the package's file names print
afterwards comes from texts that no longer hold them.  The portfolio
itself is never written."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy import inspect as inspect_record
from sqlalchemy.orm.attributes import set_committed_value

from .. import privacy
from ..domain import models as m

#: Columns of at most this many characters hold codes, keys and hashes
#: ("photo", "co_implementer", a SHA-256), never a name or a sentence.
_CODE_LENGTH = 64
#: Columns that hold rich text (HTML from the section editor).
_RICH_TEXT = {(m.WorkSection, "content")}


def anonymiser_for(profile: m.Profile, works: list[m.Work], contacts: list[m.ContactPerson]) -> privacy.Anonymiser:
    """Who may be named: the applicant and the co-workers are named by the
    dossier itself; testimonial givers and partners' contacts only with
    their consent."""
    testimonials = [t for work in works for t in work.testimonials]
    named = [profile.name_th, profile.name_en] + [c.name for work in works for c in work.contributors]
    return privacy.Anonymiser(testimonials, contacts, [n for n in named if n])


def _is_prose(column) -> bool:
    return (isinstance(column.type, String) and not column.primary_key and not column.foreign_keys
            and (column.type.length is None or column.type.length > _CODE_LENGTH))


def withhold_names(records, anonymiser: privacy.Anonymiser, lang: str) -> None:
    """Replace the names the anonymiser withholds in every text of
    ``records`` and of the records loaded with them.

    The records are detached copies read for this dossier; the values are
    set as if loaded (no pending change), so nothing could write them back
    even if a record were attached to a session later."""
    seen: set[int] = set()
    stack = list(records)
    while stack:
        record = stack.pop()
        if record is None or id(record) in seen:
            continue
        seen.add(id(record))
        state = inspect_record(record)
        for attr in state.mapper.column_attrs:
            value = state.dict.get(attr.key)
            if not isinstance(value, str) or not value or not _is_prose(attr.columns[0]):
                continue
            if (type(record), attr.key) in _RICH_TEXT:
                clean = anonymiser.anonymise_markup(value, lang)
            else:
                clean = anonymiser.anonymise(value, lang)
            if clean != value:
                set_committed_value(record, attr.key, clean)
        for rel in state.mapper.relationships:
            loaded = state.dict.get(rel.key)  # only what was loaded: a detached record cannot load more
            if isinstance(loaded, list):
                stack.extend(loaded)
            elif loaded is not None:
                stack.append(loaded)
