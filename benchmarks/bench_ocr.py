"""Thai OCR benchmark: the character error rate of :func:`media.ocr.recognise`
on pages the app typesets itself, and the time it takes per page.

The pages: the demo works' problem statements (Thai paragraphs) set by the
app's Thai typesetting, rendered by Poppler at 200 and 300 dpi, then turned
3 degrees, speckled and blurred, and both; and the app's own certification
letter for a demo testimonial (its printed wording is the reference).  The
error rate is the edit distance between what Tesseract read and what was
printed, over the printed length, spaces left out on both sides (Thai
spacing is the typesetter's choice, not a reading error).  The time is wall
clock per page with one Tesseract at a time (``OMP_THREAD_LIMIT=1``).

Run: ``python benchmarks/bench_ocr.py``."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
try:
    import ent_portfolio  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT))

from ent_portfolio.demo import work_chiangmai, work_lamphun, work_nan  # noqa: E402
from ent_portfolio.media import ocr  # noqa: E402
from tests.unit.test_ocr import character_error_rate, page_image  # noqa: E402

VARIANTS = [  # (label, dpi, degrees turned, speckled)
    ("300 dpi", 300, 0.0, False),
    ("200 dpi", 200, 0.0, False),
    ("300 dpi, turned 3°", 300, 3.0, False),
    ("300 dpi, speckled and blurred", 300, 0.0, True),
    ("200 dpi, turned 3°, speckled", 200, 3.0, True),
]


def demo_paragraphs() -> list[list[str]]:
    """One page per demo work: its problem statement, cut to about a page."""
    pages = []
    for module in (work_lamphun, work_nan, work_chiangmai):
        text = " ".join(module.WORK["problem_statement"].split())
        pages.append([text[:900]])
    return pages


def letter_page(folder: Path) -> tuple[Path, str] | None:
    """The app's certification letter for a demo testimonial, at 300 dpi."""
    try:
        from sqlalchemy import select

        from ent_portfolio.demo import create_demo_portfolio
        from ent_portfolio.domain import models as m
        from ent_portfolio.dossier.letters import letter_for, write_letter
        from ent_portfolio.storage.portfolio import Portfolio
        from tests.pdftools import render_pages
    except ImportError:
        return None
    create_demo_portfolio(folder / "demo")
    with Portfolio.open(folder / "demo") as portfolio:
        with portfolio.reader() as session:
            testimonial = session.scalars(select(m.Testimonial).where(m.Testimonial.kind == "certification")).first()
        letter = letter_for(portfolio, testimonial.kind, testimonial.id)
        write_letter(portfolio, testimonial.kind, testimonial.id, folder / "letter.pdf")
    page = render_pages(folder / "letter.pdf", folder / "letter-pages", dpi=300)[0]
    return page, "\n".join(letter.blocks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    if not ocr.tesseract_available():
        print(f"Tesseract with the Thai model is not installed ({ocr.missing_reason()})", file=sys.stderr)
        return 1
    pages = demo_paragraphs()
    print(f"Thai OCR (tesseract -l tha+eng --psm 3), {len(pages)} typeset demo pages per variant")
    print(f"{'variant':34} {'CER mean':>9} {'CER max':>8} {'s/page':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for label, dpi, turn, noisy in VARIANTS:
            rates, seconds = [], []
            for k, paragraphs in enumerate(pages):
                path = page_image(folder, dpi, turn=turn, noisy=noisy, paragraphs=paragraphs, name=f"p{k}")
                started = time.monotonic()
                recognised = ocr.recognise(path)
                seconds.append(time.monotonic() - started)
                rates.append(character_error_rate(recognised, "\n".join(paragraphs)))
            print(f"{label:34} {statistics.mean(rates):9.1%} {max(rates):8.1%} {statistics.mean(seconds):7.2f}")
        letter = letter_page(folder)
        if letter is not None:
            path, printed = letter
            started = time.monotonic()
            recognised = ocr.recognise(path)
            took = time.monotonic() - started
            print(f"{'the app letter, 300 dpi':34} {character_error_rate(recognised, printed):9.1%} "
                  f"{'':8} {took:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
