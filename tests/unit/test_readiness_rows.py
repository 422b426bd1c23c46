"""The fast paths of ``check`` and ``doctor`` at a faculty's size give the
answers of the slow ones: duplicates found through hash bands equal the
pair-by-pair comparison, the store listed once equals a look-up per file,
and the quick doctor finds what it promises (the full one the rest)."""

from __future__ import annotations

import os
import random
import shutil
from dataclasses import replace
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ent_portfolio.cli import main
from ent_portfolio.domain import enums
from ent_portfolio.media.image_hash import hash_distance, is_informative
from ent_portfolio.readiness import engine, load_rules
from ent_portfolio.readiness.checks import WorkContext
from ent_portfolio.readiness.model import Text
from ent_portfolio.readiness.plausibility import PROBABLE_DUPLICATE, hash_bands, probable_duplicate
from ent_portfolio.services.doctor import check_portfolio
from ent_portfolio.storage.portfolio import Portfolio


def duplicate_rule(limit: int):
    rule = next(r for r in load_rules().active("assistant_professor", "society_track") if r.id == PROBABLE_DUPLICATE)
    return replace(rule, thresholds={**rule.thresholds, "max_distance": limit})


def pair_by_pair(photos: list, limit: int) -> list[tuple[str, str, int]]:
    """The check as it was: every photo against every earlier one."""
    usable = [e for e in photos if e.kind == enums.EvidenceKind.PHOTO and e.include_in_dossier
              and len(e.image_hash) == 16 and is_informative(e.image_hash)]
    usable.sort(key=lambda e: (e.created_at or datetime.min, e.id))
    found = []
    for n, later in enumerate(usable):
        if PROBABLE_DUPLICATE in (later.findings_explained or {}):
            continue
        for earlier in usable[:n]:
            if earlier.sha256 != later.sha256 and hash_distance(earlier.image_hash, later.image_hash) <= limit:
                found.append((later.id, earlier.id, hash_distance(earlier.image_hash, later.image_hash)))
                break
    return found


def banded(photos: list, limit: int) -> list[tuple[str, str, int]]:
    ctx = WorkContext(SimpleNamespace(id="w", evidence=photos), [], {}, date(2026, 1, 1))
    by_name = {e.caption: e.id for e in photos}
    return [(target.id, by_name[params["other"].th], params["bits"])
            for target, params in probable_duplicate(ctx, duplicate_rule(limit))]


def photo(number: int, hash_value: int, rng: random.Random, **overrides) -> SimpleNamespace:
    record = dict(id=f"e{number:04d}", kind=enums.EvidenceKind.PHOTO.value, include_in_dossier=True,
                  image_hash=f"{hash_value:016x}", sha256=f"{number:064x}", caption=f"photo {number}",
                  original_name="", findings_explained={},
                  created_at=datetime(2026, 1, 1) + timedelta(minutes=rng.randrange(5)))
    record.update(overrides)
    return SimpleNamespace(**record)


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32), count=st.integers(0, 40), limit=st.sampled_from([0, 1, 3, 5, 8, 15, 16, 40, 64]))
def test_duplicates_through_hash_bands_are_the_pairs_found_one_by_one(seed, count, limit):
    rng = random.Random(seed)
    photos, originals = [], []
    for n in range(count):
        if originals and rng.random() < 0.6:  # a copy of an earlier picture, a few bits off
            value = rng.choice(originals)
            for bit in rng.sample(range(64), rng.randrange(0, 12)):
                value ^= 1 << bit
        else:
            value = rng.getrandbits(64)
            originals.append(value)
        extra = {}
        roll = rng.random()
        if roll < 0.05:
            extra["sha256"] = photos[-1].sha256 if photos else "f" * 64  # the same stored file twice
        elif roll < 0.1:
            extra["findings_explained"] = {PROBABLE_DUPLICATE: "two angles of one meeting"}
        elif roll < 0.13:
            extra["include_in_dossier"] = False
        elif roll < 0.15:
            extra["created_at"] = None
        photos.append(photo(n, value, rng, **extra))
    assert banded(photos, limit) == pair_by_pair(photos, limit)


@given(limit=st.integers(0, 15), a=st.integers(0, 2**64 - 1), flips=st.sets(st.integers(0, 63), max_size=15))
def test_two_hashes_within_the_limit_share_a_band(limit, a, flips):
    bands = hash_bands(limit)
    assert sum(mask.bit_length() for _shift, mask in bands) == 64 and len(bands) == limit + 1
    b = a
    for bit in list(flips)[:limit]:
        b ^= 1 << bit
    assert any((a >> shift) & mask == (b >> shift) & mask for shift, mask in bands)


def test_bands_stop_where_they_would_not_pay():
    assert hash_bands(15) is not None and hash_bands(16) is None


def test_a_work_of_six_hundred_photos_finds_its_copies(tmp_path):
    rng = random.Random(7)
    photos = [photo(n, rng.getrandbits(64), rng) for n in range(600)]
    photos += [photo(600 + n, int(p.image_hash, 16) ^ 0b101, rng, created_at=datetime(2027, 1, 1))
               for n, p in enumerate(photos[:30])]
    found = banded(photos, 5)
    assert found == pair_by_pair(photos, 5)
    assert len(found) >= 30 and all(bits <= 5 for _later, _earlier, bits in found)


# --- the store, listed once ---------------------------------------------------

def test_the_listed_store_says_what_a_look_up_per_file_says(demo, tmp_path):
    store = demo.store
    present = next(store.iter_hashes())
    in_a_folder = "ab" + "1" * 62
    (store.root / "ab" / in_a_folder).mkdir(parents=True)
    wrong_shard = "cd" + "2" * 62
    (store.root / "ef").mkdir(exist_ok=True)
    (store.root / "ef" / wrong_shard).write_bytes(b"not where its name says")
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(b"bytes elsewhere")
    linked = "0a" + "3" * 62
    (store.root / "0a").mkdir(exist_ok=True)
    os.symlink(outside, store.root / "0a" / linked)
    dangling = "0a" + "4" * 62
    os.symlink(tmp_path / "nothing", store.root / "0a" / dangling)
    asked = [present, "9" * 64, in_a_folder, wrong_shard, linked, dangling, "not a hash", "../" + present, ""]

    def one_by_one(sha: str) -> bool:
        try:
            return store.path_for(sha).is_file()
        except ValueError:
            return False

    listed = engine._stored_files(demo, asked)
    assert listed == {sha for sha in asked if one_by_one(sha)} == {present, linked}


# --- the quick doctor and the full one ------------------------------------------

def stored_file(folder) -> tuple[str, os.PathLike]:
    with Portfolio.open(folder, read_only=True) as portfolio:
        sha = next(portfolio.store.iter_hashes())
        return sha, portfolio.store.path_for(sha)


def test_the_quick_doctor_finds_a_file_cut_short_and_the_full_one_a_byte_changed(demo_dir, capsys):
    sha, path = stored_file(demo_dir)
    original = path.read_bytes()
    changed = bytearray(original)
    changed[len(changed) // 2] ^= 0xFF
    path.write_bytes(bytes(changed))
    with Portfolio.open(demo_dir, read_only=True) as portfolio:
        quick, full = check_portfolio(portfolio, verify_hashes=False), check_portfolio(portfolio)
    assert quick.healthy  # the same size: only reading the bytes tells
    assert [p.params["sha"] for p in full.problems if p.key == "doctor.file_changed"] == [sha]
    assert main(["--lang", "en", "doctor", "--portfolio", str(demo_dir)]) == 0
    assert main(["--lang", "en", "doctor", "--full", "--portfolio", str(demo_dir)]) == 1
    assert "altered or damaged" in capsys.readouterr().out

    path.write_bytes(original[: len(original) // 2])
    with Portfolio.open(demo_dir, read_only=True) as portfolio:
        quick = check_portfolio(portfolio, verify_hashes=False)
    assert [p.params["sha"] for p in quick.problems if p.key == "doctor.file_changed"] == [sha]
    assert main(["--lang", "en", "doctor", "--portfolio", str(demo_dir)]) == 1


def test_the_quick_and_the_full_doctor_agree_on_missing_stray_and_orphan_files(demo_dir):
    sha, path = stored_file(demo_dir)
    path.unlink()
    root = path.parent.parent
    (root / "stray.txt").write_bytes(b"dropped here by hand")
    orphan = root / "ab" / ("ab" + "0" * 62)
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"nobody uses me")
    shutil.copy2(orphan, root / "ab" / "copy of it.jpg")
    with Portfolio.open(demo_dir, read_only=True) as portfolio:
        quick, full = check_portfolio(portfolio, verify_hashes=False), check_portfolio(portfolio)
    assert [(p.key, p.params) for p in quick.problems] == [(p.key, p.params) for p in full.problems]
    assert [(p.key, p.params) for p in quick.notices] == [(p.key, p.params) for p in full.notices]
    keys = {p.key for p in quick.problems}
    assert {"doctor.evidence_missing", "doctor.stray_name"} <= keys
    assert quick.orphans == full.orphans == [orphan.name]
    assert (quick.record_count, quick.file_count) == (full.record_count, full.file_count) > (0, 0)


@pytest.mark.parametrize("flag", ["--quick", "--full"])
def test_doctor_on_the_demo_is_healthy_either_way(demo_dir, flag, capsys):
    assert main(["--lang", "en", "doctor", flag, "--portfolio", str(demo_dir)]) == 0
    assert "healthy" in capsys.readouterr().out


def test_one_work_s_photo_checks_read_that_work_alone_and_find_what_the_whole_check_finds(demo, monkeypatch):
    from ent_portfolio.readiness import check_readiness, rows
    from ent_portfolio.readiness.photo_findings import photo_findings
    from ent_portfolio.readiness.plausibility import PLAUSIBILITY_RULES

    today = date(2026, 1, 15)
    whole = check_readiness(demo, today=today)
    read: list[int] = []
    real = rows.all_works
    monkeypatch.setattr(rows, "all_works", lambda *args: read.append(len(real(*args))) or real(*args))
    for work in whole.works:
        expected: dict[str, list] = {}
        for f in work.findings:
            if f.rule in PLAUSIBILITY_RULES and f.target.kind == "evidence":
                expected.setdefault(f.target.id, []).append(f.to_dict("en"))
        by_photo = photo_findings(demo, work.work_id, today=today)
        assert {k: [f.to_dict("en") for f in v] for k, v in by_photo.items()} == expected
    assert read and set(read) == {1}
    assert len(whole.works) > 1


def filled_one_by_one(rule, params: dict) -> dict:
    """The texts as they were filled: every text of every language, each
    with the thresholds and all the params."""
    out = {}
    for key in ("what", "why", "fix"):
        out[key] = {}
        for lang in ("th", "en"):
            values = {**rule.thresholds, **{name: value.get(lang) if isinstance(value, Text) else value
                                            for name, value in params.items()}}
            out[key][lang] = rule.texts[key][lang].format(**values)
    return out


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_texts_filled_once_per_rule_read_as_texts_filled_per_finding(data):
    from ent_portfolio.readiness.all_checks import CHECKS

    compared = 0
    for position in ("assistant_professor", "professor"):
        for rule in load_rules().active(position, "society_track"):
            names = CHECKS[rule.id].params
            given_names = data.draw(st.one_of(st.just(set(names)), st.sets(st.sampled_from(names)))
                                    if names else st.just(set()))
            values = st.one_of(st.integers(0, 10**6), st.text(max_size=12).filter(lambda t: "{" not in t),
                               st.builds(Text, st.text(max_size=8), st.text(max_size=8)))
            params = {name: data.draw(values) for name in sorted(given_names)}
            try:
                expected = filled_one_by_one(rule, params)
            except (KeyError, ValueError):  # a param the text needs was not drawn
                continue
            assert rule.render(params) == expected
            assert rule.render(params) == expected  # and again, from what was kept
            compared += 1
    assert compared > 20
