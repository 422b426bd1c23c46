"""Whether an archive's records make a portfolio, decided before anything is written.

The JSON Schema says what each value looks like; this module says whether
the records fit together and into the target portfolio:

* every value parses as the windows would parse it (the one parsing place,
  :mod:`ent_portfolio.domain.fields`, through :func:`codec.dict_to_values`),
  and every column that has no default is given;
* each id is used once per table, there is one applicant profile, and the
  unique keys of the models (a heading's key, a work's section per heading,
  a partner's role in a work) stay unique in the portfolio the import makes;
* every foreign key points at a record of the archive or of the target;
* every file a record names is a SHA-256 listed in the archive's files, and
  every listed file is used by a record.

It also decides, record by record, what the merge will do (:class:`Plan`),
so that the checks judge the portfolio the import will really make and the
merge does exactly what was checked.  The first problem found is refused
with one sentence naming the record kind, its id and the field.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import UniqueConstraint, select
from sqlalchemy.orm import Session

from ..domain import models as m
from ..errors import UserError, ValidationError
from ..i18n import register, tr
from ..storage.seed import default_section_template
from ..storage.store import SHA256_RE
from .codec import dict_to_values

register({
    "archive.record_problem": (
        "แฟ้มสำรองมีปัญหาที่{kind_th} {ident}: {problem}",
        "In the archive, the {kind_en} {ident}: {problem}",
    ),
    "archive.duplicate_id": (
        "แฟ้มสำรองมี{kind_th}รหัส {ident} ซ้ำกันสองรายการ จึงไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive holds the {kind_en} {ident} twice, so it was not imported. Nothing was changed.",
    ),
    "archive.two_profiles": (
        "แฟ้มสำรองมีข้อมูลผู้ขอ {count} ชุด แต่แฟ้มผลงานหนึ่งมีผู้ขอได้คนเดียว จึงไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive holds {count} applicant profiles, but a portfolio has one applicant, so it was not imported. "
        "Nothing was changed.",
    ),
    "archive.duplicate_value": (
        "{kind_th} {ident} ในแฟ้มสำรองมี {fields} = {value} ซ้ำกับ{kind_th}อีกรายการ ({other}) จึงไม่นำเข้า "
        "— ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The {kind_en} {ident} in the archive has the same {fields} ({value}) as another {kind_en} ({other}), "
        "so it was not imported. Nothing was changed.",
    ),
    "archive.dangling_reference": (
        "{kind_th} {ident} ในแฟ้มสำรองอ้างถึง{target_th} {target} (ช่อง {field}) ซึ่งไม่มีทั้งในแฟ้มสำรองและในแฟ้มผลงานนี้ "
        "จึงไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The {kind_en} {ident} in the archive refers ({field}) to the {target_en} {target}, which is neither in "
        "the archive nor in this portfolio, so it was not imported. Nothing was changed.",
    ),
    "archive.bad_hash": (
        "{kind_th} {ident} ในแฟ้มสำรองระบุไฟล์ “{value}” (ช่อง {field}) ซึ่งไม่ใช่รหัส SHA-256 ของไฟล์ จึงไม่นำเข้า "
        "— ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The {kind_en} {ident} in the archive names the file “{value}” ({field}), which is not a SHA-256 file "
        "code, so it was not imported. Nothing was changed.",
    ),
    "archive.hash_not_listed": (
        "{kind_th} {ident} ในแฟ้มสำรองใช้ไฟล์ {sha} (ช่อง {field}) ที่ไม่อยู่ในรายการไฟล์ของแฟ้มสำรอง จึงไม่นำเข้า "
        "— ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The {kind_en} {ident} in the archive uses the file {sha} ({field}), which the archive does not list, "
        "so it was not imported. Nothing was changed.",
    ),
    "archive.file_unused": (
        "แฟ้มสำรองมีไฟล์ {sha} ที่ไม่มีระเบียนใดใช้ จึงไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive lists the file {sha}, which no record uses, so it was not imported. Nothing was changed.",
    ),
    "archive.file_listed_twice": (
        "แฟ้มสำรองระบุไฟล์ {sha} ซ้ำสองครั้ง จึงไม่นำเข้า — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The archive lists the file {sha} twice, so it was not imported. Nothing was changed.",
    ),
})

TABLES: dict[str, type[m.Record]] = {model.__tablename__: model for model in m.RECORD_MODELS}
#: Columns that name a stored file, and whether they may be empty.
FILE_COLUMNS: dict[type[m.Record], tuple[str, bool]] = {
    m.Evidence: ("sha256", False),
    m.Profile: ("photo_sha256", True),
}


class ArchiveRecordError(UserError):
    """A value of one archive record is refused: the record named, then the
    field's own sentence (in the same language)."""

    key = "archive.record_problem"

    def __init__(self, model: type[m.Record], ident: object, cause: UserError) -> None:
        self.cause = cause
        super().__init__(kind_th=model.kind_th, kind_en=model.kind_en, ident=str(ident)[:40])

    def message(self, lang: str | None = None) -> str:
        return tr(self.key, lang, problem=self.cause.message(lang), **self.params)


def _kinds(model: type[m.Record]) -> dict[str, str]:
    return {"kind_th": model.kind_th, "kind_en": model.kind_en}


# --- what the merge will do ----------------------------------------------------

@dataclass(slots=True)  # one per record: a faculty has a quarter of a million
class Step:
    """One archive record's fate: ``add`` it, ``update`` the local record of
    its id, ``replace`` a local natural twin (``local_id``) by it, ``map`` it
    onto a local twin that is newer (it is not written), or ``skip`` it (the
    local record of its id is as new)."""

    model: type[m.Record]
    action: str
    values: dict[str, Any]
    local_id: str | None = None


@dataclass
class Plan:
    steps: list[Step] = field(default_factory=list)
    #: Local records the import removes: the untouched default headings an
    #: archive's own template replaces.
    removals: list[tuple[type[m.Record], str]] = field(default_factory=list)
    #: Archive id -> local id, where a record was mapped onto a local twin, and
    #: replaced local id -> archive id: foreign keys follow both.
    id_map: dict[str, str] = field(default_factory=dict)


def _untouched_profile(profile: m.Profile) -> bool:
    """The empty profile a new portfolio starts with (whatever its timestamps
    say: the seed sets created and updated a few microseconds apart)."""
    for column in m.Profile.__table__.columns:
        if column.key in ("id", "created_at", "updated_at"):
            continue
        default = column.default.arg if column.default is not None else None
        if getattr(profile, column.key) != default:
            return False
    return True


def _default_headings() -> dict[str, dict[str, Any]]:
    return {
        section["key"]: {
            "position": position,
            "title_th": section["title_th"],
            "title_en": section["title_en"],
            "guidance_th": section.get("guidance_th", ""),
            "guidance_en": section.get("guidance_en", ""),
        }
        for position, section in enumerate(default_section_template(), start=1)
    }


def _untouched_heading(heading: m.SectionTemplate, defaults: dict[str, dict[str, Any]]) -> bool:
    seeded = defaults.get(heading.key)
    return seeded is not None and all(getattr(heading, name) == value for name, value in seeded.items())


def _untouched(record: m.Record, defaults: dict[str, dict[str, Any]]) -> bool:
    if isinstance(record, m.Profile):
        return _untouched_profile(record)
    if isinstance(record, m.SectionTemplate):
        return _untouched_heading(record, defaults)
    return False


# --- the checks ------------------------------------------------------------------

class RecordSource(Protocol):
    """Where an import's records come from: a version-1 document held whole,
    or a version-2 archive read table by table (:mod:`.stream`).  ``rows``
    may be asked for again, and gives the same rows each time."""

    def rows(self, model: type[m.Record]) -> Iterator[dict[str, Any]]: ...

    def files(self) -> list[dict[str, Any]]: ...


@functools.cache
def kept_columns(model: type[m.Record]) -> tuple[str, ...]:
    """The columns the checks and the plan need of each row: its id and
    time, the keys it points with, its unique keys, the file it names (and
    that file's name).  Only these are kept while the whole archive is
    checked; the rest of a row is read again when it is written, so a
    faculty's write-ups are never all in memory at once."""
    names = {"id", "updated_at"}
    names.update(name for name, _target in _foreign_keys(model))
    names.update(name for unique in unique_sets(model) for name in unique)
    if model in FILE_COLUMNS:
        names.add(FILE_COLUMNS[model][0])
    if model is m.Evidence:
        names.add("original_name")
    return tuple(sorted(names))


def required_columns(model: type[m.Record]) -> list[str]:
    return [c.key for c in model.__table__.columns if not c.nullable and c.default is None and not c.primary_key]


def parse_row(model: type[m.Record], row: dict[str, Any], needed: list[str]) -> dict[str, Any]:
    """One archive row as column values, parsed as a form's values are."""
    ident = row.get("id", "?")
    for name in needed:
        if row.get(name) is None:
            raise ArchiveRecordError(model, ident, ValidationError("error.required", field=name))
    try:
        return dict_to_values(model, row)
    except UserError as exc:
        raise ArchiveRecordError(model, ident, exc) from None


def parse_rows(source: RecordSource) -> dict[type[m.Record], list[dict[str, Any]]]:
    """Every archive row parsed and checked, kept as its :func:`kept_columns`."""
    parsed: dict[type[m.Record], list[dict[str, Any]]] = {}
    for model in m.RECORD_MODELS:
        needed = required_columns(model)
        kept = kept_columns(model)
        rows = []
        for row in source.rows(model):
            values = parse_row(model, row, needed)
            rows.append({name: values[name] for name in kept if name in values})
        parsed[model] = rows
    return parsed


def _check_ids(parsed: dict[type[m.Record], list[dict[str, Any]]]) -> None:
    for model, rows in parsed.items():
        seen: set[str] = set()
        for values in rows:
            if values["id"] in seen:
                raise UserError("archive.duplicate_id", ident=values["id"], **_kinds(model))
            seen.add(values["id"])
    if len(parsed[m.Profile]) > 1:
        raise UserError("archive.two_profiles", count=len(parsed[m.Profile]))


def _check_files(parsed: dict[type[m.Record], list[dict[str, Any]]], files: list[dict]) -> None:
    listed: set[str] = set()
    for item in files:
        if item["sha256"] in listed:
            raise UserError("archive.file_listed_twice", sha=item["sha256"])
        listed.add(item["sha256"])
    used: set[str] = set()
    for model, (column, optional) in FILE_COLUMNS.items():
        for values in parsed[model]:
            sha = values.get(column)
            if optional and not sha:
                continue  # no photo: None, or the empty text older versions may keep
            if not isinstance(sha, str) or not SHA256_RE.match(sha):
                raise UserError("archive.bad_hash", ident=values["id"], field=column,
                                value=str(sha)[:80], **_kinds(model))
            if sha not in listed:
                raise UserError("archive.hash_not_listed", ident=values["id"], field=column, sha=sha,
                                **_kinds(model))
            used.add(sha)
    for sha in sorted(listed - used):
        raise UserError("archive.file_unused", sha=sha)


def unique_sets(model: type[m.Record]) -> list[tuple[str, ...]]:
    sets = [tuple(c.key for c in constraint.columns)
            for constraint in model.__table__.constraints if isinstance(constraint, UniqueConstraint)]
    sets += [(column.key,) for column in model.__table__.columns if column.unique]
    return sets


@functools.cache
def _foreign_keys(model: type[m.Record]) -> tuple[tuple[str, type[m.Record]], ...]:
    return tuple((column.key, TABLES[key.column.table.name])
                 for column in model.__table__.columns for key in column.foreign_keys)


def check_records(source: RecordSource) -> dict[type[m.Record], list[dict[str, Any]]]:
    """Every record of the archive parsed and checked against the others (ids,
    the single profile, files): what :func:`plan_import` plans with."""
    parsed = parse_rows(source)
    _check_ids(parsed)
    _check_files(parsed, source.files())
    return parsed


def plan_import(session: Session, parsed: dict[type[m.Record], list[dict[str, Any]]]) -> Plan:
    """Check the archive's records (:func:`check_records`) against the target
    portfolio (read through ``session``) and say what the merge will do; a
    UserError names the first problem.  Reads only."""
    defaults = _default_headings()
    plan = Plan()
    # What each table will hold after the import: id -> the columns of its
    # unique keys, read from the target and then changed step by step.
    final: dict[type[m.Record], dict[str, dict[str, Any]]] = {}
    # Which final rows came from the archive (for naming a conflict).
    from_archive: dict[type[m.Record], set[str]] = {}

    def local_rows(model: type[m.Record]) -> dict[str, dict[str, Any]]:
        if model not in final:
            names = ["id", "updated_at"] + sorted({name for unique in unique_sets(model) for name in unique})
            final[model] = {row[0]: dict(zip(names, row))
                            for row in session.execute(select(*(getattr(model, n) for n in names)))}
            from_archive[model] = set()
        return final[model]

    archive_template_keys = {values["key"] for values in parsed[m.SectionTemplate]}
    archive_ids = {model: {values["id"] for values in rows} for model, rows in parsed.items()}
    for model in m.RECORD_MODELS:
        rows = local_rows(model)
        for values in parsed[model]:
            if plan.id_map:
                mapped = {name: plan.id_map[values[name]] for name, _target in _foreign_keys(model)
                          if values.get(name) in plan.id_map}
                if mapped:
                    values = {**values, **mapped}  # a copy: the checked rows stay as the archive has them
            # Ids are unique in the archive (checked above): an id among the
            # rows is a local record's.
            existing = rows.get(values["id"])
            if existing is not None:
                if values["updated_at"] > existing["updated_at"]:
                    plan.steps.append(Step(model, "update", values))
                    rows[values["id"]] = {**rows[values["id"]], **values}
                    from_archive[model].add(values["id"])
                else:
                    plan.steps.append(Step(model, "skip", values))
                continue
            twin = _natural_twin(session, model, values, rows, archive_ids[model])
            if twin is not None and not (_untouched(twin, defaults) or values["updated_at"] > twin.updated_at):
                plan.id_map[values["id"]] = twin.id
                plan.steps.append(Step(model, "map", values, twin.id))
                continue
            if twin is not None:
                plan.id_map[twin.id] = values["id"]
                plan.steps.append(Step(model, "replace", values, twin.id))
                rows.pop(twin.id, None)
            else:
                plan.steps.append(Step(model, "add", values))
            rows[values["id"]] = values
            from_archive[model].add(values["id"])
    if archive_template_keys:
        _drop_unused_default_headings(session, plan, defaults, archive_template_keys, local_rows(m.SectionTemplate))
    _check_references(plan, final)
    _check_unique(final, from_archive)
    return plan


def _natural_twin(session: Session, model: type[m.Record], values: dict, rows: dict[str, dict],
                  archive_ids: set[str]) -> m.Record | None:
    """A local record that is the same thing under another UUID: the single
    profile, a section heading with the same key.  A local record the
    archive also holds under its own id is that record, nobody's twin."""
    if model is not m.Profile and model is not m.SectionTemplate:
        return None  # (the scan below, for every row of a faculty's archive, was quadratic)
    candidates = [ident for ident in rows if ident not in archive_ids]
    if model is m.Profile:
        for ident in candidates:
            twin = session.get(m.Profile, ident)
            if twin is not None:
                return twin
    if model is m.SectionTemplate:
        for ident in candidates:
            if rows[ident].get("key") == values.get("key"):
                return session.get(m.SectionTemplate, ident)
    return None


def _drop_unused_default_headings(session: Session, plan: Plan, defaults: dict[str, dict[str, Any]],
                                  archive_keys: set[str], rows: dict[str, dict]) -> None:
    """A portfolio whose headings are all still the defaults takes the archive's
    template whole: a default heading the archive does not have goes (unless a
    local work has text under it), so a heading removed before the export does
    not come back on the new machine."""
    local = list(session.scalars(select(m.SectionTemplate)))
    if not local or not all(_untouched_heading(h, defaults) for h in local):
        return
    used = set(session.scalars(select(m.WorkSection.key).distinct()))
    for heading in local:
        if heading.key not in archive_keys and heading.key not in used and heading.id in rows:
            plan.removals.append((m.SectionTemplate, heading.id))
            rows.pop(heading.id)


def _check_references(plan: Plan, final: dict[type[m.Record], dict[str, dict[str, Any]]]) -> None:
    """Every foreign key an import writes points at a record the portfolio
    holds once the import is done (the database checks them only at the
    commit, and then as a traceback)."""
    for step in plan.steps:
        if step.action not in ("add", "update", "replace"):
            continue
        for name, target in _foreign_keys(step.model):
            value = step.values.get(name)
            if value is not None and value not in final[target]:
                raise UserError("archive.dangling_reference", ident=step.values["id"], field=name,
                                target=str(value)[:40], target_th=target.kind_th, target_en=target.kind_en,
                                **_kinds(step.model))


def _check_unique(final: dict[type[m.Record], dict[str, dict[str, Any]]],
                  from_archive: dict[type[m.Record], set[str]]) -> None:
    for model, rows in final.items():
        for unique in unique_sets(model):
            owners: dict[tuple, str] = {}
            # Local rows first, so a conflict names the archive's record.
            ordered = sorted(rows.items(), key=lambda item: item[0] in from_archive[model])
            for ident, row in ordered:
                key = tuple(row.get(name) for name in unique)
                if any(part is None for part in key):
                    continue  # SQLite lets NULLs repeat in a unique key
                if key in owners:
                    raise UserError("archive.duplicate_value", ident=ident, other=owners[key],
                                    fields=", ".join(unique), value=", ".join(str(p)[:40] for p in key),
                                    **_kinds(model))
                owners[key] = ident


def names_of_files(parsed: dict[type[m.Record], list[dict[str, Any]]]) -> dict[str, list[str]]:
    """sha -> the names the archive's records give the file (evidence first)."""
    names: dict[str, list[str]] = {}
    for values in parsed[m.Evidence]:
        names.setdefault(values["sha256"], []).append(values.get("original_name") or "")
    for values in parsed[m.Profile]:
        if values.get("photo_sha256"):
            names.setdefault(values["photo_sha256"], []).append("")
    return names
