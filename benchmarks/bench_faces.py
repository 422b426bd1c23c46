"""Face detector benchmark: how many faces it finds, where it sees faces that
are not there, and how long a 12-megapixel phone photo takes.

Recall is measured on the 100 face crops scikit-image ships (enlarged to
36, 60 and 100 pixels and tiled into group photos of at most 1000 pixels,
on a plain and on a blotchy background) and on the astronaut portrait as
stored in several ways; false boxes on the 100 non-face crops tiled the
same way, on the coffee cup, the cat and on every demo photo.  The time is
``detect_faces`` on the import benchmark's 4000×3000 JPEGs (wall clock and
this process's CPU time, which is the fairer figure on a shared machine).

Run: ``python benchmarks/bench_faces.py [--photos 5]``."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
try:
    import ent_portfolio  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "unit"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import import photos  # noqa: E402
from PIL import Image  # noqa: E402
from test_media_faces import (  # noqa: E402
    ASTRONAUT_FACE,
    covers,
    group_photo,
    lfw_crops,
    matched,
    save_turned,
    skimage_photo,
)

from ent_portfolio.demo import work_chiangmai, work_lamphun, work_nan  # noqa: E402
from ent_portfolio.demo.photos import PhotoSpec, render_photo  # noqa: E402
from ent_portfolio.media.faces import DETECT_LONG_SIDE, detect_faces, detect_faces_in  # noqa: E402
from ent_portfolio.media.image_hash import image_hash  # noqa: E402

FACE_SIZES = (36, 60, 100)


def tiled(crops, face_px: int, noisy: bool):
    """Group photos no longer than the detector's own size, so a face is
    looked at at the size it was drawn."""
    gap = face_px // 2
    columns = max(1, (DETECT_LONG_SIDE - gap) // (face_px + gap))
    per_photo = columns * columns
    for start in range(0, len(crops), per_photo):
        yield group_photo(crops[start:start + per_photo], face_px, columns, noisy=noisy, seed=face_px + start)


def recall_on_crops() -> tuple[int, int]:
    faces, others = lfw_crops()
    found_total = stray_total = 0
    for face_px in FACE_SIZES:
        for noisy in (False, True):
            found = stray = 0
            for picture, truth in tiled(faces, face_px, noisy):
                hits, strays = matched(detect_faces_in(picture), truth, picture.size)
                found, stray = found + len(hits), stray + strays
            false_boxes = sum(len(detect_faces_in(picture)) for picture, _ in tiled(others, face_px, noisy))
            background = "blotchy" if noisy else "plain"
            print(f"  faces {face_px:3d} px, {background:7s} background: found {found:3d}/100, "
                  f"stray boxes {stray}; on 100 non-faces: {false_boxes} boxes", flush=True)
            found_total += found
            stray_total += false_boxes
    return found_total, stray_total


def astronaut_cases(folder: Path) -> None:
    portrait = skimage_photo("astronaut.png")
    cases = {
        "as shipped (512 px)": lambda: detect_faces_in(portrait),
        "halved (256 px)": lambda: detect_faces_in(portrait.resize((256, 256))),
        "stored turned, EXIF 6": lambda: detect_faces(save_turned(portrait, folder / "turned.jpg")),
        "3000 px JPEG": lambda: detect_faces(_saved(portrait.resize((3000, 3000)), folder / "big.jpg")),
    }
    for name, run in cases.items():
        boxes = run()
        on_face = sum(covers(box, ASTRONAUT_FACE) for box in boxes)
        print(f"  astronaut {name:24s}: face found {'yes' if on_face else 'NO '}, other boxes {len(boxes) - on_face}")
    print(f"  {'cameraman (side view)':34s}: {len(detect_faces_in(skimage_photo('camera.png')))} box(es)")


def _saved(image: Image.Image, path: Path) -> Path:
    image.save(path, "JPEG", quality=85)
    return path


def false_boxes_elsewhere(folder: Path) -> None:
    for name in ("coffee.png", "chelsea.png"):
        print(f"  {name:12s}: {len(detect_faces_in(skimage_photo(name)))} box(es)")
    counts = []
    for module in (work_nan, work_lamphun, work_chiangmai):
        for spec in module.PHOTOS:
            path = folder / f"{spec['key']}.jpg"
            render_photo(PhotoSpec(key=spec["key"], scene=spec["scene"], taken=datetime.fromisoformat(spec["taken"]),
                                   latitude=module.LAT, longitude=module.LON, banner=spec.get("banner", []),
                                   orientation=spec.get("orientation", 1)), path)
            counts.append(len(detect_faces(path)))
    print(f"  demo photos (drawn scenes, {len(counts)}): {sum(counts)} boxes on {sum(1 for c in counts if c)} photos"
          " (their drawn people have heads but no faces)")


def timing(count: int) -> None:
    paths = photos(count)
    detect_faces(paths[0])  # loads the cascades
    walls, cpus, hashes = [], [], []
    for path in paths:
        wall, cpu = time.perf_counter(), time.process_time()
        detect_faces(path)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        start = time.perf_counter()
        image_hash(path)
        hashes.append(time.perf_counter() - start)
    print(f"  detect_faces per 12 MP JPEG: median {statistics.median(walls):.2f} s wall, "
          f"{statistics.median(cpus):.2f} s CPU ({len(paths)} photos)")
    print(f"  image_hash per 12 MP JPEG:   median {statistics.median(hashes) * 1000:.0f} ms wall")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=5)
    args = parser.parse_args()
    print("recall and false boxes on scikit-image's face crops:")
    found, false_boxes = recall_on_crops()
    print(f"  overall: {found / (len(FACE_SIZES) * 2 * 100):.0%} of {len(FACE_SIZES) * 2 * 100} faces found; "
          f"{false_boxes} boxes on {len(FACE_SIZES) * 2 * 100} non-faces")
    with tempfile.TemporaryDirectory() as folder:
        astronaut_cases(Path(folder))
        print("false boxes on pictures without faces:")
        false_boxes_elsewhere(Path(folder))
    print("time:")
    timing(args.photos)


if __name__ == "__main__":
    main()
