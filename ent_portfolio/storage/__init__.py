"""Where a portfolio's records and files live: SQLite, the evidence store, migrations."""
