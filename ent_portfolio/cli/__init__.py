"""The ``ent-portfolio`` command line: thin over the services.

Each command lives in its own module here with ``register(subparsers)``;
a module's ``run(args)`` returns the exit code.  User errors print one
sentence to stderr (Thai or English) and exit 1; usage errors exit 2.  The
help texts are messages of the app's catalogue, and argparse's own words are
translated too (:mod:`.usage`), so ``--help`` is Thai for a Thai user."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from ..errors import UserError
from ..i18n import current_language, register, set_language, tr
from .usage import ThaiHelpFormatter, argparse_speaking, language_in

#: Command modules, in the order ``--help`` lists them.
COMMAND_MODULES = ["demo", "works", "archive", "doctor", "check", "evidence", "backup", "screenshot", "dossier",
                   "export", "verify", "identity", "import_sheet", "letter", "search", "review", "faculty"]

register({
    "cli.interrupted": ("หยุดตามคำสั่งผู้ใช้ ไม่มีข้อมูลเสียหาย", "Stopped by the user; no data was damaged."),
    "cli.unexpected": ("เกิดข้อผิดพลาดที่ไม่คาดคิด: {detail}", "An unexpected error occurred: {detail}"),
    "cli.help.description": (
        "EnT Portfolio — แฟ้มผลงานการบริการวิชาการแก่สังคม และแฟ้มเสนอขอกำหนดตำแหน่งทางวิชาการ",
        "EnT Portfolio — community-engagement portfolio and promotion dossier",
    ),
    "cli.help.version": ("แสดงรุ่นของโปรแกรมแล้วจบ", "show the program's version and exit"),
    "cli.help.lang": ("ภาษาของข้อความ th (ไทย) หรือ en (อังกฤษ) (ค่าเริ่มต้น: ตามภาษาของเครื่อง)",
                      "language of messages, th (Thai) or en (English) (default: from the locale)"),
    "cli.help.portfolio": ("โฟลเดอร์แฟ้มผลงาน (ค่าเริ่มต้น: โฟลเดอร์ข้อมูลของผู้ใช้)",
                           "portfolio folder (default: the user data folder)"),
    "cli.help.commands": ("คำสั่ง (ดูวิธีใช้ของแต่ละคำสั่งด้วย ent-portfolio COMMAND --help)",
                          "the command (see ent-portfolio COMMAND --help for its options)"),
})


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", ThaiHelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # usage errors: exit 2, no traceback
        self.print_usage(sys.stderr)
        print(tr("cli.usage.error", prog=self.prog, message=message), file=sys.stderr)
        raise SystemExit(2)


def add_command(subparsers, name: str, help_key: str) -> argparse.ArgumentParser:
    """A command whose one-line help (in the list of commands) also heads its own ``--help``."""
    text = tr(help_key)
    return subparsers.add_parser(name, help=text, description=text)


def add_portfolio_argument(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    """``--portfolio DIR``, accepted before or after the command name."""
    parser.add_argument(
        "--portfolio", type=Path, metavar="DIR",
        # A subcommand's default must not overwrite a value given before it.
        default=None if top_level else argparse.SUPPRESS,
        help=tr("cli.help.portfolio"),
    )


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, its help in the current language.  argparse's
    own words follow the language only inside :func:`.usage.argparse_speaking`."""
    parser = _Parser(prog="ent-portfolio", description=tr("cli.help.description"))
    parser.add_argument("--version", action="version", version=f"EnT Portfolio {__version__}",
                        help=tr("cli.help.version"))
    parser.add_argument("--lang", choices=["th", "en"], help=tr("cli.help.lang"))
    add_portfolio_argument(parser, top_level=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser,
                                help=tr("cli.help.commands"))
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(sub)
    _accept_lang_after_commands(sub)
    return parser


def _accept_lang_after_commands(subparsers) -> None:
    """``--lang`` works after any command too (``ent-portfolio works --lang en``)."""
    for command in subparsers.choices.values():
        option_strings = {o for action in command._actions for o in action.option_strings}
        if "--lang" not in option_strings:
            command.add_argument("--lang", choices=["th", "en"], default=argparse.SUPPRESS,
                                 help=tr("cli.help.lang"))
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                _accept_lang_after_commands(action)


def open_portfolio(args, create: bool = False, read_only: bool = False):
    """The portfolio named by ``--portfolio``.  Commands that only read open it
    read-only, so they work while the app has it open for writing."""
    from ..storage.portfolio import Portfolio

    return Portfolio.open(args.portfolio, create=create, read_only=read_only)


def echo(text: str = "") -> None:
    # Thai must print on Windows consoles too.
    try:
        print(text)
    except UnicodeEncodeError:
        sys.stdout.buffer.write((text + "\n").encode("utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8")
            except (ValueError, OSError):
                pass
    # The help and the usage errors speak the language asked for before
    # anything is parsed.  Always set (None = from the environment): main()
    # may run many times in one process.
    set_language(language_in(argv))
    with argparse_speaking(current_language()):
        args = build_parser().parse_args(argv)
    set_language(getattr(args, "lang", None))
    try:
        if args.command is None:
            return _open_app(args)
        return int(args.handler(args) or 0)
    except UserError as exc:
        print(exc.message(current_language()), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(tr("cli.interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``ent-portfolio works | head``): not an error of ours.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        # What SQLite or the disk reports in any command (full, read-only,
        # unplugged) is one sentence too; anything else is a bug and stays loud.
        translated = _media_error(exc)
        if translated is None:
            raise
        print(translated.message(current_language()), file=sys.stderr)
        return 1


def _media_error(exc: Exception) -> UserError | None:
    import errno

    from ..storage.files import storage_error
    from ..storage.portfolio import translate_database_error

    translated = translate_database_error(exc)
    if translated is None and isinstance(exc, OSError) and exc.errno in (
            errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EROFS, errno.EIO, errno.EACCES, errno.EPERM):
        translated = storage_error(exc)
    return translated


def _open_app(args) -> int:
    from ..ui.app import run_app  # here, not at the top: commands never load Qt

    return run_app(portfolio=args.portfolio, lang=args.lang)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
