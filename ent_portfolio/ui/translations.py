"""Qt Linguist translations of the windows.

Sources: ``resources/translations/ent_portfolio_th.ts`` and ``…_en.ts``,
committed.  Source strings in the code are English (``self.tr("Works")``);
the Thai file translates every one of them; the English file is empty
translations (Qt then shows the source text).

The compiled ``.qm`` files are build products (git-ignored): ``make``/the
packaging step and the UI tests run :func:`compile_all`, which calls
``pyside6-lrelease`` from the virtualenv.  At start-up :func:`qm_path`
recompiles a stale or missing ``.qm`` when lrelease is at hand (source
checkouts) and otherwise uses the shipped one.

``python -m ent_portfolio.ui.translations update`` re-extracts strings from
every module of ``ent_portfolio/ui/`` (both parts' views) into the ``.ts``
files with ``pyside6-lupdate``, keeping existing translations, then fills
the Thai file from the glossaries ``resources/translations/*_th.txt``
(``context<TAB>English source<TAB>Thai`` per line; context ``*`` matches any
context; ``\n`` is a line break): each part of the UI keeps its Thai there,
in a form anyone can edit, and the ``.ts`` is regenerated from it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..resources import resource_path

LANGS = ("th", "en")
UI_ROOT = Path(__file__).resolve().parent


def ts_path(lang: str) -> Path:
    return resource_path("translations", f"ent_portfolio_{lang}.ts")


def _tool(name: str) -> str | None:
    local = Path(sys.executable).with_name(name)
    if local.exists():
        return str(local)
    return shutil.which(name)


def compile_one(lang: str, out: Path | None = None) -> Path | None:
    src = ts_path(lang)
    out = out or src.with_suffix(".qm")
    tool = _tool("pyside6-lrelease") or _tool("lrelease")
    if tool is None or not src.exists():
        return out if out.exists() else None
    # Written beside and renamed over: a running app maps its .qm into memory,
    # and rewriting that file in place kills it (SIGBUS) when it next reads it.
    fresh = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        subprocess.run([tool, "-silent", str(src), "-qm", str(fresh)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        os.replace(fresh, out)
    finally:
        fresh.unlink(missing_ok=True)
    return out


def compile_all() -> list[Path]:
    return [p for p in (compile_one(lang) for lang in LANGS) if p]


def qm_path(lang: str) -> Path | None:
    """The compiled catalogue for ``lang``, rebuilt first if stale."""
    src = ts_path(lang)
    qm = src.with_suffix(".qm")
    stale = not qm.exists() or (src.exists() and src.stat().st_mtime > qm.stat().st_mtime)
    if stale:
        try:
            compiled = compile_one(lang)
        except (OSError, subprocess.CalledProcessError):
            compiled = None
        if compiled is None:
            return qm if qm.exists() else None
    return qm


def sources() -> list[Path]:
    return sorted(p for p in UI_ROOT.rglob("*.py") if "__pycache__" not in p.parts)


def update_sources() -> None:
    tool = _tool("pyside6-lupdate") or _tool("lupdate")
    if tool is None:
        raise SystemExit("pyside6-lupdate not found")
    for lang in LANGS:
        args = [tool, "-silent", "-locations", "none", *map(str, sources()), "-ts", str(ts_path(lang))]
        if lang == "en":
            args[1:1] = ["-source-language", "en", "-target-language", "en"]
        else:
            args[1:1] = ["-source-language", "en", "-target-language", "th_TH"]
        subprocess.run(args, check=True)


def glossary(lang: str = "th") -> dict[tuple[str, str], str]:
    """(context, source) → translation, from every ``*_<lang>.txt`` beside
    the .ts files.  Plural forms of a ``%n`` string are separated by ``|``
    (English: one|other; Thai has a single form)."""
    entries: dict[tuple[str, str], str] = {}
    for path in sorted(ts_path(lang).parent.glob(f"*_{lang}.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise ValueError(f"{path.name}: not context<TAB>source<TAB>Thai: {line!r}")
            context, source, thai = (p.replace("\\n", "\n") for p in parts)
            entries[(context, source)] = thai
    return entries


def apply_glossary(lang: str = "th") -> list[tuple[str, str]]:
    """Write the glossary's Thai into the .ts; returns what is still missing."""
    import xml.etree.ElementTree as ET

    entries = glossary(lang)
    path = ts_path(lang)
    tree = ET.parse(path)
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            thai = entries.get((name, source), entries.get(("*", source)))
            translation = message.find("translation")
            if thai is None or translation is None or translation.get("type") in ("obsolete", "vanished"):
                continue
            if message.get("numerus") == "yes":
                for child in list(translation):
                    translation.remove(child)
                for form in thai.split("|"):
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = thai
            translation.attrib.pop("type", None)
    with open(path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
    return unfinished(lang)


def unfinished(lang: str = "th") -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    import xml.etree.ElementTree as ET

    missing = []
    root = ET.parse(ts_path(lang)).getroot()
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                continue
            if translation.get("type") in ("obsolete", "vanished"):
                continue
            text = translation.text or "".join(n.text or "" for n in translation.iter("numerusform"))
            if translation.get("type") == "unfinished" or not text:
                missing.append((name, message.findtext("source")))
    return missing


if __name__ == "__main__":  # pragma: no cover
    command = sys.argv[1] if len(sys.argv) > 1 else "compile"
    if command == "update":
        update_sources()
        apply_glossary("en")
        missing = apply_glossary("th")
        for context, source in missing:
            print(f"untranslated: {context}\t{source}", file=sys.stderr)
    print("\n".join(str(p) for p in compile_all()))
