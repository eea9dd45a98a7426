"""minutes of the meeting that considered a batch: times, place, chair, secretary, absent members

The Biên bản of a batch records the meeting as held (issue 11): the council's or the Party committee's meeting
times, place, who chaired and who took the minutes, and which members were absent (by name; the members are in the
settings). Existing batches get empty values, which the documents list as unknown before export.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 10:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ("meeting_start", sa.String(length=5)),
    ("meeting_end", sa.String(length=5)),
    ("meeting_place", sa.Text()),
    ("meeting_chair", sa.Text()),
    ("meeting_secretary", sa.Text()),
    ("absent_members", sa.Text()),
)


def upgrade() -> None:
    with op.batch_alter_table("proposal_batch", schema=None) as batch_op:
        for name, kind in COLUMNS:
            batch_op.add_column(sa.Column(name, kind, server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("proposal_batch", schema=None) as batch_op:
        for name, _kind in reversed(COLUMNS):
            batch_op.drop_column(name)
