"""Loading the demo campaign idempotently: every record is matched by its natural key before it is created."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.core.demo import data, records
from thidua_desktop.core.models import (
    AwardForm,
    AwardProposal,
    Base,
    Campaign,
    Evidence,
    Household,
    Person,
    Phase,
    Pledge,
    ProposalStatusChange,
    QualityRating,
    Target,
    Unit,
)
from thidua_desktop.core.services.catalogue import seed_catalogue
from thidua_desktop.core.storage.database import Database

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
            proposal = self.get_or_create(
                AwardProposal,
                {"campaign_id": campaign.id, "award_form_id": form.id, **subject},
                phase_id=phases[1].id,
                authority=form.authority,
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
        loader.proposals(campaign, phases, units, persons)
        return DemoSummary(campaign.id, loader.created)
