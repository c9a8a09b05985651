"""rendered html kept for export

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 23:24:34.443093
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("export_digest", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("export_front_html", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("export_back_html", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.drop_column("export_back_html")
        batch_op.drop_column("export_front_html")
        batch_op.drop_column("export_digest")
