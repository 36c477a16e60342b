# Jobs keep a log of their warnings and errors (a fallback to another backend, a retried step).
#
# Revision ID: 0002
# Revises: 0001
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('generation_jobs') as b: b.add_column(sa.Column('log', sa.JSON(), server_default='[]', nullable=False))
