"""Closed vocabularies of the domain: code values stored in the database and their Vietnamese labels.

Codes are ASCII and never change (they are in the database and in the CLI JSON); labels are what users see.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry a Vietnamese label."""

    label: str

    def __new__(cls, value: str, label: str = "") -> LabelledEnum:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    @classmethod
    def from_label(cls, label: str) -> LabelledEnum:
        for member in cls:
            if member.label == label:
                return member
        raise ValueError(label)

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


class UnitKind(LabelledEnum):
    PARTY_COMMITTEE = ("party_committee", "Đảng ủy")
    PARTY_CELL = ("party_cell", "Chi bộ")
    PEOPLES_COUNCIL = ("peoples_council", "Hội đồng nhân dân")
    PEOPLES_COMMITTEE = ("peoples_committee", "Ủy ban nhân dân")
    FATHERLAND_FRONT = ("fatherland_front", "Mặt trận Tổ quốc")
    MASS_ORGANIZATION = ("mass_organization", "Hội, đoàn thể")
    RESIDENTIAL_GROUP = ("residential_group", "Tổ dân phố")
    ADVISORY_BOARD = ("advisory_board", "Ban tham mưu, giúp việc")
    MILITARY_COMMAND = ("military_command", "Ban Chỉ huy Quân sự")
    POLICE = ("police", "Công an")
    OTHER = ("other", "Khác")


class Gender(LabelledEnum):
    MALE = ("male", "Nam")
    FEMALE = ("female", "Nữ")


class PersonCategory(LabelledEnum):
    OFFICIAL = ("official", "Cán bộ")
    CIVIL_SERVANT = ("civil_servant", "Công chức")
    PUBLIC_EMPLOYEE = ("public_employee", "Viên chức")
    WORKER = ("worker", "Người lao động")
    LABOURER = ("labourer", "Công nhân")
    FARMER = ("farmer", "Nông dân")
    CITIZEN = ("citizen", "Nhân dân")


class CampaignKind(LabelledEnum):
    ANNUAL = ("annual", "Thường xuyên (hằng năm)")
    DRIVE = ("drive", "Theo đợt (cao điểm)")
    THEMATIC = ("thematic", "Theo chuyên đề")


class ReviewKind(LabelledEnum):
    INTERIM = ("interim", "Sơ kết")
    FINAL = ("final", "Tổng kết")


class SubjectType(LabelledEnum):
    UNIT = ("unit", "Tập thể")
    PERSON = ("person", "Cá nhân")
    HOUSEHOLD = ("household", "Hộ gia đình")


class PledgeSource(LabelledEnum):
    MANUAL = ("manual", "Nhập tay")
    IMPORT = ("import", "Nhập từ tệp")


class EvidenceStatus(LabelledEnum):
    UNVERIFIED = ("unverified", "Chưa xác minh")
    VERIFIED = ("verified", "Đã xác minh")
    REJECTED = ("rejected", "Không đạt")


class AwardKind(LabelledEnum):
    TITLE = ("title", "Danh hiệu thi đua")
    AWARD = ("award", "Hình thức khen thưởng")
    RATING = ("rating", "Mức xếp loại")


class Side(LabelledEnum):
    PARTY = ("party", "Khen thưởng của Đảng")
    STATE = ("state", "Khen thưởng của Nhà nước")


class Authority(LabelledEnum):
    """Who signs an award. Names shown to users come from the organization settings."""

    PARTY_COMMITTEE = ("party_committee", "Đảng ủy phường")
    PARTY_STANDING = ("party_standing", "Ban Thường vụ Đảng ủy phường")
    GRASSROOTS_PARTY_COMMITTEE = ("grassroots_party_committee", "Đảng ủy cơ sở (cấp trên của chi bộ)")
    WARD_CHAIRMAN = ("ward_chairman", "Chủ tịch UBND phường")
    DISTRICT_CHAIRMAN = ("district_chairman", "Chủ tịch UBND cấp huyện (trước 01/7/2025)")
    DISTRICT_PARTY_STANDING = ("district_party_standing", "Ban Thường vụ cấp ủy cấp huyện (trước 01/7/2025)")
    SUPERIOR_PARTY_STANDING = ("superior_party_standing", "Ban Thường vụ Tỉnh ủy")
    PROVINCE_CHAIRMAN = ("province_chairman", "Chủ tịch UBND tỉnh")
    CENTRAL = ("central", "Trung ương")


class ProposalStatus(LabelledEnum):
    DRAFT = ("draft", "Dự thảo")
    SUBMITTED = ("submitted", "Trình Ban Thường vụ")
    APPROVED = ("approved", "Đã duyệt")
    SENT = ("sent", "Đã gửi cấp trên")
    DECIDED = ("decided", "Đã có quyết định")
    REJECTED = ("rejected", "Không được duyệt")


PROPOSAL_TRANSITIONS: dict[ProposalStatus, tuple[ProposalStatus, ...]] = {
    ProposalStatus.DRAFT: (ProposalStatus.SUBMITTED, ProposalStatus.REJECTED),
    ProposalStatus.SUBMITTED: (ProposalStatus.APPROVED, ProposalStatus.REJECTED, ProposalStatus.DRAFT),
    ProposalStatus.APPROVED: (ProposalStatus.SENT, ProposalStatus.DECIDED, ProposalStatus.REJECTED),
    ProposalStatus.SENT: (ProposalStatus.DECIDED, ProposalStatus.REJECTED),
    ProposalStatus.DECIDED: (),
    ProposalStatus.REJECTED: (ProposalStatus.DRAFT,),
}


class RatingLevel(LabelledEnum):
    """Annual quality rating (Quy định 366-QĐ/TW; the same four levels for state officials)."""

    EXCELLENT = ("excellent", "Hoàn thành xuất sắc nhiệm vụ")
    GOOD = ("good", "Hoàn thành tốt nhiệm vụ")
    COMPLETE = ("complete", "Hoàn thành nhiệm vụ")
    INCOMPLETE = ("incomplete", "Không hoàn thành nhiệm vụ")


class DisciplineForm(LabelledEnum):
    REPRIMAND = ("reprimand", "Khiển trách")
    WARNING = ("warning", "Cảnh cáo")
    DEMOTION = ("demotion", "Hạ bậc lương")
    DOWNGRADE = ("downgrade", "Giáng chức")
    DISMISSAL = ("dismissal", "Cách chức")
    FORCED_RESIGNATION = ("forced_resignation", "Buộc thôi việc")
    EXPULSION = ("expulsion", "Khai trừ")


class DisciplineSystem(LabelledEnum):
    """Who imposed a discipline: the Party (Điều lệ Đảng, Quy định 69-QĐ/TW) or the employing body (Luật Cán bộ,
    công chức; Luật Viên chức). Only a Party discipline delays the Party badge (Quy định 24-QĐ/TW)."""

    PARTY = ("party", "Kỷ luật Đảng")
    STATE = ("state", "Kỷ luật chính quyền, đoàn thể")


PARTY_ONLY_DISCIPLINES = frozenset({DisciplineForm.EXPULSION.value})
STATE_ONLY_DISCIPLINES = frozenset(
    {DisciplineForm.DEMOTION.value, DisciplineForm.DOWNGRADE.value, DisciplineForm.FORCED_RESIGNATION.value}
)


class InitiativeLevel(LabelledEnum):
    GRASSROOTS = ("grassroots", "Cấp cơ sở")
    PROVINCE = ("province", "Cấp tỉnh")
    NATIONAL = ("national", "Toàn quốc")


class CommendationKind(LabelledEnum):
    """Kinds of commendation (Luật Thi đua, khen thưởng 2022, Điều 8)."""

    CAMPAIGN = ("campaign", "Theo phong trào thi đua (theo đợt, chuyên đề)")
    ANNUAL = ("annual", "Thường xuyên (công trạng, thành tích hằng năm)")
    SUDDEN = ("sudden", "Đột xuất")
    DEDICATION = ("dedication", "Quá trình cống hiến")
    TENURE = ("tenure", "Niên hạn")
    FOREIGN = ("foreign", "Đối ngoại")


class AuditAction(LabelledEnum):
    INSERT = ("insert", "Thêm")
    UPDATE = ("update", "Sửa")
    DELETE = ("delete", "Xóa")
