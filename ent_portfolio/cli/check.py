"""``ent-portfolio check``: is the portfolio ready to submit?

Prints the readiness report (Thai by default), or with ``--json`` a list of
findings.  Exit 0 when nothing blocks submission, 1 when something does."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..i18n import current_language, set_language, tr
from ..i18n import register as register_messages
from . import add_command, add_portfolio_argument, echo, open_portfolio

register_messages({
    "cli.help.check": ("ตรวจความพร้อมของการเสนอขอตำแหน่ง: สิ่งที่กรรมการจะพบว่ายังขาด",
                       "promotion readiness: what a committee would find missing"),
    "cli.help.check.json": ("แสดงผลการตรวจเป็น JSON", "print the findings as JSON"),
    "cli.help.check.lang": ("ภาษาของรายงาน th (ไทย) หรือ en (อังกฤษ) (ค่าเริ่มต้น: ไทย หรือตามภาษาของเครื่อง)",
                            "language of the report (default: Thai, or the locale)"),
    "cli.help.check.verify": ("ตรวจค่า SHA-256 ของไฟล์หลักฐานทุกไฟล์ด้วย (ช้ากว่า)",
                              "also verify the SHA-256 of every evidence file (slower)"),
    "cli.help.check.why": ("บอกเหตุผลที่ผู้ประเมินให้ความสำคัญกับแต่ละข้อ",
                           "say why reviewers care about each finding"),
    "cli.help.check.position": ("ตรวจสำหรับตำแหน่งนี้แทนตำแหน่งที่ระบุไว้ในประวัติ",
                                "check for this target position instead of the profile's"),
    "cli.help.check.route": ("ตรวจสำหรับวิธีการขอนี้แทนวิธีการขอที่ระบุไว้ในประวัติ",
                             "check for this route instead of the profile's"),
    "cli.help.check.rules": ("ไฟล์เกณฑ์ที่จะใช้แทนเกณฑ์ที่มากับโปรแกรม", "a rule file to use instead of the shipped one"),
    "cli.help.check.list_rules": ("แสดงเกณฑ์ตามตำแหน่งและวิธีการขอ แล้วจบ",
                                  "list the rules as they apply to the position and route, and exit"),
})


def register(sub) -> None:
    parser = add_command(sub, "check", "cli.help.check")
    add_portfolio_argument(parser)
    parser.add_argument("--json", action="store_true", help=tr("cli.help.check.json"))
    # The top-level --lang comes before the command; this one after it must
    # not overwrite the former when it is left out.
    parser.add_argument("--lang", choices=["th", "en"], default=argparse.SUPPRESS, help=tr("cli.help.check.lang"))
    parser.add_argument("--verify", action="store_true", help=tr("cli.help.check.verify"))
    parser.add_argument("--why", action="store_true", help=tr("cli.help.check.why"))
    parser.add_argument("--position", choices=["assistant_professor", "associate_professor", "professor"],
                        help=tr("cli.help.check.position"))
    parser.add_argument("--route", choices=["regular", "society_track"], help=tr("cli.help.check.route"))
    parser.add_argument("--rules", type=Path, metavar="FILE", help=tr("cli.help.check.rules"))
    parser.add_argument("--list-rules", action="store_true", help=tr("cli.help.check.list_rules"))
    parser.set_defaults(handler=run)


def run(args) -> int:
    from ..readiness import format_report, load_rules
    from ..services.readiness import check_readiness

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
