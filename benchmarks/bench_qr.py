"""Letter QR benchmark: how often the code on a printed letter is found
again in a scan or a phone photo, per distortion, how long a file takes,
and that no code is seen on pages without one.

The letter is the app's own certification of use from the demo, rendered by
Poppler's pdftoppm at each resolution (the stand-in letter of the tests
when Poppler is not installed), then rotated −8…+8°, blurred (σ 0–2),
noised, unevenly lit, JPEG-compressed (quality 40–90), tilted in
perspective and placed small in a 4000×3000 photo of a desk.

Run: ``python benchmarks/bench_qr.py [--seeds 3]``."""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
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

from PIL import Image  # noqa: E402

from ent_portfolio.media.qr import codes_in_picture, encode_letter_code  # noqa: E402
from tests.unit.test_qr import Distortion, distorted, letter_page, sample_code  # noqa: E402

SWEEP = {
    "angle": [Distortion(f"rotated {a:+d}°", angle=a) for a in (-8, -5, -2, 2, 5, 8)],
    "blur": [Distortion(f"blur σ{b}", blur=b) for b in (0.5, 1.0, 1.5, 2.0)],
    "noise": [Distortion(f"noise {n}", noise=n) for n in (8, 16, 25, 35)],
    "lighting": [Distortion(f"gradient {g:.0%}", gradient=g) for g in (0.3, 0.5, 0.7, 0.8)],
    "jpeg": [Distortion(f"JPEG q{q}", quality=q) for q in (40, 60, 75, 90)],
    "tilt": [Distortion(f"tilt {t:.0%}", tilt=t) for t in (0.03, 0.06, 0.09)],
    "phone": [Distortion("phone", phone=True), Distortion("phone rotated 6°", phone=True, angle=6),
              Distortion("phone lamp", phone=True, gradient=0.6),
              Distortion("phone blur noise", phone=True, blur=1.0, noise=10, quality=60)],
    "everything": [Distortion("scan everything", angle=-5, blur=1.2, noise=12, gradient=0.5, quality=50, tilt=0.05),
                   Distortion("phone everything", phone=True, angle=-4, blur=1.0, noise=10, gradient=0.5,
                              quality=55, tilt=0.04)],
}
DPIS = (150, 200, 300)


def letter_pages(work: Path) -> tuple[str, dict[int, Image.Image], object]:
    """The pages to distort at each resolution, and the code they carry."""
    if shutil.which("pdftoppm"):
        from ent_portfolio.demo import create_demo_portfolio
        from ent_portfolio.domain import models as m
        from ent_portfolio.dossier.letters import write_letter
        from ent_portfolio.storage.portfolio import Portfolio

        create_demo_portfolio(work / "demo")
        portfolio = Portfolio.open(work / "demo")
        try:
            with portfolio.reader() as s:
                t = s.query(m.Testimonial).filter_by(kind="certification").first()
            result = write_letter(portfolio, "certification", t.id, work / "letter.pdf")
        finally:
            portfolio.close()
        pages = {}
        for dpi in DPIS:
            prefix = work / f"page{dpi}"
            subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(work / "letter.pdf"),
                            str(prefix)], check=True)
            pages[dpi] = Image.open(f"{prefix}.png").convert("RGB")
        return "the app's certification letter", pages, result.code
    code = sample_code()
    return "the tests' stand-in letter", {d: letter_page(encode_letter_code(code), dpi=d) for d in DPIS}, code


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source, pages, code = letter_pages(Path(folder))
    print(f"letter: {source}; {args.seeds} seed(s) × {len(DPIS)} resolutions per distortion")
    times: list[float] = []
    total_hits = total = 0
    for family, distortions in SWEEP.items():
        hits = tries = 0
        for d in distortions:
            for dpi in DPIS:
                for seed in range(args.seeds):
                    picture = distorted(pages[dpi], Distortion(**{**d.__dict__, "dpi": dpi}), seed=seed)
                    started = time.process_time()
                    found = codes_in_picture(picture)
                    times.append(time.process_time() - started)
                    hits += found == [code]
                    tries += 1
        total_hits, total = total_hits + hits, total + tries
        print(f"  {family:11s} {hits:3d}/{tries:<3d} ({hits / tries:.0%})")
    print(f"  {'all':11s} {total_hits:3d}/{total:<3d} ({total_hits / total:.0%})")
    print(f"CPU time per picture: median {statistics.median(times):.2f} s, max {max(times):.2f} s")
    false_codes = 0
    blank_times = []
    for seed in range(6 * args.seeds):
        d = Distortion("blank", phone=seed % 2 == 0, angle=seed - 3, noise=8, dpi=DPIS[seed % 3])
        picture = distorted(letter_page(None, dpi=d.dpi, seed=seed), d, seed=seed)
        started = time.process_time()
        false_codes += len(codes_in_picture(picture))
        blank_times.append(time.process_time() - started)
    print(f"pages without a code: {len(blank_times)}, codes seen on them: {false_codes}, "
          f"CPU time median {statistics.median(blank_times):.2f} s")


if __name__ == "__main__":
    main()
