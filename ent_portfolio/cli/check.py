"""``ent-portfolio check``: is the portfolio ready to submit?

Prints the readiness report (Thai by default), or with ``--json`` a list of
findings.  Exit 0 when nothing blocks submission, 1 when something does."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..i18n import current_language, set_language
from . import add_portfolio_argument, echo, open_portfolio


def register(sub) -> None:
    parser = sub.add_parser("check", help="promotion readiness: what a committee would find missing")
    add_portfolio_argument(parser)
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    # The top-level --lang comes before the command; this one after it must
    # not overwrite the former when it is left out.
    parser.add_argument("--lang", choices=["th", "en"], default=argparse.SUPPRESS,
                        help="language of the report (default: Thai, or the locale)")
    parser.add_argument("--verify", action="store_true",
                        help="also verify the SHA-256 of every evidence file (slower)")
    parser.add_argument("--why", action="store_true", help="say why reviewers care about each finding")
    parser.add_argument("--position", choices=["assistant_professor", "associate_professor", "professor"],
                        help="check for this target position instead of the profile's")
    parser.add_argument("--route", choices=["regular", "society_track"],
                        help="check for this route instead of the profile's")
    parser.add_argument("--rules", type=Path, metavar="FILE", help="a rule file to use instead of the shipped one")
    parser.add_argument("--list-rules", action="store_true",
                        help="list the rules as they apply to the position and route, and exit")
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..readiness import format_report, load_rules
    from ..services.dossier import check_readiness

    if getattr(args, "lang", None):
        set_language(args.lang)
    lang = current_language()
    rules = load_rules(args.rules) if args.rules else load_rules()
    if args.list_rules:
        return _list_rules(args, rules, lang)
    with open_portfolio(args, read_only=True) as portfolio:
        result = check_readiness(portfolio, rules=rules, position=args.position, route=args.route,
                                 verify_hashes=args.verify)
    if args.json:
        titles = {w.work_id: w.title(lang) for w in result.works}
        items = []
        for f in result.findings:
            item = f.to_dict(lang)
            item["work_title"] = titles.get(f.work_id) if f.work_id else None
            items.append(item)
        echo(json.dumps(items, ensure_ascii=False, indent=2))
    else:
        echo(format_report(result, lang, why=args.why))
    return 1 if result.has_blocking else 0


def _list_rules(args, rules, lang: str) -> int:
    """The rule set as it applies: one block per rule, for a person to review."""
    from ..readiness.report import rules_listing

    position, route = args.position, args.route
    if position is None or route is None:
        try:  # the profile's, when a portfolio is at hand
            with open_portfolio(args, read_only=True) as portfolio:
                from ..services import Services

                profile = Services(portfolio).profile.current()
                position = position or profile.target_position
                route = route or profile.route
        except Exception:  # noqa: BLE001 - listing rules needs no portfolio
            pass
    echo(rules_listing(rules, position or "assistant_professor", route or "society_track", lang))
    return 0
