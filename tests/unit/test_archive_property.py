"""Property: an archive mutated at random is imported whole or refused whole.

An exported archive of a small portfolio (every kind of record, built once)
is changed at random — values at random places of the document replaced,
deleted, swapped, given another type or another record's id; records
duplicated; members dropped, doubled, renamed, truncated or bit-flipped;
bytes of the zip flipped — and imported into a copy of a new portfolio or
of the portfolio it came from.  Then either

* the import succeeded: ``doctor`` finds the portfolio healthy and, for a new
  portfolio, a re-export holds exactly the archive's records (as the one
  parsing place reads them) and files; or
* it was refused with a :class:`UserError` (one sentence) and the portfolio
  folder is byte-for-byte as it was;

never any other exception.  The suite runs a few dozen examples; the
benchmark ``benchmarks/archive_fuzz.py`` runs the same check thousands of
times (:func:`attempt` is shared)."""

from __future__ import annotations

import copy
import hashlib
import json
import re
import shutil
import tempfile
import uuid
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from archive_cases import fill, snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.archive import exchange, export_archive, import_archive
from ent_portfolio.archive.codec import dict_to_values, encode_value
from ent_portfolio.domain import models as m
from ent_portfolio.errors import UserError
from ent_portfolio.services import Services
from ent_portfolio.services.doctor import check_portfolio
from ent_portfolio.storage.portfolio import Portfolio

#: What the last attempts came to ("imported", "refused", and the sentence
#: keys of refusals), for the benchmark's figures.
OUTCOMES: Counter = Counter()


@dataclass
class World:
    """Built once: the good archive, its parts, and the two targets' templates."""

    good: Path
    document: dict
    files: dict[str, bytes]
    empty: Path
    source: Path


def build_world(folder: Path) -> World:
    folder.mkdir(parents=True, exist_ok=True)
    with Portfolio.create(folder / "source") as portfolio:
        fill(Services(portfolio), folder)
        good = export_archive(portfolio, folder / "good.entp", format_version=1)  # mutants edit its document
    Portfolio.create(folder / "empty").close()
    with zipfile.ZipFile(good) as z:
        document = json.loads(z.read(exchange.DOCUMENT_NAME))
        files = {n[len(exchange.FILES_PREFIX):]: z.read(n) for n in z.namelist() if n.startswith(exchange.FILES_PREFIX)}
    return World(good, document, files, folder / "empty", folder / "source")


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    return build_world(tmp_path_factory.mktemp("fuzz"))


# --- mutations -----------------------------------------------------------------------

def _interesting(document: dict) -> list:
    """Values that are wrong in telling ways: other records' ids, hashes,
    numbers at and beyond the limits, damaged text."""
    ids = [row["id"] for rows in document["records"].values() for row in rows]
    hashes = [f["sha256"] for f in document["files"]]
    return ids[:40] + hashes + [
        "", " ", "0" * 64, "../../etc/passwd", "\ud800", "ก" * 600, "1e400", "NaN", "91", "-181", "100.01",
        "0.00001", "12345678901234.5678", "9999999999.9999", -1, 0, 2**63, -(2**63) - 1, 10**30, 1.5, True,
        None, [], {}, ["research"], {"female": -1}, "2024-02-30", "2024-01-01", "2024-01-01T00:00:00",
        "2999-12-31T23:59:59", str(uuid.UUID(int=0)),
    ]


_SHAPES = [
    (re.compile(r"[0-9a-f-]{36}"), "id"),
    (re.compile(r"[0-9a-f]{64}"), "sha"),
    (re.compile(r"\d{4}-\d{2}-\d{2}T[\d:.]+"), "datetime"),
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "date"),
    (re.compile(r"-?\d+(\.\d+)?"), "decimal"),
]
_SAME_SHAPE = {
    "datetime": ["2024-01-01T00:00:00", "2999-12-31T23:59:59", "0001-01-01T00:00:00", "2024-13-01T00:00:00",
                 "2024-01-01T00:00:00.5"],
    "date": ["2024-02-29", "2023-02-29", "9999-12-31", "0000-01-01", "2024-00-10"],
    "decimal": ["0", "-0", "91", "-180", "100.01", "0.00001", "9999999999.9999", "12345678901234.5678",
                "1" + "0" * 30, "16.4419"],
}


def _like(value: str, interesting: list):
    """Another text of the same shape (an id, a hash, a date, a number), so
    that the schema lets it through to the checks behind it; or any text."""
    for pattern, shape in _SHAPES:
        if pattern.fullmatch(value):
            if shape == "id":
                pool = [v for v in interesting if isinstance(v, str) and len(v) == 36] + [str(uuid.uuid4())]
            elif shape == "sha":
                pool = [v for v in interesting if isinstance(v, str) and len(v) == 64]
            else:
                pool = _SAME_SHAPE[shape]
            return st.sampled_from(pool)
    return st.one_of(st.text(max_size=12), st.sampled_from([v for v in interesting if isinstance(v, str)]))


json_leaves = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=8),
)
json_values = st.recursive(
    json_leaves, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def _paths(value, prefix=()) -> list[tuple]:
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            found.append(prefix + (key,))
            found.extend(_paths(item, prefix + (key,)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append(prefix + (index,))
            found.extend(_paths(item, prefix + (index,)))
    return found


def _parent(document, path):
    node = document
    for step in path[:-1]:
        node = node[step]
    return node


def _tweaked(data, value, interesting: list):
    """A value of the same type as ``value``, so that the schema usually lets it through."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return data.draw(st.integers(min_value=-(2**65), max_value=2**65), label="number")
    if isinstance(value, str):
        return data.draw(_like(value, interesting), label="text")
    return copy.deepcopy(data.draw(st.sampled_from(interesting), label="value"))


def mutate_document(data, document: dict, interesting: list) -> None:
    for _ in range(data.draw(st.sampled_from([1, 1, 1, 2, 2, 3]), label="document edits")):
        paths = _paths(document)
        # Weighted towards edits that keep the schema's types, so that most
        # mutants reach the checks behind the schema.
        kind = data.draw(st.sampled_from(["tweak", "tweak", "tweak", "set-interesting", "set-interesting",
                                          "duplicate-record", "swap", "delete", "set", "retype"]), label="edit")
        if kind == "duplicate-record":
            tables = [t for t, rows in document.get("records", {}).items() if isinstance(rows, list) and rows] \
                if isinstance(document.get("records"), dict) else []
            if not tables:
                continue
            table = data.draw(st.sampled_from(sorted(tables)), label="table")
            rows = document["records"][table]
            twin = copy.deepcopy(data.draw(st.sampled_from(rows), label="record"))
            if isinstance(twin, dict) and data.draw(st.booleans(), label="fresh id"):
                twin["id"] = str(uuid.UUID(int=data.draw(st.integers(0, 2**128 - 1), label="uuid")))
            rows.append(twin)
            continue
        if not paths:
            continue
        path = data.draw(st.sampled_from(paths), label="path")
        parent = _parent(document, path)
        if kind == "delete":
            del parent[path[-1]]
        elif kind == "set":
            parent[path[-1]] = data.draw(json_values, label="value")
        elif kind == "set-interesting":
            parent[path[-1]] = copy.deepcopy(data.draw(st.sampled_from(interesting), label="value"))
        elif kind == "tweak":
            parent[path[-1]] = _tweaked(data, parent[path[-1]], interesting)
        elif kind == "retype":
            value = parent[path[-1]]
            parent[path[-1]] = str(value) if not isinstance(value, str) else \
                (int(value) if value.strip().lstrip("-").isdigit() else [value])
        elif kind == "swap":
            other = data.draw(st.sampled_from(paths), label="other path")
            if other[: len(path)] == path or path[: len(other)] == other:
                continue  # one inside the other
            other_parent = _parent(document, other)
            parent[path[-1]], other_parent[other[-1]] = other_parent[other[-1]], parent[path[-1]]


def mutate_members(data, members: list[tuple[str, bytes]]) -> None:
    for _ in range(data.draw(st.sampled_from([0, 0, 0, 1, 1, 2]), label="member edits")):
        if not members:
            return
        index = data.draw(st.integers(0, len(members) - 1), label="member")
        name, blob = members[index]
        kind = data.draw(st.sampled_from(["drop", "double", "rename", "truncate", "flip", "add"]), label="member edit")
        if kind == "drop":
            members.pop(index)
        elif kind == "double":
            members.append((name, blob))
        elif kind == "rename":
            members[index] = (data.draw(st.sampled_from([
                "portfolio.json", "files/" + "0" * 64, "files/" + hashlib.sha256(blob).hexdigest(), "../evil",
                "files/x", "Portfolio.json", "files/" + "A" * 64, "/abs", "a\\b", "files//" + "0" * 63,
            ]), label="new name"), blob)
        elif kind == "truncate":
            members[index] = (name, blob[: data.draw(st.integers(0, max(len(blob) - 1, 0)), label="cut")])
        elif kind == "flip":
            if blob:
                at = data.draw(st.integers(0, len(blob) - 1), label="at")
                members[index] = (name, blob[:at] + bytes([blob[at] ^ 0x5A]) + blob[at + 1:])
        elif kind == "add":
            extra = data.draw(st.binary(max_size=64), label="extra")
            members.append(("files/" + hashlib.sha256(extra).hexdigest(), extra))


def write_archive(path: Path, members: list[tuple[str, bytes]], compression: int) -> Path:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are part of the game
        with zipfile.ZipFile(path, "w", compression=compression) as z:
            for name, blob in members:
                z.writestr(name, blob)
    return path


def make_mutant(data, world: World, folder: Path) -> Path:
    document = copy.deepcopy(world.document)
    mutate_document(data, document, _interesting(world.document))
    # ensure_ascii: a lone surrogate travels as its \\ud800 escape, as a
    # hand-edited archive would carry it.
    members = [(exchange.DOCUMENT_NAME, json.dumps(document).encode("ascii"))]
    members += [(exchange.FILES_PREFIX + sha, blob) for sha, blob in world.files.items()]
    mutate_members(data, members)
    compression = data.draw(st.sampled_from([zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED]), label="compression")
    path = write_archive(folder / "mutant.entp", members, compression)
    if data.draw(st.integers(0, 7), label="flip a byte of the zip") == 0:
        raw = bytearray(path.read_bytes())
        raw[data.draw(st.integers(0, len(raw) - 1), label="zip byte")] ^= 0xFF
        path.write_bytes(bytes(raw))
    return path


# --- what a successful import must give back -----------------------------------------

def canonical_records(document: dict) -> dict[str, list[dict]]:
    """The archive's records as the import stores them: each row read by the
    one parsing place, columns it leaves out at their defaults, encoded as an
    export encodes them."""
    out = {}
    for model in m.RECORD_MODELS:
        rows = []
        for row in document["records"].get(model.__tablename__, []):
            values = dict_to_values(model, row)
            full = {}
            for column in model.__table__.columns:
                if column.key in values:
                    value = values[column.key]
                elif column.default is not None:
                    value = column.default.arg(None) if column.default.is_callable else column.default.arg
                else:
                    value = None
                full[column.key] = encode_value(value)
            rows.append(full)
        out[model.__tablename__] = sorted(rows, key=lambda r: r["id"])
    return out


def check_new_portfolio_gives_back(portfolio: Portfolio, document: dict, seeded: dict[str, set[str]]) -> None:
    exported = exchange.build_document(portfolio)
    expected = canonical_records(document)
    for table, rows in exported["records"].items():
        kept_seed = {r["id"] for r in rows} & seeded.get(table, set())
        if expected[table]:
            # The archive's profile and headings replace a new portfolio's defaults.
            assert not kept_seed, (table, kept_seed)
        elif table in seeded:
            assert kept_seed == seeded[table], table
        actual = sorted((r for r in rows if r["id"] not in kept_seed), key=lambda r: r["id"])
        assert actual == expected[table], table
    listed = sorted((f["sha256"], f["size"]) for f in document["files"])
    assert sorted((f["sha256"], f["size"]) for f in exported["files"]) == listed


def _seeded_ids(portfolio: Portfolio) -> dict[str, set[str]]:
    with portfolio.reader() as session:
        return {"profile": set(session.scalars(m.Profile.__table__.select().with_only_columns(m.Profile.id))),
                "section_template": set(session.scalars(
                    m.SectionTemplate.__table__.select().with_only_columns(m.SectionTemplate.id)))}


def attempt(world: World, archive: Path, into_source: bool, folder: Path) -> str:
    """Import ``archive`` into a copy of a portfolio and check the property;
    returns "imported" or "refused", raises AssertionError (or whatever
    escaped) when the property fails."""
    target = shutil.copytree(world.source if into_source else world.empty, folder / "target")
    with Portfolio.open(target, backup_on_open=False) as portfolio:
        seeded = _seeded_ids(portfolio)
        before = snapshot(target)
        try:
            import_archive(portfolio, archive)
        except UserError as refusal:
            sentence = refusal.message("th")
            assert sentence and "\n" not in sentence, sentence
            refusal.message("en").encode("utf-8")
            assert refusal.key != "archive.inconsistent", refusal.message("en")  # the checks missed it
            assert snapshot(target) == before, refusal.message("en")
            OUTCOMES["refused"] += 1
            OUTCOMES[refusal.key] += 1
            return "refused"
        report = check_portfolio(portfolio)
        assert report.healthy, [p.message("en") for p in report.problems]
        if not into_source:
            with zipfile.ZipFile(archive) as z:
                document = json.loads(z.read(exchange.DOCUMENT_NAME))
            check_new_portfolio_gives_back(portfolio, document, seeded)
    OUTCOMES["imported"] += 1
    return "imported"


def check_one(world: World, data) -> str:
    folder = Path(tempfile.mkdtemp(prefix="ent-fuzz-"))
    try:
        archive = make_mutant(data, world, folder)
        into_source = data.draw(st.booleans(), label="into the portfolio it came from")
        return attempt(world, archive, into_source, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_a_mutated_archive_is_imported_whole_or_refused_whole(world, data):
    check_one(world, data)


def test_the_unmutated_archive_imports_and_comes_back(world, tmp_path):
    """The property's own yardstick: the good archive goes through."""
    assert attempt(world, world.good, into_source=False, folder=tmp_path) == "imported"
    (tmp_path / "target").rename(tmp_path / "first")
    assert attempt(world, world.good, into_source=True, folder=tmp_path) == "imported"
