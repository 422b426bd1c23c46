"""Readiness check benchmark: how long ``check_readiness`` takes on a large
portfolio, with evidence files checked for presence only (the default) and
with every SHA-256 verified (``--verify``).

Run: ``python benchmarks/bench_readiness.py [--works N] [--file-kb K]``.
Prints the size of the portfolio built, then seconds per full check."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

try:
    import ent_portfolio  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ent_portfolio.domain import models as m  # noqa: E402
from ent_portfolio.readiness import check_readiness, format_report, load_rules  # noqa: E402
from ent_portfolio.storage.portfolio import Portfolio  # noqa: E402

TEXT = "<p>" + "ชุมชนร่วมวางแผนการจัดการน้ำและติดตามคุณภาพน้ำทุกไตรมาส " * 12 + "</p>"


def build(folder: Path, works: int, evidence_per_work: int, file_kb: int) -> dict[str, int]:
    p = Portfolio.create(folder)
    counts = dict(works=works, sections=0, activities=0, indicators=0, measurements=0, evidence=0, files=0)
    with p.session() as s:
        keys = [t.key for t in s.query(m.SectionTemplate)]
        partner = m.Partner(name_th="ภาคี", mou_date=date(2020, 1, 1))
        s.add(partner)
        s.flush()
        for w in range(works):
            start = date(2020, 1, 1) + timedelta(days=w * 7)
            work = m.Work(title_th=f"ผลงานที่ {w + 1}", status="completed", start_date=start,
                          end_date=start + timedelta(days=1500), missions=["research"],
                          benefit_community_text=TEXT, benefit_university_text=TEXT, knowledge_text=TEXT)
            s.add(work)
            s.flush()
            for key in keys:
                s.add(m.WorkSection(work_id=work.id, key=key, content=TEXT))
                counts["sections"] += 1
            s.add(m.WorkPartner(work_id=work.id, partner_id=partner.id, role="co_designer"))
            for a in range(30):
                s.add(m.Activity(work_id=work.id, date=start + timedelta(days=a * 40),
                                 kind="co_planning" if a == 0 else "workshop",
                                 title=f"กิจกรรม {a}", participants_total=20))
                counts["activities"] += 1
            for i in range(8):
                ind = m.Indicator(work_id=work.id, name_th=f"ตัวชี้วัด {i}", baseline_value=Decimal(10),
                                  baseline_date=start + timedelta(days=10), target_value=Decimal(50))
                s.add(ind)
                s.flush()
                counts["indicators"] += 1
                for k in range(12):
                    s.add(m.Measurement(indicator_id=ind.id, date=start + timedelta(days=100 + k * 120),
                                        value=Decimal(11 + k * 4)))
                    counts["measurements"] += 1
            for e in range(evidence_per_work):
                data = os.urandom(file_kb * 1024)
                sha, _new = p.store.add_bytes(data)
                counts["files"] += 1
                s.add(m.Evidence(work_id=work.id, sha256=sha, size=len(data), kind="photo", caption=f"ภาพ {e}",
                                 principles=["partnership", "mutual_benefit", "knowledge", "impact"]))
                counts["evidence"] += 1
            s.add(m.Testimonial(work_id=work.id, partner_id=partner.id, kind="certification", person_name="ผู้นำชุมชน",
                                signed=True, consent=True))
            s.add(m.Dissemination(work_id=work.id, citation="บทความ"))
            s.add(m.Contributor(work_id=work.id, name="ผู้ร่วมงาน", roles=["data"], signature_status="signed"))
    p.close()
    return counts


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--works", type=int, default=60)
    ap.add_argument("--evidence", type=int, default=40, help="evidence files per work")
    ap.add_argument("--file-kb", type=int, default=256)
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-readiness-"))
    try:
        t0 = time.perf_counter()
        counts = build(root / "p", args.works, args.evidence, args.file_kb)
        print(f"built in {time.perf_counter() - t0:.1f} s: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        print(f"evidence bytes: {counts['files'] * args.file_kb / 1024:.0f} MiB")
        rules = load_rules()
        print(f"load_rules: {timed(load_rules, 5) * 1000:.1f} ms")
        with Portfolio.open(root / "p") as p:
            result = check_readiness(p, rules=rules)
            print(f"findings: {len(result.findings)} ({result.status.value})")
            print(f"check (files present):  {timed(lambda: check_readiness(p, rules=rules)):.3f} s")
            verified = timed(lambda: check_readiness(p, rules=rules, verify_hashes=True), 1)
            print(f"check (hashes verified): {verified:.3f} s")
            print(f"report text: {timed(lambda: format_report(result, 'th')) * 1000:.1f} ms")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
