"""EnT Portfolio: community-engagement records and promotion dossiers for Thai lecturers."""

__version__ = "0.1.0"
