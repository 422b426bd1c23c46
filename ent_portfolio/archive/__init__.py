"""The portfolio archive (``.entp``): every record and evidence file in one zip,
for moving a portfolio between machines and for backups."""

from .exchange import ArchiveSummary, check_archive, export_archive, import_archive, read_archive_document

__all__ = ["export_archive", "import_archive", "read_archive_document", "check_archive", "ArchiveSummary"]
