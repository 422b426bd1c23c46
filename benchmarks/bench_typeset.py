"""Thai typesetting benchmark: segmenter load, segmentation rate, layout + PDF rate.

Run: ``python benchmarks/bench_typeset.py [--paragraphs N]`` (or ``python -m
benchmarks``).  Prints:

* the segmenter's first call (PyThaiNLP import + dictionary load), which
  the app pays once, on the first PDF export, not at start-up;
* paragraphs per second of word segmentation (cache bypassed);
* paragraphs per second of full layout and PDF writing through platypus
  (unique paragraphs, so segmentation is never served from the cache), for
  left-aligned and justified text, plus pages per second.
"""

from __future__ import annotations

import argparse
import io
import platform
import sys
import time
from pathlib import Path

try:
    import ent_portfolio  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SAMPLES = [
    "โครงการพัฒนาระบบจัดการขยะชุมชนบ้านหนองบัวเริ่มต้นจากการที่ผู้ใหญ่บ้านและกลุ่มแม่บ้านเข้ามาปรึกษาคณะผู้วิจัย "
    "ว่าปริมาณขยะที่ถูกเผาในที่โล่งเพิ่มขึ้นทุกปี ทำให้ผู้สูงอายุและเด็กเล็กมีอาการระคายเคืองทางเดินหายใจบ่อยครั้ง "
    "คณะทำงานจึงจัดเวทีประชาคมร่วมกับชาวบ้านเพื่อกำหนดปัญหาและเป้าหมายร่วมกันตั้งแต่แรก",
    "อาสาสมัครสาธารณสุขประจำหมู่บ้านช่วยเก็บข้อมูลน้ำหนักขยะรายสัปดาห์ ขณะที่นักศึกษาชั้นปีที่สามในรายวิชา"
    "การจัดการสิ่งแวดล้อมชุมชนได้ลงพื้นที่เรียนรู้จริงและนำข้อมูลไปวิเคราะห์ในชั้นเรียน "
    "ผลการตรวจวัดแสดงว่าค่าเฉลี่ย PM2.5 ลดลง 35% เมื่อเทียบกับปีก่อน (ORCID 0000-0002-1825-0097)",
    "ชาวบ้านทดลองทำปุ๋ยหมักจากเศษอาหารและใบไม้ในครัวเรือนต้นแบบสิบห้าหลังก่อน เมื่อเห็นผลว่าผักในแปลงเติบโตดีขึ้น"
    "และค่าใช้จ่ายซื้อปุ๋ยเคมีลดลง ครัวเรือนอื่น ๆ ก็ขอเข้าร่วมเองโดยไม่ต้องชักชวน "
    "ซึ่งสะท้อนการยอมรับที่แท้จริงของสังคมเป้าหมายและความยั่งยืนของการเปลี่ยนแปลง",
]


def _paragraphs(n: int) -> list[str]:
    """``n`` distinct paragraphs (a numbered sentence keeps each one unique)."""
    return [f"{SAMPLES[i % len(SAMPLES)]} ข้อสังเกตที่ {i + 1} จากการลงพื้นที่ครั้งที่ {i // 3 + 1}"
            for i in range(n)]


def _rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}" if seconds > 0 else "inf"


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=300, help="paragraphs per PDF run")
    args, _unknown = parser.parse_known_args(argv)
    n = max(args.paragraphs, 1)

    started = time.perf_counter()
    from ent_portfolio.typeset import segmentation

    import_seconds = time.perf_counter() - started
    assert not segmentation.segmenter_loaded()

    import reportlab

    print(f"typeset benchmark — Python {platform.python_version()}, ReportLab {reportlab.Version}, "
          f"{n} paragraphs per run")
    print(f"import ent_portfolio.typeset.segmentation: {import_seconds * 1000:.0f} ms (segmenter not loaded)")

    started = time.perf_counter()
    segmentation.segment_uncached(SAMPLES[0])
    first_call = time.perf_counter() - started
    print(f"segmenter first call (PyThaiNLP import + dictionary): {first_call:.2f} s")

    texts = _paragraphs(n)
    avg_chars = sum(map(len, texts)) / len(texts)
    started = time.perf_counter()
    for t in texts:
        segmentation.segment_uncached(t)
    seg_seconds = time.perf_counter() - started
    print(f"segmentation: {_rate(n, seg_seconds)} paragraphs/s (avg {avg_chars:.0f} characters, uncached)")

    from reportlab.lib.units import mm

    from ent_portfolio.typeset import SimpleThaiDocTemplate, ThaiParagraph, fonts
    from ent_portfolio.typeset.styles import styles

    results = {"segmenter_first_call_s": first_call, "segment_per_s": n / seg_seconds}
    st = styles()
    for label, style_name, clear in (("layout + PDF, cold caches", "body", True),
                                      ("layout + PDF, left", "body", False),
                                      ("layout + PDF, justified", "body_justified", False)):
        if clear:
            fonts.shape.cache_clear()
            segmentation.segment.cache_clear()
            segmentation.break_opportunities.cache_clear()
        texts = _paragraphs(n) if clear else [t + " " + label for t in _paragraphs(n)]
        out = io.BytesIO()
        started = time.perf_counter()
        story = [ThaiParagraph(t, st[style_name], markup=False) for t in texts]
        doc = SimpleThaiDocTemplate(out, leftMargin=20 * mm, rightMargin=20 * mm)
        doc.build(story)
        seconds = time.perf_counter() - started
        pages = doc.page
        print(f"{label}: {_rate(n, seconds)} paragraphs/s, {_rate(pages, seconds)} pages/s "
              f"({pages} pages, {seconds:.2f} s, {len(out.getvalue()) / 1024:.0f} KiB)")
        results[label] = n / seconds
    return results


if __name__ == "__main__":
    main()
