"""The portfolio folder with links planted among its own names, and output
paths pointing into it: every command refuses by name, clean-up removes a
link itself and never what it points to.

Every hostile input is made here, by the test; each case asserts the
sentence the person reads (by its key), that no traceback escapes, and that
the folder (and anything a link points to) is byte-for-byte as it was."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storage_cases import assert_one_sentence, cli, folder_digest, make_portfolio

from ent_portfolio.errors import UserError
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import DATABASE_NAME, Portfolio


@pytest.fixture(autouse=True)
def _default_language():
    from ent_portfolio.i18n import set_language

    yield
    set_language(None)


# --- item 3: links inside the portfolio folder ----------------------------------------

LINKED_DIRS = ["tmp", "evidence", "backups", "thumbnails", "deleted", "damaged", "evidence/ab"]
LINKED_FILES = ["portfolio.lock", "portfolio.sqlite3", "portfolio.sqlite3-wal", "portfolio.id"]
#: Every command, run against a folder with a planted link: each must refuse.
LINK_COMMANDS = [["works"], ["doctor"], ["doctor", "--repair"], ["check"], ["backup", "--list"],
                 ["backup", "--keep", "2"], ["backup", "--out", "{out}"], ["archive", "export", "{out}"],
                 ["dossier", "--out", "{pdf}"], ["restore", "{backup}"]]


def _victim(tmp_path: Path) -> Path:
    victim = tmp_path / "victim"
    (victim / "sub").mkdir(parents=True)
    (victim / "thesis.docx").write_bytes(b"years of work " * 100)
    (victim / ".tmp-looks-like-ours.part").write_bytes(b"not the app's")
    (victim / "sub" / "notes.txt").write_text("keep me")
    (victim / ("ab" + "1" * 62)).write_bytes(b"named like a stored file")
    old = time.time() - 3600
    for path in victim.rglob("*"):
        os.utime(path, (old, old))
    return victim


def _plant(folder: Path, name: str, victim: Path) -> None:
    target = folder / name
    if target.is_dir():
        shutil.rmtree(target)
    elif target.exists():
        target.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.symlink_to(victim if name in LINKED_DIRS else victim / "thesis.docx")


@pytest.mark.parametrize("name", LINKED_DIRS + LINKED_FILES)
def test_a_link_among_the_portfolio_s_own_names_is_refused_and_its_target_untouched(tmp_path, capsys, name):
    folder = tmp_path / "p"
    make_portfolio(folder)
    backup = sorted((folder / "backups").glob("*.sqlite3"))[-1]
    kept_backup = tmp_path / "kept.sqlite3"
    shutil.copyfile(backup, kept_backup)
    victim = _victim(tmp_path)
    victim_before = folder_digest(victim)
    _plant(folder, name, victim)
    before = folder_digest(folder)
    for read_only in (False, True):
        with pytest.raises(UserError) as caught:
            Portfolio.open(folder, read_only=read_only)
        assert caught.value.key == "error.portfolio_link" and caught.value.params["name"] == name
        assert name in caught.value.message("th") and caught.value.message("th").endswith("ไม่มีการเปลี่ยนแปลงใด ๆ")
    for command in LINK_COMMANDS:
        argv = [a.format(out=tmp_path / "x.entp", pdf=tmp_path / "x.pdf", backup=kept_backup) for a in command]
        code, _, err = cli(capsys, *argv, "--portfolio", folder)
        assert_one_sentence(code, err, f"“{name}”", "is a link")
    assert folder_digest(victim) == victim_before
    assert folder_digest(folder) == before


def test_the_lock_opens_without_following_a_link_even_when_planted_after_the_check(tmp_path, monkeypatch):
    from ent_portfolio.storage import lock as lock_module

    folder = tmp_path / "p"
    folder.mkdir()
    victim = _victim(tmp_path)
    before = folder_digest(victim)
    (folder / "portfolio.lock").symlink_to(victim / "thesis.docx")
    monkeypatch.setattr(lock_module, "refuse_link", lambda *_a: None)  # the race: the check passed
    with pytest.raises(UserError) as caught:
        lock_module.WriterLock(folder)
    assert caught.value.key == "error.portfolio_link"
    assert folder_digest(victim) == before


def test_links_inside_tmp_and_backups_are_removed_as_links_never_followed(tmp_path):
    from ent_portfolio.services.doctor import repair_portfolio
    from ent_portfolio.storage.backups import maybe_backup, set_backup_keep

    folder = tmp_path / "p"
    make_portfolio(folder)
    victim = _victim(tmp_path)
    before = folder_digest(victim)
    (folder / "tmp" / ".tmp-dead-writer").symlink_to(victim)
    (folder / "tmp" / "someones-folder").symlink_to(victim)
    (folder / "tmp" / ".tmp-file.part").symlink_to(victim / "thesis.docx")
    (folder / "backups" / "auto-20000101T000000000000Z.sqlite3").symlink_to(victim / "thesis.docx")
    (folder / "evidence" / "ab" ).mkdir(exist_ok=True)
    (folder / "evidence" / "ab" / "IMG_0001.JPG").symlink_to(victim / "thesis.docx")
    old = time.time() - 60
    for link in [*(folder / "tmp").iterdir(), folder / "evidence" / "ab" / "IMG_0001.JPG"]:
        os.utime(link, (old, old), follow_symlinks=False)
    with Portfolio.open(folder) as p:
        set_backup_keep(p, 1)
        Services(p).works.create(title_th="อีกเรื่อง")
        maybe_backup(p, min_interval=0)
        repair_portfolio(p)
    assert folder_digest(victim) == before


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.sets(st.sampled_from(LINKED_DIRS + LINKED_FILES), min_size=1, max_size=4))
def test_property_any_planted_links_are_refused_and_nothing_outside_changes(tmp_path_factory, names):
    root = tmp_path_factory.mktemp("links")
    folder = root / "p"
    make_portfolio(folder, files=1)
    victim = _victim(root)
    victim_before = folder_digest(victim)
    for name in sorted(names, key=len):  # evidence before evidence/ab
        if name == "evidence/ab" and "evidence" in names:
            continue
        _plant(folder, name, victim)
    before = folder_digest(folder)
    for opener in (lambda: Portfolio.open(folder), lambda: Portfolio.open(folder, read_only=True),
                   lambda: Portfolio.create(folder)):
        with pytest.raises(UserError) as caught:
            opener()
        assert caught.value.key in ("error.portfolio_link", "error.folder_not_empty")
    assert folder_digest(victim) == victim_before
    assert folder_digest(folder) == before


# --- item 7: backup --out never inside the portfolio ------------------------------------

OUT_TARGETS = {
    "the database": lambda folder, tmp: folder / DATABASE_NAME,
    "a stored evidence file": lambda folder, tmp: next((folder / "evidence").glob("*/*")),
    "a file in backups/": lambda folder, tmp: folder / "backups" / "mine.entp",
    "a file in tmp/": lambda folder, tmp: folder / "tmp" / "mine.entp",
    "the portfolio folder": lambda folder, tmp: folder,
    "an outside folder": lambda folder, tmp: tmp,
    "a missing folder": lambda folder, tmp: tmp / "missing" / "all.entp",
    "a link into the portfolio": lambda folder, tmp: _link(tmp / "pointer.entp", folder / DATABASE_NAME),
}


def _link(link: Path, target: Path) -> Path:
    link.symlink_to(target)
    return link


@pytest.mark.parametrize("where", sorted(OUT_TARGETS))
def test_backup_out_onto_the_portfolio_or_a_folder_is_refused(tmp_path, capsys, where):
    folder = tmp_path / "p"
    make_portfolio(folder, files=1)
    out = OUT_TARGETS[where](folder, tmp_path)
    before = folder_digest(folder)
    outside_before = sorted(p.name for p in tmp_path.iterdir())
    code, _, err = cli(capsys, "backup", "--portfolio", folder, "--out", out)
    assert_one_sentence(code, err, "Nothing was changed")
    assert folder_digest(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == outside_before, "no hidden temporary file left"
