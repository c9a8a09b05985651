"""exercise attempts and progress

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 23:09:37.857325
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "exercise_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=128), nullable=False),
        sa.Column("ran_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("passed", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("hints_revealed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise_attempts")),
    )
    with op.batch_alter_table("exercise_attempts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exercise_attempts_slug"), ["slug"], unique=False)

    op.create_table(
        "exercise_progress",
        sa.Column("slug", sa.String(length=128), nullable=False),
        sa.Column("hints_revealed", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_status", sa.String(length=16), nullable=True),
        sa.Column("solved_at", sa.DateTime(), nullable=True),
        sa.Column("solution_shown", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_exercise_progress")),
    )


def downgrade() -> None:
    op.drop_table("exercise_progress")
    with op.batch_alter_table("exercise_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercise_attempts_slug"))

    op.drop_table("exercise_attempts")
