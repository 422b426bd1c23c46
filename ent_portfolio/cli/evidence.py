"""``ent-portfolio evidence add``: import files and folders into a work.

One line per file (stored / already present / refused: reason) on stdout,
then a summary; exit 1 if any file was refused (the others stay imported)."""

from __future__ import annotations

from pathlib import Path

from . import add_portfolio_argument, echo, open_portfolio


def register(sub) -> None:
    parser = sub.add_parser("evidence", help="evidence files of a work")
    evidence_sub = parser.add_subparsers(dest="evidence_command", metavar="ACTION", required=True,
                                         parser_class=type(parser))
    add = evidence_sub.add_parser("add", help="import files and folders (recursively) into a work")
    add_portfolio_argument(add)
    add.add_argument("--work", required=True, metavar="UUID", help="the work the files are evidence of")
    add.add_argument("--activity", metavar="UUID", help="link the files to this activity of the work")
    add.add_argument("--indicator", metavar="UUID", help="link the files to this indicator of the work")
    add.add_argument("--testimonial", metavar="UUID", help="link the files to this testimonial of the work")
    add.add_argument("--assign-activities", action="store_true",
                     help="link photos to the activity whose dates contain the date they were taken")
    add.add_argument("--max-size-mb", type=float, metavar="MB", help="refuse files larger than this (default 500)")
    add.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    add.set_defaults(handler=run_add)
    # ``--portfolio`` may also come before ``add``.
    add_portfolio_argument(parser)


def run_add(args) -> int:
    from ..services.importer import ImportLimits, import_evidence

    limits = ImportLimits()
    if args.max_size_mb is not None:
        limits = ImportLimits(max_file_bytes=int(args.max_size_mb * 1024 * 1024))
    with open_portfolio(args) as portfolio:
        result = import_evidence(
            portfolio, args.work, args.paths,
            activity_id=args.activity, indicator_id=args.indicator, testimonial_id=args.testimonial,
            assign_activities=args.assign_activities, limits=limits,
        )
    for outcome in result.outcomes:
        echo(outcome.line())
    echo(result.summary())
    return 1 if result.refused else 0
