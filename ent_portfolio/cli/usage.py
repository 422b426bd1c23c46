"""The command line's own words (``--help``, usage errors) in the lecturer's language.

argparse writes its headings and errors in English through ``gettext``
("usage:", "the following arguments are required", …) and ships no Thai.
While the parser is built and run, :func:`argparse_speaking` hands argparse
the app's own catalogue instead, so a lecturer who asked for Thai reads Thai
from the first line of ``--help`` to the last error.  The language has to be
known before anything is parsed: :func:`language_in` reads ``--lang`` from the
raw arguments (the environment decides when it is absent)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from ..i18n import LANGUAGES, register, tr
from ..typeset.columns import wrap_columns
from .help_breaks import known_breaks

# argparse's English (its gettext message id, exactly) -> our message key.
# Messages only a programmer can cause (conflicting options, bad parser
# settings) stay English: no lecturer can meet them.
ARGPARSE_MESSAGES: dict[str, str] = {
    "usage: ": "cli.argparse.usage",
    "positional arguments": "cli.argparse.positionals",
    "options": "cli.argparse.options",
    "show this help message and exit": "cli.argparse.help",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "expected one argument": "cli.argparse.expected_one",
    "expected at least one argument": "cli.argparse.expected_at_least_one",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "expected %s argument": "cli.argparse.expected_n_singular",
    "expected %s arguments": "cli.argparse.expected_n",
    "ignored explicit argument %r": "cli.argparse.ignored_value",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "not allowed with argument %s": "cli.argparse.not_allowed_with",
    "one of the arguments %s is required": "cli.argparse.one_required",
    "the following arguments are required: %s": "cli.argparse.required",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "subcommands": "cli.argparse.subcommands",
}

# The Thai keeps argparse's %-placeholders: argparse fills them in itself.
register({
    "cli.argparse.usage": ("วิธีใช้: ", "usage: "),
    "cli.argparse.positionals": ("สิ่งที่ระบุตามลำดับ", "positional arguments"),
    "cli.argparse.options": ("ตัวเลือก", "options"),
    "cli.argparse.help": ("แสดงวิธีใช้นี้แล้วจบ", "show this help message and exit"),
    "cli.argparse.argument": ("ตัวเลือก %(argument_name)s: %(message)s", "argument %(argument_name)s: %(message)s"),
    "cli.argparse.ambiguous": ("ตัวเลือก %(option)s กำกวม อาจหมายถึง %(matches)s",
                               "ambiguous option: %(option)s could match %(matches)s"),
    "cli.argparse.expected_one": ("ต้องตามด้วยค่าหนึ่งค่า", "expected one argument"),
    "cli.argparse.expected_at_least_one": ("ต้องตามด้วยค่าอย่างน้อยหนึ่งค่า", "expected at least one argument"),
    "cli.argparse.expected_at_most_one": ("ตามด้วยค่าได้ไม่เกินหนึ่งค่า", "expected at most one argument"),
    "cli.argparse.expected_n": ("ต้องตามด้วยค่า %s ค่า", "expected %s arguments"),
    "cli.argparse.expected_n_singular": ("ต้องตามด้วยค่า %s ค่า", "expected %s argument"),
    "cli.argparse.ignored_value": ("ตัวเลือกนี้ไม่รับค่า จึงใช้ %r ไม่ได้", "ignored explicit argument %r"),
    "cli.argparse.invalid_value": ("ค่า %(value)r ใช้ไม่ได้", "invalid %(type)s value: %(value)r"),
    "cli.argparse.invalid_choice": ("ไม่มีตัวเลือก %(value)r (เลือกได้จาก %(choices)s)",
                                    "invalid choice: %(value)r (choose from %(choices)s)"),
    "cli.argparse.not_allowed_with": ("ใช้ร่วมกับ %s ไม่ได้", "not allowed with argument %s"),
    "cli.argparse.one_required": ("ต้องระบุอย่างใดอย่างหนึ่งใน %s", "one of the arguments %s is required"),
    "cli.argparse.required": ("ยังไม่ได้ระบุ %s", "the following arguments are required: %s"),
    "cli.argparse.unrecognized": ("ไม่รู้จัก %s", "unrecognized arguments: %s"),
    "cli.argparse.subcommands": ("คำสั่งย่อย", "subcommands"),
    "cli.usage.error": ("{prog}: {message} (ดูวิธีใช้ด้วยคำสั่ง {prog} --help) — ไม่มีการเปลี่ยนแปลงใด ๆ",
                        "{prog}: {message} (see {prog} --help). Nothing was changed."),
    "cli.usage.not_a_whole_number": ("ค่า “{value}” ไม่ใช่จำนวนเต็ม", "“{value}” is not a whole number"),
})


class ThaiHelpFormatter(argparse.HelpFormatter):
    """argparse's help, wrapped where Thai allows.  argparse's own wrapper
    breaks at spaces only, so a Thai sentence (spaces between phrases, not
    words) was cut between two letters of a word ("ซ้ำกั|น").  The breaks
    come worked out ahead (:mod:`.help_breaks`): ``--help`` does not wait a
    second for the segmenter's dictionary."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap_columns(text, width, known_breaks) or [""]

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap_columns(text, width - len(indent), known_breaks))


def translated(message: str, lang: str) -> str:
    """argparse's ``message`` in ``lang``; a message we do not know stays as argparse wrote it."""
    key = ARGPARSE_MESSAGES.get(message)
    return tr(key, lang) if key else message


@contextmanager
def argparse_speaking(lang: str) -> Iterator[None]:
    """argparse writes in ``lang`` inside the block, and as before after it.

    argparse looks its gettext functions up as module globals each time it
    writes, so the parser must be built (headings, the help option) and run
    (errors) inside the block."""
    saved = argparse._, argparse.ngettext
    argparse._ = lambda message: translated(message, lang)
    argparse.ngettext = lambda singular, plural, n: translated(singular if n == 1 else plural, lang)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def language_in(argv: Sequence[str]) -> str | None:
    """The language ``--lang`` asks for in the raw arguments (the last one
    wins, as in argparse), or None when none is given or it names no language."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        else:
            continue
        if value in LANGUAGES:
            found = value
    return found


def whole_number(text: str) -> int:
    """An option's value as an ``int``, refused in the lecturer's language
    (argparse's own refusal would name the Python type ``int``)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("cli.usage.not_a_whole_number", value=text)) from None
