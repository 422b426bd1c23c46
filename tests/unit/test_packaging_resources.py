"""The built app carries every resource folder the program reads.

The program finds its resources with ``resource_path("folder")``; the
PyInstaller spec copies them into the bundle folder by folder.  A folder the
code reads but the spec leaves out works from a checkout and is missing in
the installed app (the user's guide was, at first)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def folders_the_program_reads() -> set[str]:
    found = set()
    for source in (ROOT / "ent_portfolio").rglob("*.py"):
        found |= set(re.findall(r"resource_path\(\s*[\"']([A-Za-z_]+)", source.read_text(encoding="utf-8")))
    return found


def folders_the_spec_bundles() -> set[str]:
    spec = (ROOT / "packaging" / "ent-portfolio.spec").read_text(encoding="utf-8")
    bundled = set(re.findall(r"RESOURCES / \"([A-Za-z_]+)\"", spec))
    for group in re.findall(r"for folder in \(([^)]*)\)", spec):
        bundled |= set(re.findall(r"\"([A-Za-z_]+)\"", group))
    return bundled


def test_every_resource_folder_the_program_reads_is_bundled():
    read = folders_the_program_reads()
    assert {"guide", "templates", "translations"} <= read  # the scan finds what it should
    missing = read - folders_the_spec_bundles()
    assert not missing, f"packaging/ent-portfolio.spec does not bundle resources/{sorted(missing)}"
    for folder in read:
        assert (ROOT / "resources" / folder).is_dir() or folder == "licenses", folder
