"""A faculty's database: its lecturers' archives gathered into one SQLite
file or a PostgreSQL server, each lecturer's records apart (ids remapped
per lecturer), what a dossier would withhold kept out (:mod:`.load`), and
the faculty's own bookkeeping tables beside the lecturer schema
(:mod:`.models`, migrated by :mod:`.database`)."""
