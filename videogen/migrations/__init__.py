# The database's Alembic migrations: `videogen.db.migrate` runs them with Alembic's own upgrade.
