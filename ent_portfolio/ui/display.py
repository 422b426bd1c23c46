"""Can this machine show a window?  Asked before Qt is started.

When Qt cannot load its platform plugin, or the plugin cannot reach a
display, it aborts the process (a core dump, and a message that often blames
the wrong library).  A lecturer must instead read one sentence that says what
is wrong and how to fix it, so the conditions Qt would abort on are checked
here first: a display to connect to, the system libraries the Linux ``xcb``
plugin links, and the plugin itself.

The same table of libraries tells ``make run`` which Debian packages to
install (``python -m ent_portfolio.ui.display --missing-packages``), so the
set-up and the message never disagree.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import UserError
from ..i18n import current_language, register

register({
    "startup.no_display": (
        "เปิดหน้าต่างโปรแกรมไม่ได้ เพราะเครื่องนี้ไม่มีจอแสดงผลให้ใช้ (ไม่ได้ตั้งค่า DISPLAY หรือ WAYLAND_DISPLAY) "
        "— หากเชื่อมต่อผ่าน SSH ให้ใช้คำสั่งของโปรแกรมแทน ดูได้ด้วย ent-portfolio --help",
        "The window cannot open: this machine has no display to show it on (neither DISPLAY nor WAYLAND_DISPLAY "
        "is set). Over SSH, use the app's commands instead (see ent-portfolio --help).",
    ),
    "startup.display_unreachable": (
        "เปิดหน้าต่างโปรแกรมไม่ได้ เพราะเชื่อมต่อจอแสดงผล “{display}” ไม่ได้ — โปรดตรวจว่าหน้าจอเดสก์ท็อปเปิดอยู่ "
        "และตั้งค่า DISPLAY ถูกต้อง",
        "The window cannot open: the display “{display}” cannot be reached. Check that the desktop is running "
        "and that DISPLAY names it.",
    ),
    "startup.missing_libraries_apt": (
        "เปิดหน้าต่างโปรแกรมไม่ได้ เพราะเครื่องนี้ขาดไลบรารีที่ Qt ใช้แสดงหน้าต่าง ({libraries}) "
        "— ติดตั้งด้วยคำสั่ง: sudo apt-get install {packages} (หรือสั่ง make run ซึ่งติดตั้งให้เอง)",
        "The window cannot open: this machine lacks libraries Qt needs to show windows ({libraries}). "
        "Install them with: sudo apt-get install {packages} (or run make run, which installs them).",
    ),
    "startup.missing_libraries": (
        "เปิดหน้าต่างโปรแกรมไม่ได้ เพราะเครื่องนี้ขาดไลบรารีที่ Qt ใช้แสดงหน้าต่าง ({libraries}) "
        "— โปรดติดตั้งด้วยตัวจัดการแพ็กเกจของระบบ",
        "The window cannot open: this machine lacks libraries Qt needs to show windows ({libraries}). "
        "Install them with the system's package manager.",
    ),
    "startup.no_platform_plugin": (
        "เปิดหน้าต่างโปรแกรมไม่ได้ เพราะไม่พบส่วนแสดงผล “{name}” ของ Qt (มีเฉพาะ: {available}) "
        "— โปรดตรวจค่า QT_QPA_PLATFORM หรือติดตั้งโปรแกรมใหม่",
        "The window cannot open: Qt's display plugin “{name}” is not there (available: {available}). "
        "Check QT_QPA_PLATFORM, or reinstall the app.",
    ),
})

#: The system libraries Qt's ``xcb`` platform loads on Linux beyond those
#: every desktop has, with the Debian/Ubuntu package that provides each.
#: (Measured with ``ldd`` on the plugin, ``libQt6XcbQpa`` and the Qt
#: libraries the app uses.)
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
}

#: Platforms that need no display (tests, screenshots, remote desktops of Qt's own).
_HEADLESS = {"offscreen", "minimal", "vnc", "linuxfb", "eglfs", "minimalegl", "vkkhrdisplay"}


def _uses_xcb_libraries() -> bool:
    return sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))


def _can_load(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_libraries(can_load: Callable[[str], bool] = _can_load) -> list[str]:
    """The ``xcb`` libraries this machine cannot load (none off Linux/BSD)."""
    if not _uses_xcb_libraries():
        return []
    return [soname for soname in XCB_LIBRARIES if not can_load(soname)]


def missing_packages(can_load: Callable[[str], bool] = _can_load) -> list[str]:
    return sorted({XCB_LIBRARIES[soname] for soname in missing_libraries(can_load)})


def requested_platform(environ: dict[str, str] | None = None) -> str:
    """The platform Qt will try first: ``QT_QPA_PLATFORM`` (its first entry,
    without options) or, when unset, the one Qt picks for this session."""
    environ = os.environ if environ is None else environ
    value = environ.get("QT_QPA_PLATFORM", "").strip()
    if value:
        return value.split(";")[0].split(":")[0].strip()
    if not _uses_xcb_libraries():
        return ""  # cocoa / windows: always there
    if environ.get("WAYLAND_DISPLAY") and not environ.get("DISPLAY"):
        return "wayland"
    return "xcb"


def _plugin_names(plugin_dir: Path) -> list[str]:
    """Platform names from plugin files: ``libqxcb.so``, ``qwindows.dll``,
    ``libqcocoa.dylib`` → xcb, windows, cocoa."""
    names = []
    for path in sorted(plugin_dir.iterdir()) if plugin_dir.is_dir() else []:
        if path.suffix not in (".so", ".dylib", ".dll"):
            continue
        stem = path.name.split(".")[0]
        stem = stem[3:] if stem.startswith("lib") else stem
        if stem.startswith("q"):
            names.append(stem[1:])
    return names


def _platform_plugin_dir() -> Path:
    from .qt import QLibraryInfo  # QtCore only: no application is made here

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"


def _display_reachable(display: str) -> bool:
    """Connect to the X server with libxcb itself, as the plugin will."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True  # reported as a missing library instead
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return connection is not None and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection is not None:
            xcb.xcb_disconnect(connection)


def display_problem(environ: dict[str, str] | None = None,
                    can_load: Callable[[str], bool] = _can_load,
                    plugin_dir: Path | None = None,
                    reachable: Callable[[str], bool] = _display_reachable) -> UserError | None:
    """Why Qt would abort at start, as a sentence, or None when it can start."""
    environ = os.environ if environ is None else environ
    platform = requested_platform(environ)
    if not platform:
        return None
    plugin_dir = plugin_dir if plugin_dir is not None else _platform_plugin_dir()
    if plugin_dir is not None and plugin_dir.is_dir():
        available = _plugin_names(plugin_dir)
        # One plugin file can serve variants (libqwayland: wayland, wayland-egl, …).
        if not any(platform == name or platform.startswith(name + "-") for name in available):
            return UserError("startup.no_platform_plugin", name=platform, available=", ".join(available))
    if platform in _HEADLESS:
        return None
    if platform == "wayland":
        return None if environ.get("WAYLAND_DISPLAY") else UserError("startup.no_display")
    if platform != "xcb":
        return None
    display = environ.get("DISPLAY", "")
    if not display:
        return UserError("startup.no_display")
    missing = missing_libraries(can_load)
    if missing:
        packages = sorted({XCB_LIBRARIES[s] for s in missing})
        if _has_apt():
            return UserError("startup.missing_libraries_apt", libraries=", ".join(missing),
                             packages=" ".join(packages))
        return UserError("startup.missing_libraries", libraries=", ".join(missing))
    if not reachable(display):
        return UserError("startup.display_unreachable", display=display)
    return None


def _has_apt() -> bool:
    return any(Path(d, "apt-get").is_file() for d in os.environ.get("PATH", "/usr/bin").split(os.pathsep))


def main(argv: list[str] | None = None) -> int:
    """``--missing-packages``: the Debian packages to install (one line, may
    be empty); ``--check``: the sentence, exit 1, when no window can open."""
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--missing-packages"]:
        print(" ".join(missing_packages()))
        return 0
    if argv == ["--check"]:
        problem = display_problem()
        if problem is not None:
            print(problem.message(current_language()), file=sys.stderr)
            return 1
        return 0
    print("usage: python -m ent_portfolio.ui.display --missing-packages | --check", file=sys.stderr)
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
