"""review state, user edits and deck limits

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 22:50:06.284958
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_front", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("user_back", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("user_deck", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("user_tags", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("drill_day", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("last_answered_at", sa.DateTime(), nullable=True))
        batch_op.drop_index(batch_op.f("ix_cards_deck_due"))
        batch_op.drop_index(batch_op.f("ix_cards_due"))
        batch_op.create_index(batch_op.f("ix_cards_drill_day"), ["drill_day"], unique=False)
        batch_op.create_index(
            "ix_cards_queue",
            ["due", "deck_id", "suspended", "retired_at", "buried_until"],
            unique=False,
        )

    with op.batch_alter_table("decks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("new_per_day", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reviews_per_day", sa.Integer(), nullable=True))

    with op.batch_alter_table("review_log", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("was_new", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("reps_before", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("lapses_before", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("due_before", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("drill_day_before", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("last_answered_before", sa.DateTime(), nullable=True))
        batch_op.create_index(
            "ix_review_log_day_kind", ["study_day", "kind", "was_new"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("review_log", schema=None) as batch_op:
        batch_op.drop_index("ix_review_log_day_kind")
        batch_op.drop_column("last_answered_before")
        batch_op.drop_column("drill_day_before")
        batch_op.drop_column("due_before")
        batch_op.drop_column("lapses_before")
        batch_op.drop_column("reps_before")
        batch_op.drop_column("was_new")

    with op.batch_alter_table("decks", schema=None) as batch_op:
        batch_op.drop_column("reviews_per_day")
        batch_op.drop_column("new_per_day")

    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.drop_index("ix_cards_queue")
        batch_op.drop_index(batch_op.f("ix_cards_drill_day"))
        batch_op.create_index(batch_op.f("ix_cards_due"), ["due"], unique=False)
        batch_op.create_index(batch_op.f("ix_cards_deck_due"), ["deck_id", "due"], unique=False)
        batch_op.drop_column("last_answered_at")
        batch_op.drop_column("drill_day")
        batch_op.drop_column("user_tags")
        batch_op.drop_column("user_deck")
        batch_op.drop_column("user_back")
        batch_op.drop_column("user_front")
