"""Context builders: from the services to the plain dicts the templates print.

``DocumentData`` loads what the documents of one campaign need once (settings, units, people, pledges with their
targets and evidence, proposals, the award catalogue, ratings and prior awards) so that a dossier of hundreds of
nominees costs a handful of queries. Each ``build_*`` function returns a context dataclass of ``contexts.py``;
``as_dict`` turns it into the plain dict given to docxtpl.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from thidua_desktop.core.enums import (
    Authority,
    AwardKind,
    CampaignKind,
    EvidenceStatus,
    Gender,
    ProposalStatus,
    RatingLevel,
    ReviewKind,
    Side,
    SubjectType,
    UnitKind,
)
from thidua_desktop.core.errors import UserError
from thidua_desktop.core.rules import law, money
from thidua_desktop.core.rules.params import RuleParams, load_rule_params
from thidua_desktop.core.rules.quota import quorum_met
from thidua_desktop.core.services.campaigns import CampaignRecord, PhaseRecord, get_campaign
from thidua_desktop.core.services.catalogue import AwardFormRecord, list_award_forms
from thidua_desktop.core.services.evidence import EvidenceRecord, list_evidence
from thidua_desktop.core.services.households import HouseholdRecord, list_households
from thidua_desktop.core.services.persons import PersonRecord, list_persons
from thidua_desktop.core.services.pledges import PledgeRecord, TargetRecord, list_pledges
from thidua_desktop.core.services.proposals import ProposalRecord, list_proposals
from thidua_desktop.core.services.records import list_initiatives
from thidua_desktop.core.services.settings import load_settings
from thidua_desktop.core.services.units import UnitRecord, list_units
from thidua_desktop.core.settings_schema import SETTING_LABELS, Member, OrganizationSettings, members_of
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import (
    format_date,
    format_long_date,
    format_number,
    format_percent,
    name_sort_key,
    vietnamese_key,
)
from thidua_desktop.exchange.documents import history
from thidua_desktop.exchange.documents.batch import BatchInfo, items_for
from thidua_desktop.exchange.documents.contexts import (
    AchievementContext,
    AwardGroup,
    AwardHistoryRow,
    BatchContext,
    BienBanContext,
    CampaignInfo,
    CommonContext,
    DanhSachContext,
    Header,
    NomineeRow,
    NomineeSection,
    PledgeContext,
    ProposalRow,
    QuyetDinhContext,
    ReviewContext,
    Signature,
    SubjectInfo,
    TargetGroup,
    TargetRow,
    Totals,
    ToTrinhContext,
    UnitResultRow,
    VoteRow,
)
from thidua_desktop.exchange.documents.format_rules import rules_for
from thidua_desktop.exchange.documents.metrics import break_name
from thidua_desktop.exchange.documents.words import amount_in_words

BLANK_NUMBER = "\u00a0" * 6
"""Where the number of a document not yet issued goes: blank, for the clerk to fill in."""
DOTS = "……"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")
PARTY_AUTHORITIES = frozenset(
    {Authority.PARTY_COMMITTEE, Authority.PARTY_STANDING, Authority.SUPERIOR_PARTY_STANDING}
)
ADMIN_WORDS = ("phường", "xã", "thị trấn", "đặc khu")
HEAD_WORDS = ("bí thư", "chủ tịch", "trưởng", "chỉ huy trưởng", "tổ trưởng", "giám đốc")
SECTION_TITLES = {
    SubjectType.UNIT.value: "Tập thể",
    SubjectType.PERSON.value: "Cá nhân",
    SubjectType.HOUSEHOLD.value: "Hộ gia đình",
}
SUBJECT_WORDS = {
    SubjectType.UNIT.value: "tập thể",
    SubjectType.PERSON.value: "cá nhân",
    SubjectType.HOUSEHOLD.value: "hộ gia đình",
}
CAMPAIGN_WORDS = {
    CampaignKind.DRIVE.value: "đợt thi đua cao điểm",
    CampaignKind.THEMATIC.value: "phong trào thi đua chuyên đề",
    CampaignKind.ANNUAL.value: "phong trào thi đua",
}


def as_dict(context: CommonContext) -> dict[str, Any]:
    """The plain dict handed to the template."""
    return dataclasses.asdict(context)


def count_text(n: int) -> str:
    """Counts the way official papers write them: "01", "12"."""
    return f"{n:02d}"


def subject_counts(counter: Counter[str]) -> str:
    """ "01 tập thể, 02 cá nhân"."""
    parts = [
        f"{count_text(counter[kind])} {SUBJECT_WORDS[kind]}"
        for kind in (SubjectType.UNIT.value, SubjectType.PERSON.value, SubjectType.HOUSEHOLD.value)
        if counter.get(kind)
    ]
    return ", ".join(parts) if parts else "00"


def sentence(text: str) -> str:
    """Text ending with a full stop, as a line of an official paper does."""
    text = text.strip()
    if text and text[-1] not in '.!?:;)»"':
        text += "."
    return text


def _upper(text: str) -> str:
    return text.upper()


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:] if text else ""


def _cited(number: str) -> str:
    """ "Số: 05/TTr-HĐTĐKT" as cited in a sentence: "số 05/TTr-HĐTĐKT"."""
    return _first_lower(number).replace("số: ", "số ", 1)


def _month_year(value: date | None) -> str:
    return f"{value.month}/{value.year}" if value else ""


def _value_text(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    decimals = 0 if float(value).is_integer() else 1
    number = format_number(value, decimals)
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def _body_kind(state_body_name: str) -> str:
    """ "Ủy ban nhân dân" of "Ủy ban nhân dân phường Nguyễn Nghiêm"."""
    lower = state_body_name.lower()
    for word in ADMIN_WORDS:
        index = lower.find(" " + word + " ")
        if index > 0:
            return state_body_name[:index]
    return state_body_name


def _place_part(state_body_name: str) -> str:
    """ "phường Nguyễn Nghiêm" of "Ủy ban nhân dân phường Nguyễn Nghiêm"."""
    kind = _body_kind(state_body_name)
    return state_body_name[len(kind) :].strip()


class MissingSettingError(UserError):
    """A document would go out without a name that belongs in it (a signer): names the setting to fill."""

    def __init__(self, setting: str, document: str) -> None:
        label = SETTING_LABELS.get(setting, setting)
        super().__init__(
            f"Chưa có «{label}» trong Thiết lập cơ quan: {document} cần tên người ký. Vào Tệp → Thiết lập cơ "
            "quan… để nhập, rồi lập lại văn bản."
        )
        self.setting = setting


def signer_name(settings: OrganizationSettings, setting: str, document: str = "văn bản") -> str:
    """The signer's name from the settings — the one source every paper uses; refused when it is empty."""
    name = str(getattr(settings, setting)).strip()
    if not name:
        raise MissingSettingError(setting, document)
    return name


@dataclass
class Party:
    """Who issues and signs a document."""

    side: Side
    superior: str
    issuer: str
    issuer_name: str
    signature: Signature


class DocumentData:
    """What the documents of one campaign need, loaded once through the services."""

    def __init__(self, db: Database, campaign_id: int, on: date | None = None) -> None:
        self.db = db
        self.campaign_id = campaign_id
        self.on = on or date.today()

    @cached_property
    def settings(self) -> OrganizationSettings:
        return load_settings(self.db)

    @cached_property
    def campaign(self) -> CampaignRecord:
        return get_campaign(self.db, self.campaign_id)

    @cached_property
    def units(self) -> dict[int, UnitRecord]:
        return {u.id: u for u in list_units(self.db) if u.id is not None}

    @cached_property
    def persons(self) -> dict[int, PersonRecord]:
        return {p.id: p for p in list_persons(self.db) if p.id is not None}

    @cached_property
    def households(self) -> dict[int, HouseholdRecord]:
        return {h.id: h for h in list_households(self.db) if h.id is not None}

    @cached_property
    def params(self) -> RuleParams:
        return load_rule_params(self.db)

    @cached_property
    def pledges(self) -> list[PledgeRecord]:
        return list_pledges(self.db, self.campaign_id)

    @cached_property
    def pledges_by_subject(self) -> dict[tuple[str, int], list[PledgeRecord]]:
        found: dict[tuple[str, int], list[PledgeRecord]] = {}
        for pledge in self.pledges:
            if pledge.subject_id is not None:
                found.setdefault((pledge.subject_type, pledge.subject_id), []).append(pledge)
        return found

    @cached_property
    def evidence(self) -> list[EvidenceRecord]:
        return list_evidence(self.db, self.campaign_id)

    @cached_property
    def evidence_by_target(self) -> dict[int, list[EvidenceRecord]]:
        found: dict[int, list[EvidenceRecord]] = {}
        for item in self.evidence:
            if item.target_id is not None:
                found.setdefault(item.target_id, []).append(item)
        return found

    @cached_property
    def evidence_by_pledge(self) -> dict[int, list[EvidenceRecord]]:
        found: dict[int, list[EvidenceRecord]] = {}
        for item in self.evidence:
            if item.pledge_id is not None:
                found.setdefault(item.pledge_id, []).append(item)
        return found

    @cached_property
    def proposals(self) -> list[ProposalRecord]:
        return list_proposals(self.db, self.campaign_id)

    @cached_property
    def forms(self) -> dict[str, AwardFormRecord]:
        return {f.code: f for f in list_award_forms(self.db)}

    @cached_property
    def form_order(self) -> dict[str, int]:
        return {code: index for index, code in enumerate(self.forms)}

    @cached_property
    def ratings(self) -> dict[tuple[str, int], list[history.RatingEntry]]:
        return history.ratings_by_subject(self.db)

    @cached_property
    def initiatives(self) -> dict[tuple[str, int], list[AwardHistoryRow]]:
        """Each person's recognised initiatives (the CSTĐCS criterion), oldest first."""
        found: dict[tuple[str, int], list[AwardHistoryRow]] = {}
        for item in sorted(
            list_initiatives(self.db), key=lambda i: (i.recognized_date or date.min, i.id or 0)
        ):
            row = AwardHistoryRow(
                year=str(item.recognized_date.year) if item.recognized_date else "",
                name=f"{item.title} ({item.level_label})",
                decision=item.decision_ref
                or (format_date(item.recognized_date) if item.recognized_date else ""),
            )
            for author in item.author_ids:
                found.setdefault((SubjectType.PERSON.value, author), []).append(row)
        return found

    @cached_property
    def prior_awards(self) -> dict[tuple[str, int], list[history.PriorAwardEntry]]:
        return history.prior_awards_by_subject(self.db)

    # --- lookups -----------------------------------------------------------------------------------------

    def phase(self, number: int | None) -> PhaseRecord | None:
        if number is None:
            return None
        return next((p for p in self.campaign.phases if p.number == number), None)

    def evidence_for(self, subject_type: str, subject_id: int) -> list[EvidenceRecord]:
        """Evidence (not rejected) that the subject's pledges in this campaign cite."""
        found: list[EvidenceRecord] = []
        seen: set[int] = set()
        for pledge in self.pledges_by_subject.get((subject_type, subject_id), []):
            items = list(self.evidence_by_pledge.get(pledge.id or 0, []))
            for target in pledge.targets:
                items.extend(self.evidence_by_target.get(target.id or 0, []))
            for item in items:
                if item.id in seen or item.status == EvidenceStatus.REJECTED:
                    continue
                seen.add(item.id or 0)
                found.append(item)
        return found

    def unit_head(self, unit_id: int | None) -> PersonRecord | None:
        """The person who heads a unit, guessed from the positions of its people."""
        if unit_id is None:
            return None
        people = [p for p in self.persons.values() if p.unit_id == unit_id and p.position]
        for word in HEAD_WORDS:
            for person in people:
                position = person.position.lower()
                if position.startswith(word) and "phó" not in position.split(",")[0]:
                    return person
        return None

    def form_side(self, code: str) -> Side | None:
        form = self.forms.get(code)
        return Side(form.side) if form else None


# --- shared parts -------------------------------------------------------------------------------------------


def campaign_info(data: DocumentData, phase: PhaseRecord | None = None) -> CampaignInfo:
    campaign = data.campaign
    period = ""
    if campaign.start_date and campaign.end_date:
        period = f"từ tháng {_month_year(campaign.start_date)} đến tháng {_month_year(campaign.end_date)}"
    phase_name = ""
    if phase is not None:
        phase_name = f"Giai đoạn {phase.number}" + (f": {_first_lower(phase.name)}" if phase.name else "")
    return CampaignInfo(
        name=campaign.name,
        theme=campaign.theme,
        slogans=[line.strip() for line in campaign.slogans.splitlines() if line.strip()],
        plan_reference=campaign.plan_reference,
        period=period,
        kind_text=CAMPAIGN_WORDS.get(campaign.kind, "phong trào thi đua"),
        phase_name=phase_name,
    )


def number_text(side: Side, code: str, suffix: str, number: str = "") -> str:
    """ "Số 12-TTr/ĐU" (Party, 36-HD/VPTW) or "Số: 12/TTr-UBND" (state, NĐ 30/2020)."""
    value = number.strip() or BLANK_NUMBER
    if side == Side.PARTY:
        return f"Số {value}-{code}/{suffix}"
    return f"Số: {value}/{code}-{suffix}"


def make_header(
    data: DocumentData, side: Side, superior: str, issuer: str, number: str, on: date | None = None
) -> Header:
    rules = rules_for(side)
    place = data.settings.place_name
    return Header(
        superior=break_name(_upper(superior), rules.header_left_mm, rules.superior_size, False)
        if superior
        else "",
        issuer=break_name(_upper(issuer), rules.header_left_mm, rules.issuer_size, True),
        number=number,
        place_date=format_long_date(on or data.on, place),
    )


def committee_party(data: DocumentData, document: str = "văn bản") -> Party:
    s = data.settings
    return Party(
        Side.PARTY,
        s.superior_party_organization,
        s.committee_name,
        s.committee_name,
        Signature(
            _upper(s.signatory_on_behalf),
            _upper(s.signatory_title),
            signer_name(s, "signatory_name", document),
        ),
    )


def state_party(data: DocumentData, document: str = "văn bản") -> Party:
    s = data.settings
    return Party(
        Side.STATE,
        "",
        s.state_body_name,
        s.state_body_name,
        Signature(
            f"TM. {_upper(_body_kind(s.state_body_name))}",
            _upper(s.state_signatory_title),
            signer_name(s, "state_signatory_name", document),
        ),
    )


def council_name(settings: OrganizationSettings) -> str:
    """The ward's Emulation and Commendation Council (chaired by the Chairman, Luật TĐKT 2022 Điều 80)."""
    return f"Hội đồng Thi đua - Khen thưởng {_place_part(settings.state_body_name)}".strip()


def batch_side(data: DocumentData, batch: BatchInfo) -> Side:
    authority = Authority(batch.authority)
    if authority in PARTY_AUTHORITIES:
        return Side.PARTY
    if authority == Authority.CENTRAL:
        sides = {data.form_side(p.award_code) for p in batch.proposals}
        return Side.PARTY if sides == {Side.PARTY} else Side.STATE
    return Side.STATE


def batch_parties(data: DocumentData, batch: BatchInfo, document: str = "văn bản") -> tuple[Party, str]:
    """(who issues the batch's papers, to whom they go). The ward's own council proposes to the ward chairman
    under its own name and symbol; the UBND proposes upward; the Party committee's papers are all the Đảng ủy's
    (Tờ trình, Biên bản and Quyết định name the same author)."""
    s = data.settings
    authority = Authority(batch.authority)
    side = batch_side(data, batch)
    if side == Side.PARTY:
        if authority in (Authority.PARTY_COMMITTEE, Authority.PARTY_STANDING):
            return board_party(data, document), s.authority_party_standing
        return committee_party(data, document), s.authority_name(authority)
    if authority == Authority.WARD_CHAIRMAN:
        return council_party(data, document), s.authority_ward_chairman
    return state_party(data, document), s.authority_name(authority)


def board_party(data: DocumentData, document: str = "văn bản") -> Party:
    """The Ban Tổ chức Đảng ủy, which proposes to the Ban Thường vụ: the Party Tờ trình and Danh sách are its own,
    as the minutes ("Ban Tổ chức Đảng ủy trình bày tờ trình") and the decision ("Xét đề nghị của Ban Tổ chức")
    say."""
    s = data.settings
    board = s.organization_board_name
    short = board[: -len(" Đảng ủy")] if board.endswith(" Đảng ủy") else board
    return Party(
        Side.PARTY,
        s.committee_name,
        short,
        board,
        Signature(f"T/M {_upper(short)}", "TRƯỞNG BAN", signer_name(s, "organization_board_head", document)),
    )


def council_party(data: DocumentData, document: str = "văn bản") -> Party:
    """The Hội đồng Thi đua - Khen thưởng: under the UBND in the top-left block, chaired by the chairman."""
    s = data.settings
    council = council_name(s)
    return Party(
        Side.STATE,
        s.state_body_name,
        council,
        council,
        Signature("TM. HỘI ĐỒNG", "CHỦ TỊCH", signer_name(s, "state_signatory_name", document)),
    )


def number_suffix(data: DocumentData, party: Party) -> str:
    s = data.settings
    if party.side == Side.PARTY:
        return (
            s.organization_board_suffix
            if party.issuer_name == s.organization_board_name
            else s.party_number_suffix
        )
    return s.council_number_suffix if party.issuer_name == council_name(s) else s.state_number_suffix


def _recipients(*lines: str) -> list[str]:
    return [line for line in lines if line]


def common(
    data: DocumentData,
    party: Party,
    code: str,
    number: str = "",
    phase: PhaseRecord | None = None,
    on: date | None = None,
) -> dict[str, Any]:
    suffix = number_suffix(data, party)
    return {
        "org": data.settings,
        "header": make_header(
            data, party.side, party.superior, party.issuer, number_text(party.side, code, suffix, number), on
        ),
        "signature": party.signature,
        "campaign": campaign_info(data, phase),
        "date_text": format_long_date(data.on),
        "year": str(data.on.year),
    }


def office_of(party: Party) -> str:
    return "Lưu Văn phòng Đảng ủy." if party.side == Side.PARTY else "Lưu: VT."


# --- nominees ------------------------------------------------------------------------------------------------


def _sort_key(data: DocumentData, proposal: ProposalRecord) -> tuple[Any, ...]:
    kinds = (SubjectType.UNIT.value, SubjectType.PERSON.value, SubjectType.HOUSEHOLD.value)
    if proposal.subject_type == SubjectType.UNIT:
        name_key: Any = vietnamese_key(proposal.subject_name)
    elif proposal.subject_type == SubjectType.HOUSEHOLD:
        household = data.households.get(proposal.subject_id or 0)
        name_key = name_sort_key(household.head_name if household else proposal.subject_name)
    else:
        name_key = name_sort_key(proposal.subject_name)
    return (
        data.form_order.get(proposal.award_code, len(data.form_order)),
        kinds.index(proposal.subject_type),
        name_key,
    )


def sorted_proposals(data: DocumentData, proposals: Iterable[ProposalRecord]) -> list[ProposalRecord]:
    """By award form (catalogue order), collectives first, names the Vietnamese way (given name first)."""
    return sorted(proposals, key=lambda p: _sort_key(data, p))


def nominee_position(data: DocumentData, proposal: ProposalRecord) -> str:
    if proposal.subject_type == SubjectType.PERSON:
        person = data.persons.get(proposal.subject_id or 0)
        if person is None:
            return proposal.unit_name
        return ", ".join(part for part in (person.position, person.unit_name) if part)
    if proposal.subject_type == SubjectType.HOUSEHOLD:
        household = data.households.get(proposal.subject_id or 0)
        if household is None:
            return proposal.unit_name
        return ", ".join(part for part in (household.address, household.residential_group_name) if part)
    unit = data.units.get(proposal.subject_id or 0)
    return unit.parent_name if unit else ""


def base_salary_text(on: date) -> str:
    """«2.530.000 đồng (Nghị định 161/2026/NĐ-CP Điều 3)», the base salary in force on ``on``."""
    salary = law.base_salary_on(on)
    if salary is None:
        return "(chưa rõ)"
    return f"{format_number(salary.value)} đồng ({salary.source})"


def reward_amount(data: DocumentData, proposal: ProposalRecord, batch: BatchInfo | None = None) -> int | None:
    """The reward on the decision date (the document's date before a decision): ``core.rules.money.reward``.
    An item of a stored batch carries its amount (``batches.batch_money``: the decision date's base salary, only
    the highest title of one period paid), so that every paper of the batch shows the same money."""
    if batch is not None and (proposal.id or 0) in batch.items:
        return batch.items[proposal.id or 0].money
    form = data.forms.get(proposal.award_code)
    if form is None:
        return None
    return money.reward(
        form.code,
        proposal.subject_type,
        proposal.decision_date or data.on,
        law.Coefficients(form.coefficient_person, form.coefficient_unit),
        data.params.household_money_factor,
    ).amount


def is_machine_text(batch: BatchInfo | None, proposal: ProposalRecord) -> bool:
    """Whether the item's summary is still the rule engine's reasons (what older versions pre-filled: the first
    reasons that passed, joined by "; "), which an official paper must not print."""
    item = batch.items.get(proposal.id or 0) if batch is not None else None
    if item is None or not proposal.achievement_summary.strip():
        return False
    reasons = "; ".join([r.message for r in item.reasons if r.result == "pass"][:3])
    return bool(reasons) and proposal.achievement_summary.strip() == reasons


def paper_summary(batch: BatchInfo | None, proposal: ProposalRecord) -> str:
    """The achievement summary as the papers print it: the clerk's text, or a blank to fill when it is still the
    rule engine's (listed before export by ``machine_text_blanks``)."""
    return DOTS if is_machine_text(batch, proposal) else sentence(proposal.achievement_summary)


def machine_text_blanks(batch: BatchInfo, proposals: list[ProposalRecord]) -> list[str]:
    return [
        f"tóm tắt thành tích của {p.subject_name} còn là lý do xét của chương trình, không in vào văn bản: hãy "
        "viết lại bằng lời của văn bản (thẻ Đợt trình)"
        for p in proposals
        if is_machine_text(batch, p)
    ]


def award_groups(
    data: DocumentData, proposals: list[ProposalRecord], batch: BatchInfo | None = None
) -> tuple[list[AwardGroup], Totals]:
    groups: list[AwardGroup] = []
    totals = Counter[str]()
    grand_amount = 0
    any_amount = False
    for proposal in sorted_proposals(data, proposals):
        if not groups or groups[-1].name != proposal.award_name:
            groups.append(
                AwardGroup(
                    numeral=ROMAN[len(groups) % len(ROMAN)],
                    name=proposal.award_name,
                    name_upper=_upper(proposal.award_name),
                )
            )
        group = groups[-1]
        title = SECTION_TITLES[proposal.subject_type]
        if not group.sections or group.sections[-1].title != title:
            group.sections.append(NomineeSection(number=str(len(group.sections) + 1), title=title))
        section = group.sections[-1]
        amount = reward_amount(data, proposal, batch)
        if amount is not None:
            grand_amount += amount
            any_amount = True
        section.rows.append(
            NomineeRow(
                no=str(len(section.rows) + 1),
                name=proposal.subject_name,
                position=nominee_position(data, proposal),
                achievement=paper_summary(batch, proposal),
                amount=format_number(amount) if amount is not None else "",
            )
        )
        totals[proposal.subject_type] += 1
    for group in groups:
        counter: Counter[str] = Counter()
        amount_total = 0
        for section in group.sections:
            section.count = count_text(len(section.rows))
            kind = next(k for k, v in SECTION_TITLES.items() if v == section.title)
            counter[kind] += len(section.rows)
            amount_total += sum(int(r.amount.replace(".", "")) for r in section.rows if r.amount)
        group.count_text = subject_counts(counter)
        group.amount_total = format_number(amount_total) if amount_total else ""
    total = Totals(
        units=count_text(totals[SubjectType.UNIT.value]),
        persons=count_text(totals[SubjectType.PERSON.value]),
        households=count_text(totals[SubjectType.HOUSEHOLD.value]),
        all=count_text(sum(totals.values())),
        text=subject_counts(totals),
        amount=format_number(grand_amount) if any_amount else "",
    )
    return groups, total


def _scope_targets(data: DocumentData, phase_number: int | None) -> list[TargetRecord]:
    return [
        t for p in data.pledges for t in p.targets if phase_number is None or t.phase_number == phase_number
    ]


def results_sentence(data: DocumentData, phase_number: int | None) -> str:
    targets = _scope_targets(data, phase_number)
    met = sum(1 for t in targets if t.met)
    kinds = Counter(p.subject_type for p in data.pledges)
    phase = data.phase(phase_number)
    scope = f"giai đoạn {phase.number} ({_first_lower(phase.name)})" if phase and phase.name else "toàn đợt"
    word = CAMPAIGN_WORDS.get(data.campaign.kind, "phong trào thi đua")
    percent = format_percent(met / len(targets) * 100) if targets else "0%"
    return (
        f"Thực hiện {word} «{data.campaign.name}», {scope}, có {subject_counts(kinds)} đăng ký thi đua với "
        f"{count_text(len(targets))} chỉ tiêu; đến nay đã đạt {met}/{len(targets)} chỉ tiêu ({percent}) có minh "
        "chứng đã được xác minh."
    )


def _subject_line(data: DocumentData, batch: BatchInfo, verb: str) -> str:
    word = CAMPAIGN_WORDS.get(data.campaign.kind, "phong trào thi đua")
    phase = data.phase(batch.phase_number)
    where = f"{word}, giai đoạn {phase.number}" if phase else word
    return f"Về việc {verb} các tập thể, cá nhân có thành tích xuất sắc trong {where}"


DRAFT_MARK = "DỰ THẢO"
LUAT_TDKT = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
ND_152 = (
    "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều "
    "của Luật Thi đua, khen thưởng;"
)
ND_98 = (
    "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số "
    "điều của Luật Thi đua, khen thưởng;"
)
ND_129 = (
    "Căn cứ Nghị định số 129/2025/NĐ-CP ngày 11 tháng 6 năm 2025 của Chính phủ quy định phân định thẩm quyền "
    "của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Nội vụ (Điều 59);"
)
LUAT_CQDP_2025 = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
LUAT_CQDP_2015 = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của "
    "Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;"
)
HD_06 = (
    "Căn cứ Hướng dẫn số 06-HD/TW ngày 09 tháng 6 năm 2025 của Ban Bí thư hướng dẫn một số vấn đề cụ thể thi "
    "hành Điều lệ Đảng (mục 19, khen thưởng tổ chức đảng và đảng viên);"
)
HD_01 = (
    "Căn cứ Hướng dẫn số 01-HD/TW ngày 28 tháng 9 năm 2021 của Ban Bí thư hướng dẫn một số vấn đề cụ thể thi "
    "hành Điều lệ Đảng (mục 19, khen thưởng tổ chức đảng và đảng viên);"
)


def legal_bases(side: Side, on: date, decision: bool, committee: str = "") -> list[str]:
    """The "Căn cứ" lines in force on ``on``, each cited in full (number, date, issuer, title)."""
    if side == Side.PARTY:
        bases = ["Căn cứ Điều lệ Đảng Cộng sản Việt Nam;", HD_06 if on >= law.HD_06 else HD_01]
        if decision and committee:
            bases.append(f"Căn cứ Quy chế làm việc của {committee};")
        return bases
    reform = on >= law.REFORM
    bases = [LUAT_CQDP_2025 if reform else LUAT_CQDP_2015] if decision else []
    bases += [LUAT_TDKT, ND_152 if reform else ND_98]
    if decision and reform:
        bases.append(ND_129)
    return bases


def decree_of(on: date) -> str:
    return "Nghị định số 152/2025/NĐ-CP" if on >= law.REFORM else "Nghị định số 98/2023/NĐ-CP"


def _evidence_line(data: DocumentData, proposals: list[ProposalRecord]) -> str:
    """What the Tờ trình says of the evidence: the dossier copies every attached file (``dossier.py``); files
    cited but not attached are named in each Báo cáo thành tích, not promised "theo danh sách"."""
    files = sum(len(e.files) for p in proposals for e in data.evidence_for(p.subject_type, p.subject_id or 0))
    if files:
        return f"Bản sao {count_text(files)} tệp minh chứng kết quả thực hiện chỉ tiêu (kèm danh mục tệp)."
    return (
        "Minh chứng kết quả thực hiện chỉ tiêu: các văn bản ghi trong báo cáo thành tích của từng đối tượng."
    )


def batch_context(
    data: DocumentData,
    batch: BatchInfo,
    cls: type[BatchContext],
    code: str,
    proposals: list[ProposalRecord],
    on: date | None = None,
    document: str = "văn bản",
    council: bool = False,
) -> BatchContext:
    party, recipient = batch_parties(data, batch, document)
    if council and party.side == Side.STATE:  # the council's own minutes, whoever decides
        party = council_party(data, document)
    elif council:  # the Ban Thường vụ's own minutes, under the Đảng ủy
        party = committee_party(data, document)
    phase = data.phase(batch.phase_number)
    groups, totals = award_groups(data, proposals, batch)
    award_names = ", ".join(dict.fromkeys(g.name for g in groups))
    to_trinh_number = number_text(party.side, "TTr", number_suffix(data, party), batch.document_number)
    sent_on = to_trinh_date(data, batch)
    dossier_items = [
        f"Danh sách {totals.text} đề nghị khen thưởng;",
        "Biên bản họp xét đề nghị khen thưởng;",
        f"Báo cáo thành tích của {totals.text};",
        _evidence_line(data, proposals),
    ]
    values = common(data, party, code, batch.document_number if code == "TTr" else "", phase, on)
    return cls(
        **values,
        recipients=_recipients("Như trên;", office_of(party)),
        batch_name=batch.name or (f"giai đoạn {phase.number}" if phase else "đợt thi đua"),
        authority_name=recipient,
        recipient=recipient,
        issuer_name=party.issuer_name,
        subject_line=_subject_line(data, batch, "đề nghị khen thưởng"),
        award_names=award_names,
        groups=groups,
        totals=totals,
        list_reference=f"(Kèm theo Tờ trình {_cited(to_trinh_number)} {format_long_date(sent_on)} "
        f"của {party.issuer_name})",
        result_summary=results_sentence(data, batch.phase_number),
        dossier_items=dossier_items,
        draft_mark=DRAFT_MARK if batch.is_draft else "",
        legal_bases=legal_bases(party.side, on or data.on, decision=False),
        unknown_fields=machine_text_blanks(batch, proposals),
    )


def to_trinh_date(data: DocumentData, batch: BatchInfo) -> date:
    """The Tờ trình's date: when it was sent; for a batch decided without a recorded sending, when its list was
    approved (the Tờ trình came before the decision); otherwise the export date (it is being prepared)."""
    if batch.sent_date is not None:
        return batch.sent_date
    if batch.status == "decided" and batch.approved_date is not None:
        return batch.approved_date
    return data.on


def build_to_trinh(data: DocumentData, batch: BatchInfo) -> ToTrinhContext:
    on = to_trinh_date(data, batch)
    context = batch_context(
        data, batch, ToTrinhContext, "TTr", items_for(batch, "to-trinh"), on, "Tờ trình đề nghị khen thưởng"
    )
    assert isinstance(context, ToTrinhContext)
    return context


def build_danh_sach(data: DocumentData, batch: BatchInfo) -> DanhSachContext:
    on = to_trinh_date(data, batch)
    context = batch_context(
        data, batch, DanhSachContext, "DS", items_for(batch, "danh-sach"), on, "Danh sách đề nghị khen thưởng"
    )
    assert isinstance(context, DanhSachContext)
    context.header.number = ""
    return context


def _time_words(value: str) -> str:
    """ "08:30" → "08 giờ 30 phút"."""
    hours, _colon, minutes = value.partition(":")
    return f"{hours} giờ {minutes} phút"


def _member_line(member: Member) -> str:
    return f"{member.name} - {member.title}" if member.title else member.name


def _minutes_people(
    data: DocumentData, batch: BatchInfo, context: BienBanContext, members: list[Member], unknown: list[str]
) -> tuple[int | None, int | None]:
    """Fill present and absent members by name; returns (total, present)."""
    absent = {fold_name(name) for name in batch.absent_members}
    known = {fold_name(m.name) for m in members}
    strangers = [name for name in batch.absent_members if fold_name(name) not in known]
    if members:
        context.present_names = [_member_line(m) for m in members if fold_name(m.name) not in absent]
        context.absent_names = [_member_line(m) for m in members if fold_name(m.name) in absent] + strangers
    else:
        context.absent_names = list(batch.absent_members)
    if batch.is_party:
        total = len(members) if members else None
        present = total - len(context.absent_names) if total is not None else None
    else:
        total = batch.council_members if batch.council_members is not None else (len(members) or None)
        present = batch.members_present
        if members and total is not None and len(members) != total:
            unknown.append(
                f"số thành viên trong Thiết lập cơ quan ({len(members)}) khác số thành viên ghi khi bỏ phiếu "
                f"({total})"
            )
        if (
            members
            and present is not None
            and total is not None
            and len(context.absent_names) != total - present
        ):
            unknown.append(
                f"tên thành viên vắng mặt: đã ghi {len(context.absent_names)} người, số vắng khi bỏ phiếu là "
                f"{total - present}"
            )
    if not members:
        setting = "standing_members" if batch.is_party else "council_members"
        unknown.append(f"«{SETTING_LABELS[setting]}» (Thiết lập cơ quan)")
    return total, present


def fold_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def build_bien_ban(data: DocumentData, batch: BatchInfo) -> BienBanContext:
    """The minutes as held: date and times, place, chair, secretary, members present and absent by name, quorum,
    each candidate's result (failed ones too) and a conclusion that follows from them. The Party version
    records the committee's own decision. What is not recorded is listed in ``unknown_fields``."""
    s = data.settings
    proposals = items_for(batch, "bien-ban")
    meeting = batch.meeting_date or data.on
    document = "Biên bản họp xét khen thưởng"
    context = batch_context(data, batch, BienBanContext, "BB", proposals, meeting, document, council=True)
    assert isinstance(context, BienBanContext)
    party = batch_side(data, batch) == Side.PARTY
    unknown: list[str] = []
    if party:
        body = s.authority_party_standing
        members = members_of(s.standing_members)
        chair = batch.meeting_chair or signer_name(s, "signatory_name", document)
        presenter = s.organization_board_name
    else:
        body = council_name(s)
        members = members_of(s.council_members)
        chair = batch.meeting_chair or signer_name(s, "state_signatory_name", document)
        presenter = f"Thường trực {_body_kind(body)}"
    context.meeting_body = body
    if batch.meeting_start:
        context.meeting_time = f"Vào lúc {_time_words(batch.meeting_start)}, {format_long_date(meeting)}"
    else:
        context.meeting_time = f"Vào lúc ...... giờ ......, {format_long_date(meeting)}"
        unknown.append("giờ bắt đầu cuộc họp")
    if batch.meeting_end:
        context.meeting_end = f"Cuộc họp kết thúc vào lúc {_time_words(batch.meeting_end)} cùng ngày."
    else:
        context.meeting_end = "Cuộc họp kết thúc vào lúc ...... giờ ...... cùng ngày."
        unknown.append("giờ kết thúc cuộc họp")
    context.meeting_place = batch.meeting_place or DOTS
    if not batch.meeting_place:
        unknown.append("địa điểm họp")
    context.presenter = presenter
    context.chair = chair
    context.secretary = batch.meeting_secretary or DOTS
    if not batch.meeting_secretary:
        unknown.append("thư ký cuộc họp")
    total, present = _minutes_people(data, batch, context, members, unknown)
    context.members_total = count_text(total) if total is not None else DOTS
    context.members_present = count_text(present) if present is not None else DOTS
    context.members_absent = (
        count_text(total - present) if total is not None and present is not None else DOTS
    )
    if total and present is not None:
        share = format_percent(present / total * 100)
        enough = quorum_met(present, total, data.params)
        context.quorum = (
            f"Số thành viên dự họp {present}/{total} ({share}), "
            + ("đủ" if enough else "không đủ")
            + f" điều kiện tiến hành cuộc họp (từ {format_percent(data.params.quorum_percent)} tổng số thành viên)."
        )
    else:
        context.quorum = "Số thành viên dự họp: ......, đủ điều kiện tiến hành cuộc họp theo quy chế."
    context.signature = Signature("", "CHỦ TRÌ", chair)
    votes, passed, failed = _vote_rows(data, batch, proposals, total, party)
    context.votes = votes
    context.conclusion = _conclusion(context, body, passed, failed, party)
    if batch.is_draft:
        unknown.append("kết quả bỏ phiếu (đây là dự thảo, chưa có đợt trình)")
    context.unknown_fields = unknown + context.unknown_fields
    return context


def _vote_rows(
    data: DocumentData, batch: BatchInfo, proposals: list[ProposalRecord], total: int | None, party: bool
) -> tuple[list[VoteRow], list[ProposalRecord], list[ProposalRecord]]:
    votes: list[VoteRow] = []
    passed: list[ProposalRecord] = []
    failed: list[ProposalRecord] = []
    for index, proposal in enumerate(sorted_proposals(data, proposals), start=1):
        item = batch.items.get(proposal.id or 0)
        if party:
            ok = proposal.status != ProposalStatus.REJECTED
            result = ("Đồng ý tặng" if ok else "Không đồng ý") if not batch.is_draft else DOTS
            votes_text = percent = ""
        elif proposal.votes_for is not None and total:
            ok = item.vote_passed is not False if item is not None else False
            need = item.vote_rule if item is not None else ""
            result = ("Đạt" if ok else "Không đạt") + (f" (cần {need})" if need else "")
            votes_text = f"{proposal.votes_for}/{total}"
            percent = format_percent(proposal.votes_for / total * 100)
        else:
            ok = False
            result = votes_text = percent = DOTS
        if result != DOTS:
            (passed if ok else failed).append(proposal)
        votes.append(
            VoteRow(
                no=str(index),
                name=proposal.subject_name,
                award=proposal.award_name,
                votes=votes_text,
                percent=percent,
                result=result,
            )
        )
    return votes, passed, failed


def _names(proposals: list[ProposalRecord]) -> str:
    return ", ".join(p.subject_name for p in proposals)


def _conclusion(
    context: BienBanContext,
    body: str,
    passed: list[ProposalRecord],
    failed: list[ProposalRecord],
    party: bool,
) -> str:
    passed_counts = subject_counts(Counter(p.subject_type for p in passed))
    failed_counts = subject_counts(Counter(p.subject_type for p in failed))
    if party:
        text = (
            f"{body} thống nhất quyết định tặng {context.award_names} cho {passed_counts} có tên trong danh sách "
            "kèm theo; giao Văn phòng Đảng ủy hoàn chỉnh quyết định trình ký."
            if passed
            else f"{body} chưa quyết định khen thưởng đối tượng nào."
        )
        if failed:
            text += f" Không đồng ý tặng đối với {failed_counts}: {_names(failed)}."
        return text
    if not passed and not failed:
        return (
            f"{body} thống nhất đề nghị {context.authority_name} khen thưởng các tập thể, cá nhân đạt tỷ lệ phiếu "
            "đồng ý theo quy định."
        )
    text = (
        f"Căn cứ kết quả bỏ phiếu kín, {body} thống nhất đề nghị {context.authority_name} khen thưởng "
        f"{passed_counts} đạt tỷ lệ phiếu đồng ý theo quy định: {_names(passed)}."
        if passed
        else "Căn cứ kết quả bỏ phiếu kín, không có đối tượng nào đạt tỷ lệ phiếu đồng ý theo quy định."
    )
    if failed:
        text += f" Không đề nghị khen thưởng {failed_counts} không đạt tỷ lệ phiếu đồng ý: {_names(failed)}."
    return text


def _decision_of(
    batch: BatchInfo, proposals: list[ProposalRecord]
) -> tuple[list[ProposalRecord], str, date | None]:
    """(the items the Quyết định awards, its recorded number, its date). Once a decision is recorded the paper is
    that decision: only the items it decided, with its number and date; before, a draft of every approved item.
    Items of one batch decided by different decisions are refused (one paper per decision)."""
    decided = [p for p in proposals if p.status == ProposalStatus.DECIDED]
    if not decided:
        return proposals, "", None
    recorded = {(p.decision_number, p.decision_date) for p in decided}
    if len(recorded) > 1:
        numbers = ", ".join(sorted(n or "(chưa số)" for n, _d in recorded))
        raise UserError(
            f"Các đối tượng của đợt trình «{batch.name}» được khen thưởng bằng nhiều quyết định ({numbers}): "
            "mỗi quyết định in danh sách riêng, chương trình chưa tách được."
        )
    number, when = recorded.pop()
    return decided, number, when


def _decision_number(side: Side, number: str, suffix: str) -> str:
    """ "125/QĐ-UBND" as recorded, or "125" completed with the symbol."""
    text = number.strip()
    if not text:
        return number_text(side, "QĐ", suffix)
    if "/" in text or "-" in text:
        return f"Số {text}" if side == Side.PARTY else f"Số: {text}"
    return number_text(side, "QĐ", suffix, text)


def build_quyet_dinh(data: DocumentData, batch: BatchInfo) -> QuyetDinhContext:
    if not batch.within_ward:
        raise UserError(
            "Quyết định khen thưởng chỉ lập cho đợt trình thuộc thẩm quyền của phường (Đảng ủy, Ban Thường vụ "
            f"Đảng ủy, Chủ tịch UBND phường); đợt này trình «{data.settings.authority_name(batch.authority)}»."
        )
    s = data.settings
    document = "Quyết định khen thưởng"
    proposals = items_for(batch, "quyet-dinh")
    if not proposals:
        raise UserError(
            f"Đợt trình «{batch.name}» không còn đối tượng nào được duyệt để quyết định khen thưởng."
        )
    side = batch_side(data, batch)
    party = committee_party(data, document) if side == Side.PARTY else state_party(data, document)
    phase = data.phase(batch.phase_number)
    if batch.is_draft:
        recorded, decided_on = "", None
    else:
        proposals, recorded, decided_on = _decision_of(batch, proposals)
    on = decided_on or data.on
    groups, totals = award_groups(data, proposals, batch)
    values = common(data, party, "QĐ", "", phase, on)
    values["header"].number = _decision_number(party.side, recorded, number_suffix(data, party))
    if side == Side.PARTY:
        decider = s.authority_party_standing
        signature = Signature(
            "T/M " + _upper(_body_kind_party(s.authority_party_standing, s.committee_name)),
            _upper(s.signatory_title),
            signer_name(s, "signatory_name", document),
        )
        proposer = s.organization_board_name
    else:
        decider = s.authority_ward_chairman
        signature = Signature(
            "", _upper(s.state_signatory_title), signer_name(s, "state_signatory_name", document)
        )
        proposer = council_name(s)
    values["signature"] = signature
    word = CAMPAIGN_WORDS.get(data.campaign.kind, "phong trào thi đua")
    where = f"{word}, giai đoạn {phase.number}" if phase else word
    article1 = []
    for group in groups:
        form = data.forms.get(next(p.award_code for p in proposals if p.award_name == group.name), None)
        verb = (
            f"Công nhận danh hiệu «{group.name}» cho"
            if form and form.kind == AwardKind.TITLE
            else (f"Tặng {group.name} cho")
        )
        article1.append(
            f"{verb} {group.count_text} đã có thành tích xuất sắc trong {where} (có danh sách kèm theo)."
        )
    if totals.amount:
        amount = int(totals.amount.replace(".", ""))
        money_text = (
            f"Tiền thưởng kèm theo: {totals.amount} đồng (Bằng chữ: {amount_in_words(amount)}), theo mức quy "
            f"định tại {decree_of(on)} với mức lương cơ sở {base_salary_text(on)}, làm tròn lên hàng chục nghìn "
            "đồng, chi từ quỹ thi đua, khen thưởng của phường."
        )
    else:
        money_text = (
            "Các tập thể, cá nhân có tên tại Điều 1 được hưởng chế độ khen thưởng theo quy định hiện hành."
        )
    number = values["header"].number
    return QuyetDinhContext(
        **values,
        recipients=_recipients("Như Điều 3;", office_of(party)),
        batch_name=batch.name,
        authority_name=s.authority_name(batch.authority),
        recipient="",
        issuer_name=party.issuer_name,
        subject_line=_subject_line(data, batch, "khen thưởng"),
        award_names=", ".join(g.name for g in groups),
        groups=groups,
        totals=totals,
        list_reference=f"(Kèm theo Quyết định {_cited(number)} {format_long_date(on)} của {decider})",
        result_summary=results_sentence(data, batch.phase_number),
        dossier_items=[],
        draft_mark="" if recorded else DRAFT_MARK,
        unknown_fields=machine_text_blanks(batch, proposals),
        legal_bases=legal_bases(side, on, decision=True, committee=s.committee_name),
        decider=_upper(decider),
        proposer=proposer,
        article1=article1,
        money_note=money_text,
    )


def _body_kind_party(standing: str, committee: str) -> str:
    """ "Ban Thường vụ" of "Ban Thường vụ Đảng ủy phường Nguyễn Nghiêm"."""
    index = standing.lower().find(committee.split(" ")[0].lower())
    return standing[:index].strip() if index > 0 else standing


# --- subjects -----------------------------------------------------------------------------------------------


def subject_info(data: DocumentData, subject_type: str, subject_id: int) -> SubjectInfo:
    if subject_type == SubjectType.PERSON:
        person = data.persons.get(subject_id)
        if person is None:
            raise UserError(f"Không tìm thấy cá nhân mã số {subject_id}.")
        unit = data.units.get(person.unit_id or 0)
        return SubjectInfo(
            kind=subject_type,
            name=person.full_name,
            name_upper=_upper(person.full_name),
            birth_date=format_date(person.birth_date) or DOTS,
            gender=Gender(person.gender).label if person.gender else DOTS,
            position=person.position or DOTS,
            unit=person.unit_name,
            superior_unit=unit.parent_name if unit else "",
            party_join_date=format_date(person.party_join_date),
            party_official_date=format_date(person.party_official_date) or DOTS,
            head_name=person.full_name,
            head_position=person.position,
        )
    if subject_type == SubjectType.HOUSEHOLD:
        household = data.households.get(subject_id)
        if household is None:
            raise UserError(f"Không tìm thấy hộ gia đình mã số {subject_id}.")
        name = f"Hộ {household.head_name}"
        return SubjectInfo(
            kind=subject_type,
            name=name,
            name_upper=_upper(name),
            birth_date=DOTS,
            gender=DOTS,
            unit=household.residential_group_name,
            address=household.address,
            member_count=str(household.member_count or DOTS),
            head_name=household.head_name,
            head_position="Chủ hộ",
            position="Chủ hộ",
        )
    unit_record = data.units.get(subject_id)
    if unit_record is None:
        raise UserError(f"Không tìm thấy đơn vị mã số {subject_id}.")
    head = data.unit_head(subject_id)
    return SubjectInfo(
        kind=subject_type,
        name=unit_record.name,
        name_upper=_upper(unit_record.name),
        unit=unit_record.name,
        superior_unit=unit_record.parent_name,
        unit_kind=UnitKind(unit_record.kind).label,
        member_count=count_text(unit_record.member_count) if unit_record.member_count is not None else DOTS,
        female_count=count_text(unit_record.female_count) if unit_record.female_count is not None else DOTS,
        head_name=head.full_name if head else "",
        head_position=head.position if head else "",
    )


def assessment(target: TargetRecord) -> str:
    if target.achieved_value is None:
        return "Chưa có kết quả"
    if not target.achieved_verified:
        return "Chờ xác minh"
    if target.met:
        return "Vượt chỉ tiêu" if target.progress is not None and target.progress > 100 else "Đạt"
    return "Chưa đạt"


def target_rows(
    data: DocumentData, pledges: Iterable[PledgeRecord], phase_number: int | None = None
) -> list[TargetRow]:
    rows: list[TargetRow] = []
    for pledge in pledges:
        for target in pledge.targets:
            if phase_number is not None and target.phase_number != phase_number:
                continue
            refs = [
                e.document_ref
                for e in data.evidence_by_target.get(target.id or 0, [])
                if e.document_ref and e.status != EvidenceStatus.REJECTED
            ]
            rows.append(
                TargetRow(
                    no=str(len(rows) + 1),
                    subject=pledge.subject_name,
                    content=target.content,
                    target=_value_text(target.target_value, target.unit_of_measure) or DOTS,
                    deadline=format_date(target.deadline),
                    phase=str(target.phase_number or ""),
                    achieved=_value_text(target.achieved_value, target.unit_of_measure),
                    percent=format_percent(target.progress) if target.progress is not None else "",
                    assessment=assessment(target),
                    evidence="; ".join(dict.fromkeys(refs)),
                )
            )
    return rows


def target_groups(
    data: DocumentData, pledges: Iterable[PledgeRecord], phase_number: int | None = None
) -> list[TargetGroup]:
    """Targets by unit or person (numbered through), leaving out those without targets in the period."""
    groups: list[TargetGroup] = []
    number = 0
    for pledge in pledges:
        rows = target_rows(data, [pledge], phase_number)
        if not rows:
            continue
        for row in rows:
            number += 1
            row.no = str(number)
        groups.append(
            TargetGroup(name=f"{ROMAN[len(groups) % len(ROMAN)]}. {pledge.subject_name}", rows=rows)
        )
    return groups


def _history_rows(entries: Iterable[history.PriorAwardEntry]) -> list[AwardHistoryRow]:
    rows = []
    for entry in entries:
        decision = " ".join(
            part
            for part in (
                f"Quyết định số {entry.decision_number}" if entry.decision_number else "",
                f"ngày {format_date(entry.decision_date)}" if entry.decision_date else "",
                f"của {entry.authority_name}" if entry.authority_name else "",
            )
            if part
        )
        rows.append(AwardHistoryRow(year=str(entry.year or ""), name=entry.form_name, decision=decision))
    return rows


def full_name(data: DocumentData, name: str) -> str:
    """ "Hội Liên hiệp Phụ nữ phường" → "Hội Liên hiệp Phụ nữ phường Nguyễn Nghiêm": a header names the ward."""
    words = name.split()
    if words and words[-1].lower() in ADMIN_WORDS:
        return f"{name} {data.settings.place_name}"
    return name


def state_superior(data: DocumentData, unit: UnitRecord) -> str:
    """The real superior in the top-left block of a State-side paper of ``unit`` (NĐ 30/2020 Phụ lục I): the ward
    police under the provincial police; the Mặt trận alone; from 01/07/2025 the mass organizations under the
    Mặt trận (Hiến pháp sửa đổi 2025 Điều 9); the military command and the residential groups under the UBND;
    the UBND and the HĐND alone."""
    s = data.settings
    kind = unit.kind
    if unit.name == s.state_body_name or kind in (UnitKind.PEOPLES_COMMITTEE, UnitKind.PEOPLES_COUNCIL):
        return ""
    if kind == UnitKind.POLICE:
        return f"Công an tỉnh {s.province_name}"
    if kind == UnitKind.FATHERLAND_FRONT:
        return ""
    if kind == UnitKind.MASS_ORGANIZATION:
        front = next((u for u in data.units.values() if u.kind == UnitKind.FATHERLAND_FRONT), None)
        return full_name(data, front.name) if front is not None and data.on >= law.REFORM else ""
    parent = data.units.get(unit.parent_id or 0)
    if parent is not None and not parent.is_party_org:
        return full_name(data, parent.name)
    return s.state_body_name


def report_party(
    data: DocumentData, side: Side, info: SubjectInfo, subject_type: str, subject_id: int
) -> Party:
    """Who the achievement report or pledge comes from: the subject's unit under its superior."""
    s = data.settings
    if subject_type == SubjectType.UNIT:
        unit = data.units[subject_id]
        if side == Side.PARTY:
            superior = s.superior_party_organization if unit.parent_id is None else s.party_organization_name
            return Party(side, superior, unit.name, unit.name, Signature("", "", info.head_name))
        issuer = full_name(data, unit.name)
        return Party(side, state_superior(data, unit), issuer, issuer, Signature("", "", info.head_name))
    if subject_type == SubjectType.PERSON:
        person = data.persons[subject_id]
        unit = data.units.get(person.unit_id or 0)
        if side == Side.PARTY:
            issuer = unit.name if unit and unit.is_party_org else s.committee_name
            superior = (
                s.party_organization_name if issuer != s.committee_name else s.superior_party_organization
            )
        elif unit is not None:
            issuer = full_name(data, unit.name)
            superior = state_superior(data, unit)
        else:
            issuer, superior = s.state_body_name, ""
        return Party(side, superior, issuer, issuer, Signature("", "", info.name))
    household = data.households[subject_id]
    return Party(
        side,
        s.state_body_name,
        household.residential_group_name or s.state_body_name,
        household.residential_group_name,
        Signature("", "", info.head_name),
    )


def build_achievement(
    data: DocumentData,
    subject_type: str,
    subject_id: int,
    proposal: ProposalRecord | None = None,
    phase_number: int | None = None,
) -> tuple[AchievementContext, Side]:
    """Báo cáo thành tích of one subject (for its proposal, when there is one)."""
    info = subject_info(data, subject_type, subject_id)
    pledges = data.pledges_by_subject.get((subject_type, subject_id), [])
    pledge = pledges[0] if pledges else None
    code = proposal.award_code if proposal else (pledge.title_code if pledge else "")
    side = data.form_side(code) or Side.STATE
    party = report_party(data, side, info, subject_type, subject_id)
    proposer = committee_party(data) if side == Side.PARTY else state_party(data)
    values = common(data, party, "BC", "", data.phase(phase_number))
    values["header"].number = ""
    if phase_number is None and proposal is not None:
        phase_number = proposal.phase_number
    rows = target_rows(data, pledges, phase_number)
    met = sum(1 for p in pledges for t in p.targets if t.met and phase_number in (None, t.phase_number))
    exceeded = sum(1 for r in rows if r.assessment == "Vượt chỉ tiêu")
    summary = ""
    if rows:
        percent = format_percent(met / len(rows) * 100)
        summary = f"Kết quả: đạt {met}/{len(rows)} chỉ tiêu đăng ký ({percent})"
        summary += f", trong đó {exceeded} chỉ tiêu vượt kế hoạch." if exceeded else "."
    key = (subject_type, subject_id)
    ratings = [
        AwardHistoryRow(
            year=str(r.year),
            name=RatingLevel(r.level).label if r.level in RatingLevel._value2member_map_ else r.level,
        )
        for r in data.ratings.get(key, [])
        if subject_type != SubjectType.HOUSEHOLD
    ]
    prior = data.prior_awards.get(key, [])
    award_name = proposal.award_name if proposal else (pledge.title_name if pledge else DOTS)
    proposer_title = "\n".join(x for x in (proposer.signature.on_behalf, proposer.signature.title) if x)
    context = AchievementContext(
        **values,
        recipients=[],
        subject=info,
        award_name=award_name,
        title_registered=pledge.title_name if pledge and pledge.title_name else DOTS,
        pledge_content=pledge.content.strip().rstrip(".") if pledge else "",  # the line ends with its own "."
        achievement_summary=sentence(proposal.achievement_summary) if proposal else "",
        targets=rows,
        targets_summary=summary,
        ratings=ratings,
        initiatives=data.initiatives.get(key, []) if subject_type == SubjectType.PERSON else [],
        titles=_history_rows(e for e in prior if e.kind in (AwardKind.TITLE, AwardKind.RATING)),
        awards=_history_rows(e for e in prior if e.kind not in (AwardKind.TITLE, AwardKind.RATING)),
        proposer_title=proposer_title,
        proposer_name=proposer.signature.name,
    )
    context.signature = Signature("", "", info.head_name)
    context.unknown_fields = (
        ["chức năng, nhiệm vụ", "các biện pháp, giải pháp đã thực hiện"]
        if subject_type == SubjectType.UNIT
        else ["quê quán", "trú quán", "trình độ chuyên môn, nghiệp vụ"]
        if subject_type == SubjectType.PERSON
        else []
    )  # the form asks for them, no record holds them: the office writes them
    return context, side


def build_pledge(data: DocumentData, pledge: PledgeRecord) -> tuple[PledgeContext, Side]:
    """Bản cam kết thi đua of one pledge."""
    assert pledge.subject_id is not None
    info = subject_info(data, pledge.subject_type, pledge.subject_id)
    if pledge.subject_type == SubjectType.UNIT:
        side = Side.PARTY if data.units[pledge.subject_id].is_party_org else Side.STATE
    else:
        side = data.form_side(pledge.title_code) or Side.STATE
    party = report_party(data, side, info, pledge.subject_type, pledge.subject_id)
    values = common(data, party, "CK", "", None)
    values["header"].number = ""
    if pledge.subject_type == SubjectType.UNIT:
        on_behalf = "T/M " if side == Side.PARTY else "TM. "
        signature = Signature(
            on_behalf + _upper(_body_kind(info.name)),
            _upper(info.head_position.split(",")[0]) if info.head_position else "",
            info.head_name,
        )
    else:
        signature = Signature("", "NGƯỜI CAM KẾT", info.name)
    values["signature"] = signature
    return (
        PledgeContext(
            **values,
            recipients=[],
            subject=info,
            title_registered=pledge.title_name or DOTS,
            pledge_content=sentence(pledge.content),
            pledge_date=format_date(pledge.pledge_date),
            targets=target_rows(data, [pledge]),
        ),
        side,
    )


# --- reviews ------------------------------------------------------------------------------------------------


def build_review(data: DocumentData, final: bool, phase_number: int | None = None) -> ReviewContext:
    """Báo cáo sơ kết (one phase) or tổng kết (the whole campaign)."""
    campaign = data.campaign
    if final:
        phase = None
        scope = "toàn đợt thi đua" + (f" ({campaign_info(data).period})" if campaign.start_date else "")
    else:
        if phase_number is None:
            interim = [p for p in campaign.phases if p.review_kind == ReviewKind.INTERIM]
            phase = interim[0] if interim else (campaign.phases[0] if campaign.phases else None)
        else:
            phase = data.phase(phase_number)
            if phase is None:
                raise UserError(f"Phong trào {campaign.id} không có giai đoạn {phase_number}.")
        scope = (
            f"giai đoạn {phase.number}" + (f" ({_first_lower(phase.name)})" if phase.name else "")
            if phase
            else "đợt thi đua"
        )
    number = phase.number if phase else None
    party = committee_party(data)
    values = common(data, party, "BC", "", phase)
    s = data.settings
    review = ReviewKind.FINAL.label if final else ReviewKind.INTERIM.label
    word = CAMPAIGN_WORDS.get(campaign.kind, "phong trào thi đua")
    pledges = data.pledges
    kinds = Counter(p.subject_type for p in pledges)
    targets = _scope_targets(data, number)
    met = sum(1 for t in targets if t.met)
    unit_rows: list[UnitResultRow] = []
    for pledge in pledges:
        scoped = [t for t in pledge.targets if number is None or t.phase_number == number]
        done = sum(1 for t in scoped if t.met)
        unit_rows.append(
            UnitResultRow(
                no=str(len(unit_rows) + 1),
                name=pledge.subject_name,
                title=pledge.title_name,
                targets=count_text(len(scoped)) if scoped else "-",
                met=count_text(done) if scoped else "-",
                percent=format_percent(done / len(scoped) * 100) if scoped else "-",
            )
        )
    rows = target_rows(data, pledges, number)
    examples: list[str] = []
    for pledge in pledges:
        scoped = [t for t in pledge.targets if number is None or t.phase_number == number]
        if scoped and all(t.met for t in scoped):
            examples.append(
                f"{pledge.subject_name} hoàn thành {len(scoped)}/{len(scoped)} chỉ tiêu đăng ký (100%)."
            )
    for row, target in zip(
        rows,
        [t for p in pledges for t in p.targets if number is None or t.phase_number == number],
        strict=True,
    ):
        if row.assessment == "Vượt chỉ tiêu":
            examples.append(
                f"{row.subject}: {_first_lower(row.content)} đạt {row.achieved} ({row.percent} chỉ tiêu)."
            )
        elif target.met and "mô hình" in target.content.lower():
            examples.append(f"{row.subject}: {row.content}.")
    shortfalls: list[str] = []
    missing: dict[str, int] = {}
    waiting = 0
    for row in rows:
        if row.assessment == "Chưa đạt":
            shortfalls.append(
                f"{row.subject}: {_first_lower(row.content)} mới đạt {row.achieved} (chỉ tiêu {row.target})."
            )
        elif row.assessment == "Chưa có kết quả":
            missing[row.subject] = missing.get(row.subject, 0) + 1
        elif row.assessment == "Chờ xác minh":
            waiting += 1
    if waiting:
        shortfalls.append(
            f"Còn {count_text(waiting)} kết quả đã báo cáo nhưng minh chứng chưa được xác minh."
        )
    if missing:
        names = ", ".join(f"{name} ({n})" for name, n in missing.items())
        shortfalls.append(
            f"Còn {count_text(sum(missing.values()))} chỉ tiêu chưa có báo cáo kết quả: {names}."
        )
    verified = sum(1 for e in data.evidence if e.status == EvidenceStatus.VERIFIED)
    percent = format_percent(met / len(targets) * 100) if targets else "0%"
    proposals = [
        p
        for p in sorted_proposals(data, data.proposals)
        if p.status != ProposalStatus.REJECTED and (number is None or p.phase_number == number)
    ]
    proposal_rows = [
        ProposalRow(
            no=str(index),
            name=p.subject_name,
            subject_kind=SECTION_TITLES[p.subject_type],
            award=p.award_name,
            authority=s.authority_name(p.authority),
            status=ProposalStatus(p.status).label,
        )
        for index, p in enumerate(proposals, start=1)
    ]
    proposal_kinds = Counter(p.subject_type for p in proposals)
    next_groups: list[TargetGroup] = []
    next_heading = ""
    if not final and phase is not None:
        following = data.phase(phase.number + 1)
        if following is not None:
            next_groups = target_groups(data, pledges, following.number)
            next_heading = f"PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN {following.number}"
    if phase is not None:
        summary = f"{review} {word} {scope}"
    else:
        period = campaign_info(data).period
        summary = f"{review} {word}" + (f" ({period})" if period else "")
    return ReviewContext(
        **values,
        recipients=_recipients(
            f"Thường trực {s.superior_party_committee} (báo cáo);",
            f"Thường trực HĐND, UBND {_place_part(s.state_body_name)};",
            "Các chi bộ trực thuộc;",
            "Các đồng chí Đảng ủy viên;",
            office_of(party),
        ),
        review_kind=review.lower(),
        review_upper=_upper(review),
        summary=summary,
        scope=scope,
        totals_text=f"{subject_counts(kinds)} đăng ký thi đua, với {count_text(len(targets))} chỉ tiêu cụ thể",
        targets_text=f"Đã đạt {met}/{len(targets)} chỉ tiêu ({percent}) có minh chứng đã được xác minh.",
        units=unit_rows,
        target_groups=target_groups(data, pledges, number),
        strengths=(
            f"Phong trào được triển khai đến {subject_counts(kinds)}; {met}/{len(targets)} chỉ tiêu đã đạt "
            f"({percent}); {count_text(verified)} minh chứng kết quả đã được {s.organization_board_name} xác minh."
        ),
        examples=examples,
        shortfalls=shortfalls,
        proposals=proposal_rows,
        proposals_text=(
            f"Qua bình xét, đề nghị khen thưởng {subject_counts(proposal_kinds)} có thành tích xuất sắc:"
            if proposals
            else "Chưa có đề nghị khen thưởng."
        ),
        next_groups=next_groups,
        next_heading=next_heading,
    )
