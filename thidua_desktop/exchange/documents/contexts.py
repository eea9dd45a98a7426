"""What each template may use: the context of every document as typed dataclasses.

The builders (``builders.py``) fill these from the services and hand the templates plain dicts
(``dataclasses.asdict``). The same classes are the schema against which templates are validated when they are
loaded (``templates.py``): a field a template uses that is not declared here is a misspelt or missing field.

Every value a template prints is already text, formatted the Vietnamese way (dates "ngày 05 tháng 5 năm 2025",
numbers "1.234.567", percentages "92,5%"), so that templates need no filters and the office can edit them freely.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from thidua_desktop.core.settings_schema import OrganizationSettings


@dataclass
class Header:
    """The header block: issuing body on the left, number under it; place and date on the right."""

    superior: str = ""
    """Superior body in capitals ("ĐẢNG BỘ TỈNH QUẢNG NGÃI"); may be empty."""
    issuer: str = ""
    """Issuing body in capitals ("ĐẢNG ỦY PHƯỜNG NGUYỄN NGHIÊM"); may hold a line break."""
    number: str = ""
    """"Số 12-TTr/ĐU" (Party) or "Số: 12/TTr-UBND" (state); the number is blank until it is issued."""
    place_date: str = ""
    """"Nguyễn Nghiêm, ngày 05 tháng 5 năm 2025"."""


@dataclass
class Signature:
    on_behalf: str = ""
    """"T/M ĐẢNG ỦY", "TM. ỦY BAN NHÂN DÂN" or empty."""
    title: str = ""
    """"BÍ THƯ", "CHỦ TỊCH"..., in capitals."""
    name: str = ""


@dataclass
class CampaignInfo:
    name: str = ""
    theme: str = ""
    slogans: list[str] = field(default_factory=list)
    plan_reference: str = ""
    period: str = ""
    """"từ tháng 9/2024 đến tháng 6/2026"."""
    kind_text: str = ""
    """What kind of movement it is, in words ("đợt thi đua cao điểm", "phong trào thi đua chuyên đề")."""
    phase_name: str = ""
    """The phase the document is about ("Giai đoạn 1: từ tháng 9/2024 đến hết tháng 05/2025"), or empty."""


@dataclass
class NomineeRow:
    no: str = ""
    name: str = ""
    position: str = ""
    """Position and unit of a person, the superior unit of a collective, the address of a household."""
    achievement: str = ""
    amount: str = ""
    """Reward in đồng ("2.340.000"), empty when the form carries no money."""


@dataclass
class NomineeSection:
    """Collectives, individuals or households under one award form."""

    number: str = ""
    """"1", "2"... within the form."""
    title: str = ""
    """"Tập thể", "Cá nhân", "Hộ gia đình"."""
    count: str = ""
    """"02"."""
    rows: list[NomineeRow] = field(default_factory=list)


@dataclass
class AwardGroup:
    """The nominees of one award form."""

    numeral: str = ""
    """"I", "II"..."""
    name: str = ""
    """"Giấy khen của Chủ tịch UBND phường"."""
    name_upper: str = ""
    count_text: str = ""
    """"01 tập thể, 02 cá nhân"."""
    amount_total: str = ""
    sections: list[NomineeSection] = field(default_factory=list)


@dataclass
class VoteRow:
    no: str = ""
    name: str = ""
    award: str = ""
    votes: str = ""
    """Votes for over all members ("8/9"), or a dotted blank when not recorded."""
    percent: str = ""
    result: str = ""


@dataclass
class TargetRow:
    no: str = ""
    subject: str = ""
    """Whose target it is (unit or person)."""
    content: str = ""
    target: str = ""
    """Value with its unit ("90%", "6 đảng viên")."""
    deadline: str = ""
    phase: str = ""
    achieved: str = ""
    percent: str = ""
    assessment: str = ""
    """"Vượt chỉ tiêu", "Đạt", "Chưa đạt", "Chưa có kết quả", "Chờ xác minh"."""
    evidence: str = ""
    """Documents that prove the result, joined by "; "."""


@dataclass
class TargetGroup:
    """The targets of one unit or person."""

    name: str = ""
    rows: list[TargetRow] = field(default_factory=list)


@dataclass
class AwardHistoryRow:
    year: str = ""
    name: str = ""
    decision: str = ""
    """Number, date and issuing body of the decision."""


@dataclass
class UnitResultRow:
    no: str = ""
    name: str = ""
    title: str = ""
    targets: str = ""
    met: str = ""
    percent: str = ""
    assessment: str = ""


@dataclass
class ProposalRow:
    no: str = ""
    name: str = ""
    subject_kind: str = ""
    award: str = ""
    authority: str = ""
    status: str = ""


@dataclass
class Totals:
    units: str = ""
    persons: str = ""
    households: str = ""
    all: str = ""
    text: str = ""
    """"01 tập thể, 02 cá nhân"."""
    amount: str = ""


@dataclass(kw_only=True)
class CommonContext:
    """Fields every template may use."""

    org: OrganizationSettings
    """All organization settings, by their names (``org.committee_name``, ``org.signatory_name``...)."""
    header: Header
    signature: Signature
    recipients: list[str] = field(default_factory=list)
    """"Nơi nhận" lines."""
    campaign: CampaignInfo = field(default_factory=CampaignInfo)
    date_text: str = ""
    """"ngày 05 tháng 5 năm 2025"."""
    year: str = ""
    draft_mark: str = ""
    """"DỰ THẢO" on a paper that is not the batch's final one (no stored batch yet, no recorded decision)."""
    unknown_fields: list[str] = field(default_factory=list)
    """What the program does not know and the paper leaves blank: shown to the user before export."""


@dataclass(kw_only=True)
class BatchContext(CommonContext):
    """Documents about one proposal batch: to-trinh, danh-sach, bien-ban, quyet-dinh."""

    batch_name: str = ""
    authority_name: str = ""
    """Who decides ("Chủ tịch Ủy ban nhân dân phường Nguyễn Nghiêm")."""
    recipient: str = ""
    """"Kính gửi" line."""
    issuer_name: str = ""
    """Issuing body in normal case ("Đảng ủy phường Nguyễn Nghiêm")."""
    subject_line: str = ""
    """"Về việc đề nghị tặng ... cho các tập thể, cá nhân ..."."""
    award_names: str = ""
    """The forms of the batch joined ("Giấy khen của Chủ tịch UBND phường")."""
    groups: list[AwardGroup] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)
    list_reference: str = ""
    """"(Kèm theo Tờ trình số ...-TTr/ĐU ngày ... của ...)"."""
    result_summary: str = ""
    """One paragraph on the results of the campaign the proposals come from."""
    dossier_items: list[str] = field(default_factory=list)
    legal_bases: list[str] = field(default_factory=list)
    """The "Căn cứ" lines in force on the document's date, each cited in full."""


@dataclass(kw_only=True)
class ToTrinhContext(BatchContext):
    pass


@dataclass(kw_only=True)
class DanhSachContext(BatchContext):
    pass


@dataclass(kw_only=True)
class BienBanContext(BatchContext):
    meeting_body: str = ""
    """"Ban Thường vụ Đảng ủy phường ..." or "Hội đồng Thi đua - Khen thưởng phường ..."."""
    meeting_time: str = ""
    """"Vào lúc ... giờ ..., ngày 26 tháng 5 năm 2025"."""
    meeting_place: str = ""
    presenter: str = ""
    """Who presents the proposals ("Ban Tổ chức Đảng ủy", "Thường trực Hội đồng")."""
    chair: str = ""
    secretary: str = ""
    members_total: str = ""
    members_present: str = ""
    members_absent: str = ""
    present_names: list[str] = field(default_factory=list)
    """"Họ tên - chức vụ" of each member present (members are settings)."""
    absent_names: list[str] = field(default_factory=list)
    quorum: str = ""
    """"Số thành viên dự họp 8/9 (88,9%), đủ điều kiện tiến hành cuộc họp (...)"."""
    meeting_end: str = ""
    """"Cuộc họp kết thúc vào lúc 10 giờ 30 phút cùng ngày."."""
    votes: list[VoteRow] = field(default_factory=list)
    conclusion: str = ""


@dataclass(kw_only=True)
class QuyetDinhContext(BatchContext):
    decider: str = ""
    """The deciding authority in capitals ("CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG NGUYỄN NGHIÊM")."""
    proposer: str = ""
    """Who proposed ("Ban Tổ chức Đảng ủy")."""
    article1: list[str] = field(default_factory=list)
    """One line per award form: "Tặng Giấy khen ... cho 01 tập thể và 02 cá nhân"."""
    money_note: str = ""
    """Article 2 text about the reward money, empty for forms that carry none."""


@dataclass
class SubjectInfo:
    kind: str = ""
    """"unit", "person" or "household"."""
    name: str = ""
    name_upper: str = ""
    birth_date: str = ""
    gender: str = ""
    position: str = ""
    unit: str = ""
    superior_unit: str = ""
    party_join_date: str = ""
    party_official_date: str = ""
    member_count: str = ""
    female_count: str = ""
    unit_kind: str = ""
    address: str = ""
    head_name: str = ""
    head_position: str = ""


@dataclass(kw_only=True)
class AchievementContext(CommonContext):
    """Báo cáo thành tích of one collective or one individual."""

    subject: SubjectInfo = field(default_factory=SubjectInfo)
    award_name: str = ""
    """What is proposed ("Chiến sĩ thi đua cơ sở")."""
    title_registered: str = ""
    pledge_content: str = ""
    achievement_summary: str = ""
    targets: list[TargetRow] = field(default_factory=list)
    targets_summary: str = ""
    """"Đạt 3/3 chỉ tiêu đăng ký (100%)"."""
    ratings: list[AwardHistoryRow] = field(default_factory=list)
    initiatives: list[AwardHistoryRow] = field(default_factory=list)
    """Initiatives of a person recognised (what CSTĐCS relies on), with the recognising decision."""
    titles: list[AwardHistoryRow] = field(default_factory=list)
    awards: list[AwardHistoryRow] = field(default_factory=list)
    proposer_title: str = ""
    """Who certifies and proposes, in capitals ("CHỦ TỊCH UBND PHƯỜNG")."""
    proposer_name: str = ""


@dataclass(kw_only=True)
class PledgeContext(CommonContext):
    """Bản cam kết thi đua of one unit (or person)."""

    subject: SubjectInfo = field(default_factory=SubjectInfo)
    title_registered: str = ""
    pledge_content: str = ""
    pledge_date: str = ""
    targets: list[TargetRow] = field(default_factory=list)


@dataclass(kw_only=True)
class ReviewContext(CommonContext):
    """Báo cáo sơ kết / tổng kết of a campaign or of one of its phases."""

    review_kind: str = ""
    """"sơ kết" or "tổng kết"."""
    review_upper: str = ""
    summary: str = ""
    """The summary line under "BÁO CÁO"."""
    scope: str = ""
    """"giai đoạn 1 (từ tháng 9/2024 đến hết tháng 05/2025)" or the whole period."""
    totals_text: str = ""
    """Registrations: "18 tập thể, 9 cá nhân đăng ký thi đua"."""
    targets_text: str = ""
    """"Đạt 14/38 chỉ tiêu (36,8%)"."""
    units: list[UnitResultRow] = field(default_factory=list)
    target_groups: list[TargetGroup] = field(default_factory=list)
    """Targets of the period by unit or person, with their results."""
    strengths: str = ""
    examples: list[str] = field(default_factory=list)
    shortfalls: list[str] = field(default_factory=list)
    proposals: list[ProposalRow] = field(default_factory=list)
    proposals_text: str = ""
    next_groups: list[TargetGroup] = field(default_factory=list)
    """Targets of the next phase (interim reports), by unit or person."""
    next_heading: str = ""


CONTEXT_TYPES: dict[str, type[CommonContext]] = {
    "to-trinh": ToTrinhContext,
    "danh-sach": DanhSachContext,
    "bien-ban": BienBanContext,
    "quyet-dinh": QuyetDinhContext,
    "bao-cao-thanh-tich": AchievementContext,
    "cam-ket": PledgeContext,
    "bao-cao-so-ket": ReviewContext,
    "bao-cao-tong-ket": ReviewContext,
}
