"""Where a command may write what it makes: never inside a portfolio folder.

A dossier, a package, an archive or a backup written into the portfolio's own
folder can replace its database or a stored evidence file (the store names
files by hash, so a user who types a path there is one slip away from that),
and an archive written into ``backups/`` or ``tmp/`` is removed by the next
rotation or clean-up.  Every writer of such a file asks this module first, so
the windows and the command line refuse the same paths with the same
sentence."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import UserError
from ..i18n import register

register({
    "error.output_inside_portfolio": (
        "บันทึก “{path}” ไว้ในโฟลเดอร์แฟ้มผลงานไม่ได้ เพราะอาจเขียนทับข้อมูลหรือหลักฐาน "
        "โปรดเลือกที่เก็บอื่นนอกโฟลเดอร์ “{folder}” — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{path}” cannot be written inside the portfolio folder, where it could replace records or evidence. "
        "Choose a place outside “{folder}”. Nothing was changed.",
    ),
    "error.output_same_file": (
        "ไฟล์ PDF และไฟล์ชุดหลักฐานต้องเป็นคนละไฟล์กัน (“{path}”) — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The PDF and the evidence package must be two different files (“{path}”). Nothing was changed.",
    ),
    "error.output_is_folder": (
        "“{path}” เป็นโฟลเดอร์ โปรดระบุชื่อไฟล์ที่จะบันทึก — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{path}” is a folder; give the name of the file to write. Nothing was changed.",
    ),
    "error.output_folder_missing": (
        "ไม่พบโฟลเดอร์ “{folder}” ที่จะบันทึก “{name}” โปรดสร้างโฟลเดอร์นั้นก่อนหรือเลือกที่อื่น — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The folder “{folder}” to write “{name}” in does not exist; create it first or choose another place. "
        "Nothing was changed.",
    ),
})


def _resolved(path: Path) -> Path:
    # realpath follows every link, also in parents that do not exist yet.
    return Path(os.path.normcase(os.path.realpath(path)))


def is_inside(folder: Path | str, path: Path | str) -> bool:
    """Whether ``path`` is ``folder`` or lies below it, links resolved."""
    root = _resolved(Path(folder))
    target = _resolved(Path(path))
    return target == root or root in target.parents


def ensure_outside_portfolio(portfolio_folder: Path | str, target: Path | str) -> Path:
    """Refuse an output path inside the portfolio folder (links resolved, so
    a link elsewhere that points into the folder counts too); return the
    path as given."""
    target = Path(target)
    if is_inside(portfolio_folder, target):
        raise UserError("error.output_inside_portfolio", path=str(target), folder=str(portfolio_folder))
    return target


def ensure_writable_target(target: Path | str) -> Path:
    """An output path must name a file in a folder that exists: a folder is
    refused (the file would get a hidden temporary name), and a missing
    folder is refused by name rather than created with all its parents."""
    target = Path(target)
    if target.is_dir():
        raise UserError("error.output_is_folder", path=str(target))
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise UserError("error.output_folder_missing", folder=str(parent), name=target.name)
    return target


def ensure_distinct(first: Path | str, second: Path | str) -> None:
    """Two outputs of one command must not be the same file."""
    if _resolved(Path(first)) == _resolved(Path(second)):
        raise UserError("error.output_same_file", path=str(second))
