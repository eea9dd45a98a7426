"""The Excel list of a proposal batch for the dossier: the colleague's proposal tally layout
(``exchange.export_tally``: header block, grouped rows, totals, signature), filled with the batch's proposals only
and with the columns the receiving office checks (position and unit, achievements, reward)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from thidua_desktop.core.enums import Side, SubjectType
from thidua_desktop.exchange.documents.batch import BatchInfo, items_for
from thidua_desktop.exchange.documents.builders import (
    DocumentData,
    award_groups,
    batch_parties,
    nominee_position,
    paper_summary,
    reward_amount,
    sorted_proposals,
    to_trinh_date,
)
from thidua_desktop.exchange.export_tally import Column, GroupRow, Tally, TallyKind, roman, write_tally

SUBJECT_LABELS = {
    SubjectType.UNIT.value: "Tập thể",
    SubjectType.PERSON.value: "Cá nhân",
    SubjectType.HOUSEHOLD.value: "Hộ gia đình",
}


def batch_tally(data: DocumentData, batch: BatchInfo) -> Tally:
    settings = data.settings
    proposals = items_for(batch, "danh-sach")
    groups, totals = award_groups(data, proposals, batch)
    columns = [
        Column("STT", 5, "int"),
        Column("Tập thể, cá nhân được đề nghị", 30, "text"),
        Column("Đối tượng", 11, "center"),
        Column("Chức vụ, đơn vị công tác", 32, "text"),
        Column("Hình thức khen thưởng", 28, "text"),
        Column("Tóm tắt thành tích", 44, "text"),
        Column("Số tiền thưởng (đồng)", 16, "int", total="sum"),
    ]
    phase = data.phase(batch.phase_number)
    subtitle = [f"Phong trào: {data.campaign.name}"]
    if phase is not None:
        subtitle.append(f"Giai đoạn {phase.number}: {phase.name}".rstrip(": "))
    subtitle.append(f"Cấp quyết định: {settings.authority_name(batch.authority)}")
    if batch.is_draft:
        subtitle.append("DỰ THẢO")
    tally = Tally(
        TallyKind.PROPOSALS,
        "Danh sách đề nghị",
        "Danh sách đề nghị khen thưởng",
        subtitle,
        columns,
        total_label=f"Tổng cộng: {totals.text}",
    )
    current = ""
    number = 0
    group_index = 0
    for proposal in sorted_proposals(data, proposals):
        if proposal.award_name != current:
            current = proposal.award_name
            group_index += 1
            number = 0
            group = groups[group_index - 1]
            tally.rows.append(GroupRow(roman(group_index), f"{group.name} ({group.count_text})"))
        number += 1
        amount = reward_amount(data, proposal, batch)
        tally.rows.append(
            [
                number,
                proposal.subject_name,
                SUBJECT_LABELS[proposal.subject_type],
                nominee_position(data, proposal),
                proposal.award_name,
                paper_summary(batch, proposal),
                amount if amount is not None else "",
            ]
        )
    return tally


def write_batch_list(data: DocumentData, batch: BatchInfo, path: Path) -> int:
    """Write the batch's Excel list to ``path``; returns the number of proposals. It carries the header and the
    signer of the Word Danh sách (the council or the UBND for a State batch, the Đảng ủy for a Party one)."""
    party, recipient = batch_parties(data, batch, "Danh sách đề nghị khen thưởng (Excel)")
    state = party.side == Side.STATE
    settings = data.settings
    if state:
        settings = dataclasses.replace(
            settings,
            superior_party_organization=party.superior,
            committee_name=party.issuer,
            signatory_on_behalf=party.signature.on_behalf,
            signatory_title=party.signature.title,
            signatory_name=party.signature.name,
            superior_party_committee=recipient,
            organization_board_name="VT",
        )
    return write_tally(batch_tally(data, batch), path, settings, when=to_trinh_date(data, batch), state=state)
