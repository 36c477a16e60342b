# Alembic's environment for videogen: migrations run on the connection `videogen.db.migrate` hands in.
from alembic import context

from videogen.db import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
