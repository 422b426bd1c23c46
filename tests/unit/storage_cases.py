"""What the hostile storage tests share: a small portfolio with evidence and
a backup, a digest of a folder that never follows a link, every row of its
database read without writing beside it, the command line run in English,
and the check that it answered in one sentence."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

from ent_portfolio.cli import main
from ent_portfolio.services import Services
from ent_portfolio.storage.layout import SEARCH_INDEX_NAME
from ent_portfolio.storage.portfolio import DATABASE_NAME, Portfolio

#: Derived data the window may write at any moment (the search index follows
#: the database in the background): not the lecturer's, rebuilt if removed,
#: so "nothing changed" does not count it.  Its own tests watch it.
DERIVED_FILES = {SEARCH_INDEX_NAME, SEARCH_INDEX_NAME + "-journal"}


def folder_digest(folder: Path, *, derived: bool = False) -> dict[str, str]:
    """Every entry below ``folder`` by its own bytes; a link by where it points
    (never followed), so a change through a link cannot hide.  The derived
    files (:data:`DERIVED_FILES`) only with ``derived``."""
    found = {}
    for path in sorted(Path(folder).rglob("*")):
        rel = str(path.relative_to(folder))
        if not derived and rel in DERIVED_FILES and not path.is_symlink():  # a link there is still seen
            continue
        if path.is_symlink():
            found[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[rel] = "dir"
    return found


def jpeg(path: Path, seed: int) -> Path:
    """A small real JPEG, different for each seed (the importer checks what a file is)."""
    from PIL import Image

    colour = ((seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256)
    Image.new("RGB", (32 + seed % 97, 24 + seed % 13), colour).save(path, "JPEG")
    return path


def make_portfolio(folder: Path, files: int = 2) -> dict:
    """A portfolio with a work, evidence files and an automatic backup."""
    from ent_portfolio.storage.backups import maybe_backup

    with Portfolio.create(folder) as p:
        svc = Services(p)
        work = svc.works.create(title_th="ผลงานริมน้ำ")
        shas = []
        for i in range(files):
            seed = int(hashlib.sha256(folder.name.encode()).hexdigest()[:6], 16) + i
            source = jpeg(folder.parent / f"source-{folder.name}-{i}.jpg", seed)
            shas.append(svc.evidence.add_file(work.id, source, caption=f"ภาพ {i}").sha256)
        svc.activities.create(work_id=work.id, date="2024-03-01", title="ประชุม")
        maybe_backup(p, min_interval=0)
    return {"work": work.id, "shas": shas}


def cli(capsys, *argv) -> tuple[int, str, str]:
    code = main(["--lang", "en", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_sentence(code: int, err: str, *expected: str) -> None:
    assert code == 1, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    for text in expected:
        assert text in err, err


def records_dump(folder: Path) -> list[str]:
    """Every row of the database, read without leaving a file beside it
    (immutable when no log holds commits)."""
    from ent_portfolio.storage.engine import read_only_uri

    wal = folder / (DATABASE_NAME + "-wal")
    immutable = not (wal.exists() and wal.stat().st_size)
    conn = sqlite3.connect(read_only_uri(folder / DATABASE_NAME, immutable=immutable), uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
