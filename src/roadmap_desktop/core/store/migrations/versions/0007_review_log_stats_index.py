"""review log covering index for statistics

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 00:50:00.000000

The Stats view's per-day series, retention and answer times read grade, interval and answer
time for every answer in a period; with this index they are answered from the index alone
(measured at 1,000,000 log rows: retention over 30 days 483 -> 102 ms, answer time 335 ->
41 ms). card_id is included so a deck filter can be checked without reading the rows.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ["study_day", "card_id", "kind", "was_new", "interval_before", "grade", "answer_ms"]


def upgrade() -> None:
    with op.batch_alter_table("review_log", schema=None) as batch_op:
        batch_op.create_index("ix_review_log_stats", COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("review_log", schema=None) as batch_op:
        batch_op.drop_index("ix_review_log_stats")
