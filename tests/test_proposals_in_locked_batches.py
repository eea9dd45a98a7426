"""Bug: the proposals tab could move an item of a sent batch (e.g. rejected → draft) outside the batch workflow."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.models import AwardProposal, ProposalBatch
from thidua_desktop.core.services import batches, catalogue, persons, proposals
from thidua_desktop.core.services.proposals import ProposalRecord
from thidua_desktop.core.storage.database import Database


@pytest.fixture
def sent_item(demo_db: Database) -> int:
    person = next(p for p in persons.list_persons(demo_db) if p.full_name == "Võ Minh Tuấn")
    form = catalogue.award_form_by_code(demo_db, "GK_CT_UBND_PHUONG")
    proposal = proposals.save_proposal(
        demo_db,
        ProposalRecord(campaign_id=1, award_form_id=form.id, subject_type="person", subject_id=person.id),
    )
    batch = batches.create_batch(demo_db, 1, None, "ward_chairman")
    with demo_db.session() as session:
        session.execute(update(ProposalBatch).where(ProposalBatch.id == batch.id).values(status="sent"))
        session.execute(
            update(AwardProposal)
            .where(AwardProposal.id == proposal.id)
            .values(batch_id=batch.id, status="rejected")
        )
    assert proposal.id is not None
    return proposal.id


def test_status_of_an_item_in_a_sent_batch_cannot_change_outside_the_batch(
    demo_db: Database, sent_item: int
) -> None:
    with pytest.raises(ValidationError, match="đợt trình đã gửi"):
        proposals.change_status(demo_db, sent_item, "draft")
    assert proposals.get_proposal(demo_db, sent_item).status == "rejected"


def test_item_in_a_sent_batch_cannot_be_edited_or_deleted(demo_db: Database, sent_item: int) -> None:
    record = proposals.get_proposal(demo_db, sent_item)
    record.achievement_summary = "Sửa sau khi gửi"
    with pytest.raises(ValidationError, match="đợt trình đã gửi"):
        proposals.save_proposal(demo_db, record)
    with pytest.raises(ValidationError, match="đợt trình đã gửi"):
        proposals.delete_proposal(demo_db, sent_item)
    assert proposals.get_proposal(demo_db, sent_item).achievement_summary == ""


def test_the_lock_follows_the_batch_workflow_states() -> None:
    assert proposals.LOCKED_BATCH_STATUSES == batches.LOCKED
