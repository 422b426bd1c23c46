"""Pillow-based reading of evidence files: type sniffing by content, EXIF,
thumbnails, PDF page counts, and offline place names for GPS positions.
No Qt and no database here; :mod:`ent_portfolio.services.importer` uses it.

Importing the package loads none of it: a name is imported from its module
on first access, so a module that needs only :mod:`.sniff` or :mod:`.acceptance`
does not wait for Pillow, pypdf and the HEIF decoder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy_names import lazy_names

#: Each name of the package and the module that defines it.
_EXPORTS = {
    "PhotoInfo": "exif", "read_exif": "exif",
    "nearest_place": "geo", "place_name": "geo",
    "DEFAULT_MAX_FILE_BYTES": "probe", "Probe": "probe", "Refused": "probe", "probe_file": "probe",
    "thumbnail_of_file": "probe",
    "THUMBNAIL_SIZE": "render",
    "FileType": "sniff",
    "prune_thumbnails": "thumbs", "thumbnail_path": "thumbs",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_names(__name__, globals(), _EXPORTS)


if TYPE_CHECKING:  # pragma: no cover - for type checkers; "x as x" marks a re-export
    from .exif import PhotoInfo as PhotoInfo
    from .exif import read_exif as read_exif
    from .geo import nearest_place as nearest_place
    from .geo import place_name as place_name
    from .probe import DEFAULT_MAX_FILE_BYTES as DEFAULT_MAX_FILE_BYTES
    from .probe import Probe as Probe
    from .probe import Refused as Refused
    from .probe import probe_file as probe_file
    from .probe import thumbnail_of_file as thumbnail_of_file
    from .render import THUMBNAIL_SIZE as THUMBNAIL_SIZE
    from .sniff import FileType as FileType
    from .thumbs import prune_thumbnails as prune_thumbnails
    from .thumbs import thumbnail_path as thumbnail_path
