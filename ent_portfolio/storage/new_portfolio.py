"""A new portfolio from a name and a place, as a lecturer thinks of it.

A lecturer asked for an empty folder types a name into a folder dialog and
is told the folder does not exist.  Here they give the portfolio a name
(Thai is fine) and say where it goes (the Documents folder unless they pick
another); the folder name is derived from the name so that every system the
portfolio may be copied to (a Windows laptop, an exFAT stick) can hold it,
and :meth:`Portfolio.create` makes the portfolio in it — still the one way a
portfolio is made.

Everything that can be refused is refused before the first write, with a
sentence that says what to do; whatever fails after that (a full disk while
the database is made) removes the folder again, so a failure never leaves a
half-made portfolio for the next attempt to trip over.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_documents_path

from ..errors import UserError
from ..i18n import register
from .files import is_link, storage_error
from .layout import _IGNORABLE, IDENTITY_NAME, OWN_FILES, OWN_FOLDERS, check_path_length, is_portfolio
from .portfolio import Portfolio

register({
    "error.new_portfolio.name_blank": (
        "โปรดตั้งชื่อแฟ้มผลงาน — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "Give the portfolio a name. Nothing was changed.",
    ),
    "error.new_portfolio.name_unusable": (
        "ตั้งชื่อโฟลเดอร์จาก “{name}” ไม่ได้ เพราะมีแต่เครื่องหมายที่ใช้ในชื่อโฟลเดอร์ไม่ได้ "
        "โปรดใส่ตัวอักษรหรือตัวเลขในชื่อ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "No folder name can be made from “{name}”: it holds only marks a folder name cannot have. "
        "Put some letters or digits in the name. Nothing was changed.",
    ),
    "error.new_portfolio.place_missing": (
        "ไม่พบโฟลเดอร์ “{path}” ที่จะเก็บแฟ้มผลงานใหม่ หากอยู่ในแฟลชไดรฟ์หรือไดรฟ์เครือข่าย "
        "โปรดเชื่อมต่อก่อน หรือเลือกที่เก็บอื่น — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The folder “{path}” to keep the new portfolio in cannot be found. If it is on a USB stick or a "
        "network drive, connect it first, or choose another place. Nothing was changed.",
    ),
    "error.new_portfolio.place_not_folder": (
        "“{path}” เป็นไฟล์ ไม่ใช่โฟลเดอร์ โปรดเลือกโฟลเดอร์ที่จะเก็บแฟ้มผลงานใหม่ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{path}” is a file, not a folder; choose the folder to keep the new portfolio in. Nothing was changed.",
    ),
    "error.new_portfolio.place_unwritable": (
        "บันทึกลงในโฟลเดอร์ “{path}” ไม่ได้ (ไม่มีสิทธิ์เขียน หรือเป็นไดรฟ์ที่อ่านได้อย่างเดียว) "
        "โปรดเลือกที่เก็บอื่น เช่น โฟลเดอร์เอกสารของคุณ — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "Nothing can be saved in the folder “{path}” (no permission to write, or a read-only drive); "
        "choose another place, such as your Documents folder. Nothing was changed.",
    ),
    "error.new_portfolio.link": (
        "“{path}” เป็นลิงก์ที่ชี้ไปยัง “{real}” โปรดเลือกโฟลเดอร์จริงแทนลิงก์ "
        "เพื่อให้แฟ้มผลงานอยู่ในที่ที่คุณเห็น — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{path}” is a link to “{real}”; choose the real folder instead of the link, so that the portfolio is "
        "where you see it. Nothing was changed.",
    ),
    "error.new_portfolio.target_not_empty": (
        "มีโฟลเดอร์ “{path}” ที่มีไฟล์อยู่แล้ว โปรดตั้งชื่ออื่นหรือเลือกที่เก็บอื่น "
        "หากเป็นแฟ้มผลงานเดิม ให้ใช้ “เปิดแฟ้มผลงาน” — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "The folder “{path}” already exists and holds files; choose another name or another place. "
        "If it is an existing portfolio, open it instead. Nothing was changed.",
    ),
    "error.new_portfolio.target_is_file": (
        "มีไฟล์ชื่อ “{path}” อยู่แล้ว จึงสร้างโฟลเดอร์ชื่อนี้ไม่ได้ โปรดตั้งชื่ออื่น — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "A file named “{path}” already exists, so no folder of that name can be made; choose another name. "
        "Nothing was changed.",
    ),
    "error.new_portfolio.inside_portfolio": (
        "“{path}” อยู่ในโฟลเดอร์ของแฟ้มผลงาน “{folder}” แฟ้มผลงานใหม่ต้องอยู่นอกแฟ้มผลงานอื่น "
        "โปรดเลือกที่เก็บอื่น — ไม่มีการเปลี่ยนแปลงใด ๆ",
        "“{path}” lies inside the portfolio folder “{folder}”; a new portfolio must be outside any other "
        "portfolio. Choose another place. Nothing was changed.",
    ),
})

#: Characters Windows (and so an exFAT or NTFS stick) does not allow in a
#: name.  The two slashes become a dash: Thai names often hold an academic
#: year such as 2566/2567, which should still read as one.
_SLASHES = "/\\"
_FORBIDDEN = '<>:"|?*'
#: Names Windows keeps for devices, whatever follows the first dot.
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | \
    {f"{kind}{n}" for kind in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
#: Kept well under the 255 bytes a file system allows in one name (a Thai
#: letter takes three), because Windows counts the whole path: the
#: portfolio's own files below the folder still need room.
MAX_NAME_CHARS = 60
MAX_NAME_BYTES = 180


def default_parent() -> Path:
    """Where a new portfolio goes unless the lecturer picks another place:
    their Documents folder, else their home.  Returned with links resolved,
    since a link is refused as a place (a Documents folder moved to another
    disk and linked back is common)."""
    for candidate in (user_documents_path(), Path.home() / "Documents", Path.home()):
        try:
            if candidate.is_dir():
                return Path(os.path.realpath(candidate))
        except OSError:
            continue
    return Path(os.path.realpath(Path.home()))


def folder_name_for(name: str) -> str:
    """The folder name a portfolio called ``name`` gets: the name itself as
    far as every system can hold it.  Refuses a name with nothing left."""
    if not name or not name.strip():
        raise UserError("error.new_portfolio.name_blank")
    text = unicodedata.normalize("NFC", name)
    kept = []
    for char in text:
        if char in _SLASHES:
            kept.append("-")
        elif char in _FORBIDDEN or char.isspace():
            kept.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            # Control and format characters (a right-to-left override among
            # them) would make the folder read differently from its name.
            continue
        else:
            kept.append(char)
    folder = _trimmed(" ".join("".join(kept).split()))
    folder = _shortened(folder)
    if not folder:
        raise UserError("error.new_portfolio.name_unusable", name=" ".join(name.split())[:MAX_NAME_CHARS])
    if folder.split(".")[0].rstrip(" ").upper() in _RESERVED:
        stem, dot, rest = folder.partition(".")
        folder = f"{stem}_{dot}{rest}"
    return folder


def _trimmed(text: str) -> str:
    # A leading dot hides the folder; a leading dash reads as an option on a
    # command line; Windows drops trailing dots and spaces, so two names
    # would become one.
    return text.lstrip(" .-").rstrip(" .")


def _shortened(text: str) -> str:
    if len(text) <= MAX_NAME_CHARS and len(text.encode("utf-8")) <= MAX_NAME_BYTES:
        return text
    end = min(len(text), MAX_NAME_CHARS)
    while end > 0 and len(text[:end].encode("utf-8")) > MAX_NAME_BYTES:
        end -= 1
    # Never cut a Thai vowel or tone mark off the letter it sits on.
    while 0 < end < len(text) and unicodedata.category(text[end]).startswith("M"):
        end -= 1
    return _trimmed(text[:end])


@dataclass(frozen=True)
class NewPortfolioPlan:
    """Where a new portfolio will be made; ``folder_exists`` when it takes
    an existing empty folder of that name rather than making one."""

    folder: Path
    folder_exists: bool


def plan_new_portfolio(name: str, parent: Path | str) -> NewPortfolioPlan:
    """Every refusal of :func:`create_named_portfolio`, without making the
    portfolio (the window checks as the lecturer types).  Whether the place
    takes files is found by writing an empty probe folder there and removing
    it: permission bits say nothing about a read-only drive or a network
    share's own rules."""
    folder_name = folder_name_for(name)
    parent = Path(os.path.abspath(os.path.expanduser(str(parent))))
    if is_link(parent):
        raise UserError("error.new_portfolio.link", path=str(parent), real=os.path.realpath(parent))
    if not parent.exists():
        raise UserError("error.new_portfolio.place_missing", path=str(parent))
    if not parent.is_dir():
        raise UserError("error.new_portfolio.place_not_folder", path=str(parent))
    target = parent / folder_name
    owner = _enclosing_portfolio(parent)
    if owner is not None:
        raise UserError("error.new_portfolio.inside_portfolio", path=str(target), folder=str(owner))
    exists = _check_target(target)
    check_path_length(target)  # a path the database can be opened in
    _probe_writable(target if exists else parent)
    return NewPortfolioPlan(target, exists)


def create_named_portfolio(name: str, parent: Path | str) -> Portfolio:
    """Make the portfolio ``name`` in ``parent`` and return it, open for
    writing; any refusal or failure leaves the place as it was."""
    plan = plan_new_portfolio(name, parent)
    made = False
    try:
        plan.folder.mkdir()
        made = True
    except FileExistsError:
        if not plan.folder_exists:  # appeared since the plan: judge it afresh
            _check_target(plan.folder)
    except PermissionError as exc:
        raise UserError("error.new_portfolio.place_unwritable", path=str(plan.folder.parent)) from exc
    except OSError as exc:
        raise storage_error(exc) from exc
    try:
        return Portfolio.create(plan.folder)
    except BaseException:
        _undo_create(plan.folder, whole_folder=made)
        raise


def _check_target(target: Path) -> bool:
    """Whether the target folder already exists (then empty, so usable)."""
    if is_link(target):
        raise UserError("error.new_portfolio.link", path=str(target), real=os.path.realpath(target))
    if not target.exists():
        return False
    if not target.is_dir():
        raise UserError("error.new_portfolio.target_is_file", path=str(target))
    try:
        leftovers = [entry for entry in os.listdir(target) if entry not in _IGNORABLE]
    except PermissionError as exc:
        raise UserError("error.new_portfolio.place_unwritable", path=str(target)) from exc
    except OSError as exc:
        raise storage_error(exc) from exc
    if leftovers:
        raise UserError("error.new_portfolio.target_not_empty", path=str(target))
    return True


def _enclosing_portfolio(parent: Path) -> Path | None:
    """The portfolio folder ``parent`` is in (or is), links resolved: a
    portfolio inside another would be copied into its backups and archives,
    and the outer one's repair would take its files for strays."""
    real = Path(os.path.realpath(parent))
    for folder in (real, *real.parents):
        try:
            # The database or the identity only: a lecturer's own folder
            # called "evidence" or "backups" must not make their home a portfolio.
            if is_portfolio(folder) or (folder / IDENTITY_NAME).is_file():
                return folder
        except OSError:  # a folder above that cannot be read holds nothing of ours
            continue
    return None


def _probe_writable(folder: Path) -> None:
    try:
        probe = tempfile.mkdtemp(prefix=".ent-probe-", dir=folder)
    except PermissionError as exc:
        raise UserError("error.new_portfolio.place_unwritable", path=str(folder)) from exc
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise UserError("error.new_portfolio.place_unwritable", path=str(folder)) from exc
        raise storage_error(exc) from exc
    try:
        os.rmdir(probe)
    except OSError:
        pass


def _undo_create(folder: Path, whole_folder: bool) -> None:
    """Remove what a failed create made: the folder itself when this module
    made it, else only the portfolio's own names in the folder that was
    empty before."""
    if is_link(folder):
        return
    if whole_folder:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for name in OWN_FOLDERS:
        path = folder / name
        if path.is_dir() and not is_link(path):
            shutil.rmtree(path, ignore_errors=True)
    for name in OWN_FILES:
        try:
            (folder / name).unlink()
        except OSError:
            pass
