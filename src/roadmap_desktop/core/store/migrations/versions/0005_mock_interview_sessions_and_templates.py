"""mock interview sessions and templates

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 23:46:12.087610
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mock_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("prompt_key", sa.String(length=128), nullable=False),
        sa.Column("prompt_title", sa.String(length=255), nullable=False),
        sa.Column("template", sa.Text(), nullable=False),
        sa.Column("timer", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("checked", sa.JSON(), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("comments", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mock_sessions")),
    )
    with op.batch_alter_table("mock_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mock_sessions_prompt_key"), ["prompt_key"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_mock_sessions_status"), ["status"], unique=False)

    op.create_table(
        "mock_templates",
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("template", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_mock_templates")),
    )


def downgrade() -> None:
    op.drop_table("mock_templates")
    with op.batch_alter_table("mock_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mock_sessions_status"))
        batch_op.drop_index(batch_op.f("ix_mock_sessions_prompt_key"))

    op.drop_table("mock_sessions")
