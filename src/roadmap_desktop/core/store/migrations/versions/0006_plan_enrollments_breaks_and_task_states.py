"""plan enrollments, breaks and task states

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 23:55:24.788438
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "plan_breaks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_breaks")),
    )
    op.create_table(
        "plan_enrollments",
        sa.Column("track_key", sa.String(length=128), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("weekdays", sa.String(length=32), nullable=False),
        sa.Column("minutes_per_day", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("track_key", name=op.f("pk_plan_enrollments")),
    )
    op.create_table(
        "plan_task_states",
        sa.Column("task_key", sa.String(length=128), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("done_day", sa.Date(), nullable=True),
        sa.Column("actual_minutes", sa.Integer(), nullable=True),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("pinned", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("task_key", name=op.f("pk_plan_task_states")),
    )
    with op.batch_alter_table("plan_task_states", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_task_states_done_day"), ["done_day"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("plan_task_states", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_task_states_done_day"))

    op.drop_table("plan_task_states")
    op.drop_table("plan_enrollments")
    op.drop_table("plan_breaks")
