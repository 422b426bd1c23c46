"""Pillow-based reading of evidence files: type sniffing by content, EXIF,
thumbnails, PDF page counts, and offline place names for GPS positions.
No Qt and no database here; :mod:`ent_portfolio.services.importer` uses it."""

from .exif import PhotoInfo, read_exif
from .geo import nearest_place, place_name
from .probe import DEFAULT_MAX_FILE_BYTES, Probe, Refused, probe_file, thumbnail_of_file
from .render import THUMBNAIL_SIZE
from .sniff import FileType
from .thumbs import prune_thumbnails, thumbnail_path

__all__ = [
    "DEFAULT_MAX_FILE_BYTES", "FileType", "PhotoInfo", "Probe", "Refused", "THUMBNAIL_SIZE",
    "nearest_place", "place_name", "probe_file", "prune_thumbnails", "read_exif",
    "thumbnail_of_file", "thumbnail_path",
]
