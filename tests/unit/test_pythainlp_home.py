"""Segmenting Thai leaves nothing in the lecturer's home folder: PyThaiNLP's
data folder (by default ``~/pythainlp-data``, made on import) goes in the app's
own per-user data folder, and a folder the user chose stays theirs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import ent_portfolio

# Windows and macOS name the per-user folders themselves, whatever HOME says.
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the data folder follows HOME and XDG_DATA_HOME on Linux only")

REPO = Path(ent_portfolio.__file__).resolve().parent.parent

_SEGMENT_AND_SAY_WHERE = """
import json, os
from ent_portfolio.typeset.segmentation import segment
from ent_portfolio.resources import user_data_dir
words = segment("ชุมชนบ้านแม่ฮ่องสอน")
from pythainlp.tools import get_pythainlp_data_path
print(json.dumps({"words": list(words), "pythainlp": get_pythainlp_data_path(), "app": str(user_data_dir())}))
"""


def _clean_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHAINLP_", "XDG_")) and k not in ("HOME", "USERPROFILE", "APPDATA", "LOCALAPPDATA")}
    env.update(HOME=str(home), USERPROFILE=str(home), APPDATA=str(home / "AppData" / "Roaming"),
               LOCALAPPDATA=str(home / "AppData" / "Local"), PYTHONPATH=str(REPO), **extra)
    return env


def _run(env: dict[str, str]) -> tuple[dict, str]:
    done = subprocess.run([sys.executable, "-c", _SEGMENT_AND_SAY_WHERE], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout), done.stderr


def test_segmenting_thai_leaves_no_pythainlp_folder_in_home(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    seen, stderr = _run(_clean_env(home))
    assert "Warning" not in stderr  # the variable the installed PyThaiNLP reads, not its deprecated one
    assert "".join(seen["words"]) == "ชุมชนบ้านแม่ฮ่องสอน" and len(seen["words"]) > 1
    assert not (home / "pythainlp-data").exists()
    data = Path(seen["pythainlp"])
    assert data == Path(seen["app"]) / "pythainlp"
    assert data.is_dir() and home in data.parents
    # Nothing else lands loose in the home folder: only the OS's folders for application data.
    assert {p.name for p in home.iterdir()} <= {".local", "Library", "AppData"}


@pytest.mark.parametrize("variable", ["PYTHAINLP_DATA", "PYTHAINLP_DATA_DIR"])
def test_a_data_folder_the_user_chose_is_kept(tmp_path, variable):
    home = tmp_path / "home"
    home.mkdir()
    chosen = tmp_path / "my-thai-data"
    seen, _stderr = _run(_clean_env(home, **{variable: str(chosen)}))
    assert Path(seen["pythainlp"]) == chosen and chosen.is_dir()
    assert not (home / "pythainlp-data").exists()


def test_this_test_run_keeps_the_app_data_out_of_the_real_home():
    """The suite's own runs write the app's data (and PyThaiNLP's) to a
    temporary folder, not to the home of whoever runs the tests."""
    from ent_portfolio.resources import user_data_dir
    from ent_portfolio.typeset.segmentation import keep_pythainlp_data_in_app_folder, segment

    segment("ทดสอบ")
    keep_pythainlp_data_in_app_folder()
    real_home = Path(os.path.expanduser("~"))
    assert real_home not in user_data_dir().parents
    chosen = os.environ.get("PYTHAINLP_DATA") or os.environ.get("PYTHAINLP_DATA_DIR")
    assert chosen and real_home not in Path(chosen).parents
