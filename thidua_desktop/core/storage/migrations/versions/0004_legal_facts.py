"""facts the law needs: grassroots Party organizations, hire dates, who imposed a discipline

* ``unit.is_grassroots``: whether a Party organization is a grassroots one (chi bộ cơ sở) or a chi bộ under a
  grassroots đảng ủy; it decides who signs the yearly Party Giấy khen (Quy định 294-QĐ/TW).
* ``person.hire_date``: newcomers of less than 6 months are not rated for LĐTT/CSTĐCS (TT 01/2024/TT-BNV).
* ``discipline.system``: a Party or a State discipline; only a Party one delays the badge (Quy định 24-QĐ/TW).
  Existing rows are filled where the form tells (khai trừ is a Party discipline; hạ bậc lương, giáng chức,
  buộc thôi việc are State ones) and left empty otherwise, for the user to record.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.add_column(sa.Column("is_grassroots", sa.Boolean(), nullable=True))
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hire_date", sa.Date(), nullable=True))
    with op.batch_alter_table("discipline", schema=None) as batch_op:
        batch_op.add_column(sa.Column("system", sa.String(length=10), nullable=True))
    op.execute("UPDATE discipline SET system = 'party' WHERE form = 'expulsion'")
    op.execute(
        "UPDATE discipline SET system = 'state' WHERE form IN ('demotion', 'downgrade', 'forced_resignation')"
    )


def downgrade() -> None:
    with op.batch_alter_table("discipline", schema=None) as batch_op:
        batch_op.drop_column("system")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_column("hire_date")
    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_column("is_grassroots")
