"""Collect the licence texts of everything the built app bundles.

Writes ``resources/licenses/`` (shipped with the app: ``resource_path("licenses")``):

* one ``<distribution>.txt`` per Python distribution the app needs at run
  time (the closure of ``ent-portfolio``'s requirements), made of the licence
  files its wheel installed (``*.dist-info/licenses/…``, ``License-File``);
* ``Sarabun-OFL.txt`` from the font package, the font's own licence file;
* ``Qt-PySide6-LGPL-3.0.txt``: the PySide6 wheels ship no licence file, so a
  notice written here plus the LGPL-3.0 and GPL-3.0 texts from the system's
  ``/usr/share/common-licenses`` (Debian/Ubuntu);
* ``HarfBuzz-MIT.txt``: HarfBuzz is compiled into ``uharfbuzz``; its
  copyright and licence from the system package's ``copyright`` file;
* ``Python-PSF.txt``: the interpreter's ``LICENSE.txt``;
* ``INDEX.md``: component, version, licence, file.

Nothing is typed from memory: a text that cannot be found on this machine is
left as it was (the committed copy) and the script says so.  Run with the
project's environment: ``.venv/bin/python packaging/collect_licenses.py``.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement  # from pip's environment; fallback below

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "licenses"
COMMON = Path("/usr/share/common-licenses")
HARFBUZZ_COPYRIGHT = Path("/usr/share/doc/libharfbuzz0b/copyright")
#: Not bundled by PyInstaller (the spec excludes them) or build-only.
#: ``fontpkg`` is a requirement of ``fontpkg-sarabun`` that the app never
#: imports (it reads ``fontpkg_sarabun.ROOT`` only), so it is not bundled.
SKIP = {"pip", "setuptools", "wheel", "pyinstaller", "pyinstaller-hooks-contrib", "altgraph", "ent-portfolio",
        "fontpkg"}
LICENCE_NAME = re.compile(r"^(licen[cs]e|copying|notice|authors)([._-].*)?$", re.IGNORECASE)

QT_NOTICE = """\
Qt for Python (PySide6, shiboken6) and the Qt 6 libraries bundled with EnT Portfolio
====================================================================================

EnT Portfolio uses Qt {version} through PySide6 {version} (distribution
"{dist}"), licensed under {licence} (from the
wheel's metadata).  EnT Portfolio uses them under the GNU Lesser General Public
License version 3.

The Qt and PySide6 libraries are shipped as separate, unmodified shared
libraries (Qt6*.dll / libQt6*.so / Qt*.framework and the PySide6 extension
modules) in the application folder.  You may replace them with your own
compatible build of the same version; the sources are available from
https://download.qt.io/official_releases/qt/ and
https://download.qt.io/official_releases/QtForPython/ .

The texts of the GNU LGPL version 3 and of the GNU GPL version 3 (which the
LGPL incorporates) follow.
"""


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_closure(root: str = "ent-portfolio") -> list[metadata.Distribution]:
    """Distributions required at run time by ``root`` (no extras), recursively."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        key = norm(name)
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            print(f"collect_licenses: {name} is not installed; skipped", file=sys.stderr)
            continue
        seen[key] = dist
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                continue
            todo.append(req.name)
    return [d for k, d in sorted(seen.items()) if k not in SKIP]


def licence_files(dist: metadata.Distribution) -> list[Path]:
    files = []
    for entry in dist.files or []:
        parts = entry.parts
        in_meta = parts and parts[0].endswith(".dist-info")
        if in_meta and (("licenses" in parts) or LICENCE_NAME.match(parts[-1])):
            path = Path(dist.locate_file(entry))
            if path.is_file() and path.suffix not in (".py", ".pyc"):
                files.append(path)
    return sorted(set(files))


def licence_name(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expr = meta.get("License-Expression")
    if expr:
        return expr
    text = (meta.get("License") or "").strip()
    if text and len(text) < 100:
        return text
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return "; ".join(classifiers) or (text.splitlines()[0][:80] if text else "see file")


def write(path: Path, text: str) -> Path:
    path.write_text(text.rstrip() + "\n", encoding="utf-8")
    return path


def collect_python_packages(rows: list[tuple[str, str, str, str]], missing: list[str]) -> None:
    """One file per installed runtime dependency, from the licence files in its wheel."""
    for dist in runtime_closure():
        name, version = dist.metadata["Name"], dist.version
        if norm(name).startswith(("pyside6", "shiboken6")):
            continue  # the Qt file below
        files = licence_files(dist)
        out = OUT / f"{norm(name)}.txt"
        if files:
            chunks = [f"{name} {version}\n{'=' * len(f'{name} {version}')}\n"]
            for f in files:
                chunks.append(f"--- {f.name} ---\n\n{f.read_text(encoding='utf-8', errors='replace').strip()}\n")
            write(out, "\n".join(chunks))
        elif not out.exists():
            missing.append(f"{name} {version}: no licence file in its wheel")
            continue
        rows.append((name, version, licence_name(dist), out.name))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, str, str, str]] = []
    missing: list[str] = []
    collect_python_packages(rows, missing)

    # Sarabun: the OFL file that comes with the font files.
    try:
        import fontpkg_sarabun

        ofl = Path(fontpkg_sarabun.ROOT) / "LICENSE"
        write(OUT / "Sarabun-OFL.txt", "Sarabun font (fontpkg-sarabun)\n\n" + ofl.read_text(encoding="utf-8"))
        rows.append(("Sarabun font", metadata.version("fontpkg-sarabun"), "OFL-1.1", "Sarabun-OFL.txt"))
    except (ImportError, OSError) as exc:
        missing.append(f"Sarabun: {exc}")

    # PySide6 / Qt: notice + LGPL-3 + GPL-3 texts from the system.
    try:
        qt = metadata.distribution("PySide6-Essentials")
        lgpl, gpl = COMMON / "LGPL-3", COMMON / "GPL-3"
        if lgpl.exists() and gpl.exists():
            notice = QT_NOTICE.format(version=qt.version, dist=qt.metadata["Name"], licence=licence_name(qt))
            write(OUT / "Qt-PySide6-LGPL-3.0.txt", "\n\n".join([
                notice, "--- GNU LESSER GENERAL PUBLIC LICENSE, version 3 ---\n", lgpl.read_text(encoding="utf-8"),
                "--- GNU GENERAL PUBLIC LICENSE, version 3 ---\n", gpl.read_text(encoding="utf-8")]))
        elif not (OUT / "Qt-PySide6-LGPL-3.0.txt").exists():
            missing.append("Qt/PySide6: /usr/share/common-licenses/LGPL-3 and GPL-3 not found")
        rows.append(("Qt / PySide6 / shiboken6", qt.version, licence_name(qt), "Qt-PySide6-LGPL-3.0.txt"))
    except metadata.PackageNotFoundError:
        missing.append("PySide6-Essentials is not installed")

    # HarfBuzz (inside uharfbuzz).
    if HARFBUZZ_COPYRIGHT.exists():
        write(OUT / "HarfBuzz-MIT.txt",
              "HarfBuzz (compiled into uharfbuzz). Copyright and licence as packaged by Debian\n"
              f"({HARFBUZZ_COPYRIGHT}):\n\n" + HARFBUZZ_COPYRIGHT.read_text(encoding="utf-8"))
    if (OUT / "HarfBuzz-MIT.txt").exists():
        rows.append(("HarfBuzz (in uharfbuzz)", "", "MIT (\"Old MIT\")", "HarfBuzz-MIT.txt"))
    else:
        missing.append(f"HarfBuzz: {HARFBUZZ_COPYRIGHT} not found")

    # The Python interpreter.
    python_lib = f"python{sys.version_info.major}.{sys.version_info.minor}"
    py_licence = Path(sys.base_prefix) / "lib" / python_lib / "LICENSE.txt"
    if not py_licence.exists():
        py_licence = Path(sys.base_prefix) / "LICENSE.txt"  # Windows layout
    if py_licence.exists():
        write(OUT / "Python-PSF.txt", f"Python {sys.version.split()[0]}\n\n" + py_licence.read_text(encoding="utf-8"))
    if (OUT / "Python-PSF.txt").exists():
        rows.append(("Python", sys.version.split()[0], "PSF-2.0", "Python-PSF.txt"))
    else:
        missing.append("Python: LICENSE.txt not found")

    index = [
        "# Third-party components bundled with EnT Portfolio",
        "",
        "Generated by `packaging/collect_licenses.py` from the installed packages; do not edit.",
        "EnT Portfolio itself is free software under the GNU GPL v3 or later.",
        "",
        "| component | version | licence | file |",
        "|---|---|---|---|",
        *[f"| {n} | {v} | {lic} | {f} |" for n, v, lic, f in sorted(rows, key=lambda r: r[0].lower())],
        "",
        "PyThaiNLP's word list (`words_th.txt`) is covered by `corpus_license.md`, shipped beside it",
        "in the application folder (`pythainlp/corpus/`).",
    ]
    write(OUT / "INDEX.md", "\n".join(index))
    for line in missing:
        print(f"collect_licenses: MISSING {line}", file=sys.stderr)
    for _, _, _, f in rows:
        print(OUT / f)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
