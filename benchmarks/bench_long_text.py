"""Long-text benchmark: huge paragraphs and a 10 MB section, timed.

Prints, each case in a fresh process so that its peak memory is its own:

* one paragraph of N characters with no newline, laid out and written as a
  PDF through platypus (Thai prose, and a pasted blob with no word
  boundary, which is cut between grapheme clusters), for growing N: the
  seconds per 10,000 characters stay flat when the work is linear;
* ``ent-portfolio dossier`` on a portfolio whose one section holds 10 MB of
  Thai (as an older database or an archive could bring it: the services
  refuse it when typed), in paragraphs and as one paragraph: the section is
  printed up to the limit with a note, so the export takes seconds;
* how long the services take to refuse the same 10 MB when it is saved.

Run: ``python benchmarks/bench_long_text.py [--sizes 25000,50000,100000,200000]``
(or ``python -m benchmarks``).  Before the linear layout, 200,000
characters of Thai took about 30 s and 1.5 GB per pass, and a blob of
20,000 characters 16 s and 800 MB (quadratic: 200,000 ran out of memory).
"""

from __future__ import annotations

import argparse
import base64
import io
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import ent_portfolio  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_typeset import SAMPLES  # noqa: E402


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def thai(n: int) -> str:
    base = " ".join(SAMPLES)
    return (base * (n // len(base) + 1))[:n]


def blob(n: int) -> str:
    return base64.b64encode(random.Random(7).randbytes(n)).decode()[:n]


def ten_mb_section(paragraphs: bool) -> str:
    units, size, k = [], 0, 0
    while size < 10 * 2**20:
        unit = f"{SAMPLES[k % len(SAMPLES)]} ข้อสังเกตที่ {k}"
        units.append(unit)
        size += len(unit.encode()) + 8
        k += 1
    return "".join(f"<p>{u}</p>" for u in units) if paragraphs else "<p>" + " ".join(units) + "</p>"


def case_paragraph(kind: str, n: int) -> str:
    from reportlab.lib.units import mm

    from ent_portfolio.typeset import SimpleThaiDocTemplate, ThaiParagraph, preload
    from ent_portfolio.typeset.styles import styles

    preload()
    text = thai(n) if kind == "thai" else blob(n)
    started = time.perf_counter()
    out = io.BytesIO()
    doc = SimpleThaiDocTemplate(out, leftMargin=20 * mm, rightMargin=20 * mm)
    doc.build([ThaiParagraph(text, styles()["body_justified"], markup=False)])
    seconds = time.perf_counter() - started
    return (f"{kind:5} paragraph of {n:>7,} characters: {seconds:6.2f} s "
            f"({seconds / n * 10_000:.3f} s per 10,000), {doc.page} pages, peak {peak_rss_mb():.0f} MB")


def case_dossier(paragraphs: bool) -> str:
    from ent_portfolio.cli import main
    from ent_portfolio.domain import models as m
    from ent_portfolio.services import Services
    from ent_portfolio.storage.portfolio import Portfolio
    from ent_portfolio.typeset import preload

    preload()
    with tempfile.TemporaryDirectory(prefix="bench-long-") as tmp:
        folder = Path(tmp) / "p"
        content = ten_mb_section(paragraphs)
        with Portfolio.create(folder) as portfolio:
            work = Services(portfolio).works.create(title_th="ผลงานที่มีหัวข้อยาวสิบเมกะไบต์")
            with portfolio.session() as session:
                session.add(m.WorkSection(work_id=work.id, key="process", content=content))
        started = time.perf_counter()
        code = main(["--lang", "en", "dossier", "--portfolio", str(folder), "--out", str(Path(tmp) / "d.pdf")])
        seconds = time.perf_counter() - started
        shape = "in paragraphs" if paragraphs else "one paragraph"
        return (f"dossier, 10 MB section {shape:13}: exit {code}, {seconds:6.2f} s, "
                f"peak {peak_rss_mb():.0f} MB")


def case_refusal() -> str:
    from ent_portfolio.errors import ValidationError
    from ent_portfolio.services import Services
    from ent_portfolio.storage.portfolio import Portfolio

    with tempfile.TemporaryDirectory(prefix="bench-long-") as tmp, Portfolio.create(Path(tmp) / "p") as portfolio:
        services = Services(portfolio)
        work = services.works.create(title_th="ผลงาน")
        content = ten_mb_section(False)
        started = time.perf_counter()
        try:
            services.works.set_section(work.id, "process", content)
            outcome = "saved (not expected)"
        except ValidationError as exc:
            outcome = exc.message("en")
        seconds = time.perf_counter() - started
    return f"saving a 10 MB section: {seconds:.2f} s — {outcome}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25000,50000,100000,200000",
                        help="paragraph lengths in characters, comma-separated")
    parser.add_argument("--case", nargs="+", help=argparse.SUPPRESS)  # one case, in this process
    args, _unknown = parser.parse_known_args(argv)
    if args.case:
        name, *params = args.case
        if name == "paragraph":
            print(case_paragraph(params[0], int(params[1])), flush=True)
        elif name == "dossier":
            print(case_dossier(params[0] == "paragraphs"), flush=True)
        else:
            print(case_refusal(), flush=True)
        return
    runs = [["paragraph", kind, size] for kind in ("thai", "blob") for size in args.sizes.split(",")]
    runs += [["dossier", "paragraphs"], ["dossier", "one"], ["refusal"]]
    for run in runs:
        subprocess.run([sys.executable, __file__, "--case", *run], check=True)


if __name__ == "__main__":
    main()
