"""Organization settings: names of the committee, its superiors and signatories. Settings, never constants,
because since 01/07/2025 the superior bodies and who decides what depend on the province's arrangement."""

from __future__ import annotations

from dataclasses import dataclass, fields

from thidua_desktop.core.enums import Authority


@dataclass
class OrganizationSettings:
    committee_name: str = "Đảng ủy phường Nguyễn Nghiêm"
    party_organization_name: str = "Đảng bộ phường Nguyễn Nghiêm"
    superior_party_organization: str = "Đảng bộ tỉnh Quảng Ngãi"
    superior_party_committee: str = "Tỉnh ủy Quảng Ngãi"
    state_body_name: str = "Ủy ban nhân dân phường Nguyễn Nghiêm"
    peoples_council_name: str = "Hội đồng nhân dân phường Nguyễn Nghiêm"
    superior_state_body: str = "Ủy ban nhân dân tỉnh Quảng Ngãi"
    province_name: str = "Quảng Ngãi"
    place_name: str = "Nguyễn Nghiêm"
    signatory_name: str = "Nguyễn Thị Ngọc Dung"
    signatory_title: str = "Bí thư"
    signatory_on_behalf: str = "T/M ĐẢNG ỦY"
    state_signatory_name: str = ""
    state_signatory_title: str = "Chủ tịch"
    organization_board_name: str = "Ban Tổ chức Đảng ủy"
    party_number_suffix: str = "ĐU"
    state_number_suffix: str = "UBND"
    authority_party_committee: str = "Đảng ủy phường Nguyễn Nghiêm"
    authority_party_standing: str = "Ban Thường vụ Đảng ủy phường Nguyễn Nghiêm"
    authority_grassroots_party_committee: str = "Đảng ủy cơ sở"
    """Fallback only: the grassroots đảng ủy of a chi bộ is named from the unit tree."""
    authority_ward_chairman: str = "Chủ tịch Ủy ban nhân dân phường Nguyễn Nghiêm"
    authority_superior_party_standing: str = "Ban Thường vụ Tỉnh ủy Quảng Ngãi"
    authority_province_chairman: str = "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ngãi"
    authority_central: str = "Trung ương"
    authority_district_chairman: str = "Chủ tịch Ủy ban nhân dân thành phố Quảng Ngãi"
    authority_district_party_standing: str = "Ban Thường vụ Thành ủy Quảng Ngãi"
    council_members: str = ""
    """Members of the ward's Hội đồng Thi đua - Khen thưởng, "Họ tên - chức vụ" separated by ";" (the chair
    first): the Biên bản names who was present and absent, and the ballot counts against their number."""
    standing_members: str = ""
    """Members of the Ban Thường vụ Đảng ủy, as ``council_members``: the Party Biên bản names them."""
    council_number_suffix: str = "HĐTĐKT"
    """The council's own symbol ("Số: 05/TTr-HĐTĐKT"): its papers are not the UBND's."""
    organization_board_head: str = ""
    """Head of the Ban Tổ chức Đảng ủy: the Party Tờ trình to the Ban Thường vụ is the board's, signed by them."""
    organization_board_suffix: str = "BTCĐU"
    """The board's symbol ("Số 52-TTr/BTCĐU")."""

    def authority_name(self, authority: str) -> str:
        return str(getattr(self, f"authority_{Authority(authority).value}"))


SETTING_LABELS: dict[str, str] = {
    "committee_name": "Tên cấp ủy",
    "party_organization_name": "Tên đảng bộ",
    "superior_party_organization": "Đảng bộ cấp trên",
    "superior_party_committee": "Cấp ủy cấp trên",
    "state_body_name": "Cơ quan hành chính",
    "peoples_council_name": "Hội đồng nhân dân",
    "superior_state_body": "Cơ quan hành chính cấp trên",
    "province_name": "Tỉnh, thành phố",
    "place_name": "Địa danh ghi trên văn bản",
    "signatory_name": "Người ký (Đảng ủy)",
    "signatory_title": "Chức vụ người ký (Đảng ủy)",
    "signatory_on_behalf": "Thẩm quyền ký (T/M...)",
    "state_signatory_name": "Người ký (UBND)",
    "state_signatory_title": "Chức vụ người ký (UBND)",
    "organization_board_name": "Cơ quan thường trực thi đua",
    "party_number_suffix": "Ký hiệu số văn bản Đảng",
    "state_number_suffix": "Ký hiệu số văn bản Nhà nước",
    "authority_party_committee": "Cấp khen: Đảng ủy",
    "authority_party_standing": "Cấp khen: Ban Thường vụ Đảng ủy",
    "authority_ward_chairman": "Cấp khen: Chủ tịch UBND phường",
    "authority_superior_party_standing": "Cấp khen: Ban Thường vụ cấp ủy cấp trên",
    "authority_province_chairman": "Cấp khen: Chủ tịch UBND tỉnh",
    "authority_central": "Cấp khen: Trung ương",
    "authority_grassroots_party_committee": "Cấp khen: Đảng ủy cơ sở (khi không rõ tên)",
    "authority_district_chairman": "Cấp khen: Chủ tịch UBND cấp huyện (trước 01/7/2025)",
    "authority_district_party_standing": "Cấp khen: Ban Thường vụ cấp ủy cấp huyện (trước 01/7/2025)",
    "council_members": "Thành viên Hội đồng Thi đua - Khen thưởng (họ tên - chức vụ; cách nhau bằng dấu ;)",
    "standing_members": "Ủy viên Ban Thường vụ Đảng ủy (họ tên - chức vụ; cách nhau bằng dấu ;)",
    "council_number_suffix": "Ký hiệu văn bản của Hội đồng Thi đua - Khen thưởng",
    "organization_board_head": "Trưởng Ban Tổ chức Đảng ủy (ký tờ trình gửi Ban Thường vụ)",
    "organization_board_suffix": "Ký hiệu văn bản của Ban Tổ chức Đảng ủy",
}


@dataclass(frozen=True)
class Member:
    name: str
    title: str = ""


def members_of(text: str) -> list[Member]:
    """ "Lê Quang Vinh - Chủ tịch UBND phường, Chủ tịch Hội đồng; Trần Văn Hùng - ..." → members, in order."""
    found = []
    for part in text.replace("\n", ";").split(";"):
        name, _dash, title = part.strip().partition(" - ")
        if name.strip():
            found.append(Member(name.strip(), title.strip()))
    return found


SETTING_KEYS = tuple(f.name for f in fields(OrganizationSettings))
