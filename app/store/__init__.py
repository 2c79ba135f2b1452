"""SQLite through sqlite-utils: schema, migrations and queries. The only place with SQL."""
