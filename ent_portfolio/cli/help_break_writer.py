"""Writing :mod:`.help_break_table` from the segmenter, and what the test
of the table compares it with: every Thai paragraph of the help (see
:mod:`.help_breaks`).  Run: ``python -m ent_portfolio.cli.help_break_writer``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..typeset.columns import ParagraphBreaks, segmenter_breaks
from .help_breaks import paragraph_key

TABLE_MODULE = Path(__file__).with_name("help_break_table.py")


def _has_thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


def help_paragraphs() -> set[str]:
    """Every Thai paragraph the help of the command line shows, in Thai and
    in English: the top level's and every command's (and their commands')."""
    from ..i18n import current_language, set_language
    from ..typeset.columns import paragraph_text
    from . import build_parser
    from .usage import ThaiHelpFormatter, argparse_speaking

    seen: set[str] = set()

    class Recording(ThaiHelpFormatter):
        def _split_lines(self, text: str, width: int) -> list[str]:
            seen.add(paragraph_text(text))
            return super()._split_lines(text, width)

        def _fill_text(self, text: str, width: int, indent: str) -> str:
            seen.add(paragraph_text(text))
            return super()._fill_text(text, width, indent)

    def walk(parser: argparse.ArgumentParser) -> None:
        parser.formatter_class = Recording
        parser.format_help()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for command in action.choices.values():
                    walk(command)

    saved = current_language()
    try:
        for lang in ("th", "en"):
            set_language(lang)
            with argparse_speaking(lang):
                walk(build_parser())
    finally:
        set_language(saved)
    return {p for p in seen if _has_thai(p)}


def computed_table() -> dict[str, ParagraphBreaks]:
    """The table as the segmenter makes it now."""
    return {paragraph_key(p): segmenter_breaks(p) for p in sorted(help_paragraphs())}


def table_source(table: dict[str, ParagraphBreaks]) -> str:
    """The text of :mod:`.help_break_table` holding ``table``: an entry is
    the soft breaks, and the dictionary's plain boundaries only where they differ."""
    lines = ['"""Where each Thai paragraph of the command line\'s help may break, by its',
             "digest: written by ``python -m ent_portfolio.cli.help_break_writer`` from the",
             'segmenter and checked against it by tests/unit/test_help_breaks.py."""',
             "",
             "#: digest -> (soft breaks, the dictionary's plain boundaries or None when the same)",
             "BREAKS: dict[str, tuple[tuple[int, ...], tuple[int, ...] | None]] = {"]
    for key in sorted(table):
        soft, inside = table[key]
        parts = [_tuple_literal(soft), "None" if inside == soft else _tuple_literal(inside)]
        lines.extend(_wrapped(f'    "{key}": (', parts, "),"))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _tuple_literal(numbers: tuple[int, ...]) -> str:
    return "(" + ", ".join(map(str, numbers)) + ("," if len(numbers) == 1 else "") + ")"


def _wrapped(opening: str, parts: list[str], closing: str) -> list[str]:
    """``opening``, the comma-separated ``parts``, ``closing``, in lines of at most 120 columns."""
    whole = opening + ", ".join(parts) + closing
    if len(whole) <= 120:
        return [whole]
    lines, line = [], opening
    for token in ", ".join(parts).split(" "):
        if len(line) + len(token) + 1 > 118:
            lines.append(line.rstrip())
            line = "        "
        line += token + " "
    lines.append(line.rstrip() + closing)
    return lines


def main() -> int:
    """Write the table from the segmenter."""
    TABLE_MODULE.write_text(table_source(computed_table()), encoding="utf-8")
    print(f"{TABLE_MODULE}: written")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
