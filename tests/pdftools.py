"""Read PDFs the way reviewers' tools do: Poppler's pdftotext, pdffonts, pdftoppm.

Shared by the typesetting and dossier tests.  A missing tool skips the test
on a developer machine but FAILS it under CI (``CI=true``), so a CI image
without poppler-utils cannot pass by skipping everything.

    from tests.pdftools import pdftotext, pdffonts, render_pages

    text = pdftotext(pdf)                  # reading order
    text = pdftotext(pdf, layout=True)     # physical layout
    fonts = pdffonts(pdf)                  # [{"name": ..., "emb": True, ...}]
    pngs = render_pages(pdf, tmp_path, dpi=80)
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

_HINT = "install poppler-utils (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler)"


def in_ci() -> bool:
    """True when running under CI (``CI`` set to true/1/yes)."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def require_tool(name: str) -> str:
    """Path of the command-line tool ``name``; skip the test (fail under CI) if absent."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} not found: {_HINT}"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)
    raise AssertionError("unreachable")  # pragma: no cover


def _run(args: list[str], timeout: float = 60) -> str:
    proc = subprocess.run(args, capture_output=True, timeout=timeout)
    if proc.returncode != 0:
        raise AssertionError(
            f"{' '.join(map(str, args))} failed ({proc.returncode}): "
            f"{proc.stderr.decode('utf-8', 'replace').strip()}"
        )
    return proc.stdout.decode("utf-8")


def pdftotext(path: str | os.PathLike, layout: bool = False, *, raw: bool = False,
              first: int | None = None, last: int | None = None) -> str:
    """The text of ``path`` as ``pdftotext`` extracts it (UTF-8).

    ``layout=True`` keeps the physical layout (``-layout``); ``raw=True``
    keeps content-stream order (``-raw``).  Pages are separated by form
    feeds (``\\f``), as pdftotext writes them.
    """
    args = [require_tool("pdftotext"), "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if raw:
        args.append("-raw")
    if first is not None:
        args += ["-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    return _run([*args, os.fspath(path), "-"])


def pdffonts(path: str | os.PathLike) -> list[dict]:
    """The fonts of ``path`` as ``pdffonts`` lists them.

    One dict per font: ``name``, ``type``, ``encoding`` (str), ``emb``,
    ``sub``, ``uni`` (bool) and ``object_id`` (str, e.g. ``"7 0"``).
    """
    out = _run([require_tool("pdffonts"), os.fspath(path)])
    lines = out.splitlines()
    rule = next((i for i, line in enumerate(lines) if line.startswith("---")), None)
    if rule is None:
        return []
    # column extents come from the dashes under the header
    spans = []
    pos = 0
    for part in lines[rule].split(" "):
        if part:
            spans.append((pos, pos + len(part)))
        pos += len(part) + 1
    keys = ["name", "type", "encoding", "emb", "sub", "uni", "object_id"]
    fonts = []
    for line in lines[rule + 1:]:
        if not line.strip():
            continue
        cells = []
        for k, (a, _b) in enumerate(spans):
            end = spans[k + 1][0] if k + 1 < len(spans) else len(line)
            cells.append(line[a:end].strip())
        # object ID is the last two tokens ("12  0"); the table may be wider than its rule
        row = dict(zip(keys, cells))
        tail = line.split()
        row["object_id"] = " ".join(tail[-2:])
        for flag in ("emb", "sub", "uni"):
            row[flag] = row.get(flag, "").lower() == "yes"
        fonts.append(row)
    return fonts


def render_pages(path: str | os.PathLike, outdir: str | os.PathLike, first: int | None = None,
                 last: int | None = None, dpi: int = 80) -> list[Path]:
    """Render pages of ``path`` to PNG files in ``outdir`` with pdftoppm; return them in order."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    stem = Path(path).stem
    args = [require_tool("pdftoppm"), "-png", "-r", str(dpi)]
    if first is not None:
        args += ["-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    _run([*args, os.fspath(path), os.fspath(outdir / stem)], timeout=300)

    def page_no(p: Path) -> int:
        return int(p.stem.rsplit("-", 1)[-1])

    return sorted(outdir.glob(f"{stem}-*.png"), key=page_no)


def pdfimages_list(path: str | os.PathLike) -> list[dict]:
    """The images of ``path`` as ``pdfimages -list`` lists them: one dict per
    image with ``page``, ``width``, ``height``, ``color`` and ``x_ppi``,
    ``y_ppi`` (the resolution at which it is drawn)."""
    out = _run([require_tool("pdfimages"), "-list", os.fspath(path)])
    images = []
    for line in out.splitlines()[2:]:
        cells = line.split()
        if len(cells) < 14:
            continue
        images.append({"page": int(cells[0]), "width": int(cells[3]), "height": int(cells[4]), "color": cells[5],
                       "x_ppi": int(cells[12]), "y_ppi": int(cells[13])})
    return images


def qpdf_check(path: str | os.PathLike) -> str:
    """Run ``qpdf --check`` on ``path``; return its report (fails on errors or warnings).

    qpdf exits 0 when the file is clean, 3 when it found warnings and 2 on
    errors; the two latter raise ``AssertionError`` with qpdf's output.
    """
    tool = require_tool("qpdf")
    proc = subprocess.run([tool, "--check", os.fspath(path)], capture_output=True, timeout=120)
    out = proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0 or "WARNING" in out:
        raise AssertionError(f"qpdf --check {path} failed ({proc.returncode}):\n{out.strip()}")
    return out
