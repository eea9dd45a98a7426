"""Loading the demo campaign idempotently: every record is matched by its natural key before it is created."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.core.demo import data, records
from thidua_desktop.core.enums import ProposalStatus
from thidua_desktop.core.models import (
    AwardForm,
    AwardProposal,
    Base,
    BatchStatusChange,
    Campaign,
    Evidence,
    Household,
    Person,
    Phase,
    Pledge,
    ProposalBatch,
    ProposalStatusChange,
    QualityRating,
    Setting,
    Target,
    Unit,
)
from thidua_desktop.core.rules import law
from thidua_desktop.core.services.catalogue import seed_catalogue
from thidua_desktop.core.services.decisions import move, record_decision
from thidua_desktop.core.settings_schema import OrganizationSettings
from thidua_desktop.core.storage.database import Database

TEXT_KEYS = frozenset(f.name for f in dataclasses.fields(OrganizationSettings) if f.type in (str, "str"))

M = TypeVar("M", bound=Base)

STATUS_PATH = {
    "draft": [],
    "submitted": ["submitted"],
    "approved": ["submitted", "approved"],
}


@dataclass
class DemoSummary:
    campaign_id: int
    created: int


class _Loader:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.created = 0

    def get_or_create(self, model: type[M], key: dict[str, Any], **values: Any) -> M:
        row = self.session.scalar(select(model).filter_by(**key))
        if row is None:
            row = model(**key, **values)
            self.session.add(row)
            self.session.flush()
            self.created += 1
        return row

    def units(self) -> dict[str, Unit]:
        found: dict[str, Unit] = {}
        for order, (name, short, kind, party, parent, members, women) in enumerate(data.UNITS):
            found[name] = self.get_or_create(
                Unit,
                {"name": name},
                short_name=short,
                kind=kind,
                is_party_org=party,
                parent_id=found[parent].id if parent else None,
                sort_order=order,
                member_count=members,
                female_count=women,
            )
        return found

    def persons(self, units: dict[str, Unit]) -> dict[str, Person]:
        found: dict[str, Person] = {}
        for name, gender, birth, unit, position, category, joined, official, card in data.PERSONS:
            found[name] = self.get_or_create(
                Person,
                {"full_name": name, "birth_date": birth},
                gender=gender,
                unit_id=units[unit].id,
                position=position,
                category=category,
                is_party_member=joined is not None,
                party_join_date=joined,
                party_official_date=official,
                party_card_number=card,
            )
        return found

    def households(self, units: dict[str, Unit]) -> None:
        for head, address, group, members in data.HOUSEHOLDS:
            self.get_or_create(
                Household,
                {"head_name": head, "address": address},
                residential_group_id=units[group].id,
                member_count=members,
            )

    def campaign(self) -> tuple[Campaign, dict[int, Phase]]:
        values = dict(data.CAMPAIGN)
        campaign = self.get_or_create(
            Campaign, {"plan_reference": values.pop("plan_reference"), "name": values.pop("name")}, **values
        )
        phases: dict[int, Phase] = {}
        for phase in data.PHASES:
            values = dict(phase)
            number = int(values.pop("number"))  # type: ignore[call-overload]
            phases[number] = self.get_or_create(
                Phase, {"campaign_id": campaign.id, "number": number}, **values
            )
        return campaign, phases

    def pledge(self, campaign: Campaign, subject: dict[str, int], title: str, content: str) -> Pledge:
        return self.get_or_create(
            Pledge,
            {"campaign_id": campaign.id, **subject},
            title_code=title,
            content=content,
            pledge_date=date(2024, 9, 20),
            source="manual",
        )

    def targets(self, pledge: Pledge, phases: dict[int, Phase], items: list[Any]) -> None:
        for order, (content, value, measure, deadline, phase) in enumerate(items):
            self.get_or_create(
                Target,
                {"pledge_id": pledge.id, "content": content, "deadline": deadline},
                target_value=value,
                unit_of_measure=measure,
                phase_id=phases[phase].id,
                sort_order=order,
            )

    def pledges(
        self, campaign: Campaign, phases: dict[int, Phase], units: dict[str, Unit], persons: dict[str, Person]
    ) -> None:
        for unit, title, content, items in data.UNIT_PLEDGES:
            self.targets(self.pledge(campaign, {"unit_id": units[unit].id}, title, content), phases, items)
        for chi_bo in data.CHI_BO:
            pledge = self.pledge(
                campaign,
                {"unit_id": units[chi_bo].id},
                "XL_HTXSNV",
                "Xây dựng «chi bộ bốn tốt»; vận động nhân dân thực hiện tốt các phong trào thi đua",
            )
            self.targets(pledge, phases, data.CHI_BO_TARGETS)
        for name, title in data.PERSON_PLEDGES:
            self.pledge(
                campaign,
                {"person_id": persons[name].id},
                title,
                "Hoàn thành xuất sắc nhiệm vụ được giao; gương mẫu trong thực hiện văn hóa công sở",
            )

    def results(self, campaign: Campaign, units: dict[str, Unit]) -> None:
        for unit, prefix, value, when, document, verified in data.RESULTS:
            pledge = self.session.scalar(
                select(Pledge).filter_by(campaign_id=campaign.id, unit_id=units[unit].id)
            )
            assert pledge is not None
            target = next(t for t in pledge.targets if t.content.startswith(prefix))
            self.get_or_create(
                Evidence,
                {"target_id": target.id, "document_ref": document},
                pledge_id=pledge.id,
                achieved_value=value,
                achieved_date=when,
                status="verified" if verified else "unverified",
                verifier="Ban Tổ chức Đảng ủy" if verified else "",
                verified_date=date(2025, 5, 22) if verified else None,
                description=f"Kết quả thực hiện: {prefix.lower()}",
            )

    def ratings(self, persons: dict[str, Person]) -> None:
        for name, levels in data.RATINGS.items():
            for year, level in zip((2022, 2023, 2024), levels, strict=True):
                self.get_or_create(QualityRating, {"person_id": persons[name].id, "year": year}, level=level)

    def proposals(
        self, campaign: Campaign, phases: dict[int, Phase], units: dict[str, Unit], persons: dict[str, Person]
    ) -> None:
        for kind, name, code, summary, status in data.PROPOSALS:
            form = self.session.scalar(select(AwardForm).filter_by(code=code))
            assert form is not None
            subject = {"unit_id": units[name].id} if kind == "unit" else {"person_id": persons[name].id}
            before = self.created
            decider = law.decider_on(code, phases[1].review_date) if phases[1].review_date else None
            proposal = self.get_or_create(
                AwardProposal,
                {"campaign_id": campaign.id, "award_form_id": form.id, **subject},
                phase_id=phases[1].id,
                authority=decider.value if decider else form.authority,
                achievement_summary=summary,
                status="draft",
            )
            if self.created == before:
                continue
            history = [
                ProposalStatusChange(
                    from_status=None,
                    to_status="draft",
                    changed_on=date(2025, 5, 22),
                    changed_by="Ban Tổ chức Đảng ủy",
                    note="Tạo đề nghị",
                )
            ]
            previous = "draft"
            for step in STATUS_PATH[status]:
                history.append(
                    ProposalStatusChange(
                        from_status=previous,
                        to_status=step,
                        changed_on=date(2025, 5, 26),
                        changed_by="Ban Tổ chức Đảng ủy",
                    )
                )
                previous = step
            proposal.history.extend(history)
            proposal.status = status

    def settings(self) -> None:
        """Signers and members the demo's papers name, unless the office has set them."""
        stored = {row.key: row for row in self.session.scalars(select(Setting))}
        for key, value in data.DEMO_SETTINGS.items():
            row = stored.get(key)
            if row is None:
                self.session.add(Setting(key=key, value=value))
            elif not row.value.strip():
                row.value = value

    def batches(self, campaign: Campaign, phases: dict[int, Phase]) -> None:
        """One stored batch per deciding body of phase 1, taken through its meeting (the council's secret ballot,
        or the Party committee's own decision), approval, sending and decision, with dated history."""
        who = "Văn phòng HĐND và UBND phường"
        for spec in data.DEMO_BATCHES:
            before = self.created
            meeting = dict(spec.meeting)
            when = meeting.pop("meeting_date")
            batch = self.get_or_create(
                ProposalBatch,
                {"campaign_id": campaign.id, "name": spec.name},
                phase_id=phases[1].id,
                authority=spec.authority,
                document_number=spec.document_number,
                meeting_date=when,
                **meeting,
            )
            if self.created == before:
                continue
            batch.history.append(
                BatchStatusChange(
                    from_status=None, to_status="draft", changed_on=date(2025, 5, 22), changed_by=who
                )
            )
            self._items(batch, spec, when, who)
        self.session.flush()
        stored = {row.key: row.value for row in self.session.scalars(select(Setting))}
        settings = dataclasses.replace(
            OrganizationSettings(), **{k: v for k, v in stored.items() if k in TEXT_KEYS}
        )
        for spec in data.DEMO_BATCHES:
            self._decide(spec, settings, who)

    def _proposal(self, name: str, code: str) -> AwardProposal:
        form = self.session.scalar(select(AwardForm).filter_by(code=code))
        assert form is not None
        person = self.session.scalar(select(Person).filter_by(full_name=name))
        query = select(AwardProposal).filter_by(award_form_id=form.id)
        if person is not None:
            query = query.filter_by(person_id=person.id)
        else:
            unit = self.session.scalar(select(Unit).filter_by(name=name))
            assert unit is not None
            query = query.filter_by(unit_id=unit.id)
        row = self.session.scalar(query)
        assert row is not None, f"demo proposal {name} / {code}"
        return row

    def _items(self, batch: ProposalBatch, spec: data.DemoBatch, when: date, who: str) -> None:
        party = law.side_of_authority(spec.authority) == "party"
        members = batch.council_members or 0
        for name, code, votes in spec.items:
            row = self._proposal(name, code)
            row.batch_id = batch.id
            row.authority = batch.authority
            if party or votes is None:
                move(row, ProposalStatus.SUBMITTED, when, who, "Trình cấp ủy, Ban Thường vụ xem xét")
                continue
            row.votes_for = votes
            share = f"{votes}/{members} phiếu đồng ý"
            ok = votes >= 0.8 * members if code == "CSTDCS" else votes > 0.5 * members
            if ok:
                move(row, ProposalStatus.SUBMITTED, when, who, f"Hội đồng: {share}")
            else:
                move(row, ProposalStatus.REJECTED, when, who, f"Không đủ phiếu. Hội đồng: {share}")
        self.session.flush()
        self.session.refresh(batch)
        if not party:
            self._batch_step(
                batch,
                "voted",
                when,
                who,
                f"Họp Hội đồng ngày {when:%d/%m/%Y}: {batch.members_present}/{members} dự",
            )
        body = "Cấp ủy, Ban Thường vụ" if party else "Ban Thường vụ"
        for row in batch.proposals:
            if row.status == ProposalStatus.SUBMITTED:
                move(row, ProposalStatus.APPROVED, spec.approved, who, f"{body} duyệt")
        self._batch_step(batch, "approved", spec.approved, who, f"{body} duyệt danh sách")
        batch.approved_date = spec.approved
        if spec.sent is not None:
            day, number = spec.sent
            for row in batch.proposals:
                if row.status == ProposalStatus.APPROVED:
                    move(row, ProposalStatus.SENT, day, who, f"Gửi kèm tờ trình {number}")
            batch.document_number = number
            batch.sent_date = day
            self._batch_step(batch, "sent", day, who, f"Gửi tờ trình số {number}")

    @staticmethod
    def _batch_step(batch: ProposalBatch, to: str, on: date, who: str, note: str) -> None:
        batch.history.append(
            BatchStatusChange(
                from_status=batch.status, to_status=to, changed_on=on, changed_by=who, note=note
            )
        )
        batch.status = to

    def _decide(self, spec: data.DemoBatch, settings: OrganizationSettings, who: str) -> None:
        if spec.decision is None:
            return
        number, day, signer = spec.decision
        batch = self.session.scalar(select(ProposalBatch).filter_by(name=spec.name))
        assert batch is not None
        for row in list(batch.proposals):
            if row.status in (ProposalStatus.APPROVED, ProposalStatus.SENT):
                record_decision(self.session, row, number, day, signer, who, settings)


def load_demo(db: Database) -> DemoSummary:
    """Load the seed plan as a campaign with units, people, pledges, results and proposals. Safe to repeat."""
    with db.session() as session:
        seed_catalogue(session)
        loader = _Loader(session)
        units = loader.units()
        persons = loader.persons(units)
        loader.households(units)
        campaign, phases = loader.campaign()
        loader.pledges(campaign, phases, units, persons)
        session.flush()
        session.expire_all()
        loader.results(campaign, units)
        loader.ratings(persons)
        records.load_records(session, loader.get_or_create)
        loader.settings()
        loader.proposals(campaign, phases, units, persons)
        session.flush()
        loader.batches(campaign, phases)
        return DemoSummary(campaign.id, loader.created)
