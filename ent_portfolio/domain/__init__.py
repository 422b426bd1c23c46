"""Domain records, vocabularies and rules that need nothing but Python and SQLAlchemy."""
