"""The shipped catalogue of emulation titles, award forms and Party rating levels.

Seeded into the ``award_form`` table on first open; users may edit names, authorities and coefficients in the
settings, and codes never change. Coefficients × base salary give the reward money (NĐ 152/2025/NĐ-CP Điều 50,
54); ``coefficient_unit`` is for collectives, households get 1.5 × the individual amount.
"""

from __future__ import annotations

from dataclasses import dataclass

from thidua_desktop.core.enums import Authority, AwardKind, Side


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    name: str
    kind: AwardKind
    side: Side
    for_unit: bool
    for_person: bool
    for_household: bool
    authority: Authority
    coefficient_person: float | None
    coefficient_unit: float | None
    legal_basis: str


T, A, R = AwardKind.TITLE, AwardKind.AWARD, AwardKind.RATING
P, S = Side.PARTY, Side.STATE

CATALOGUE: tuple[CatalogueEntry, ...] = (
    CatalogueEntry(
        "LDTT",
        "Lao động tiên tiến",
        T,
        S,
        False,
        True,
        False,
        Authority.WARD_CHAIRMAN,
        0.3,
        None,
        "Luật TĐKT 2022 Điều 24; NĐ 129/2025/NĐ-CP Điều 59",
    ),
    CatalogueEntry(
        "CSTDCS",
        "Chiến sĩ thi đua cơ sở",
        T,
        S,
        False,
        True,
        False,
        Authority.WARD_CHAIRMAN,
        1.0,
        None,
        "Luật TĐKT 2022 Điều 23; NĐ 129/2025/NĐ-CP Điều 59",
    ),
    CatalogueEntry(
        "CSTD_TINH",
        "Chiến sĩ thi đua cấp tỉnh",
        T,
        S,
        False,
        True,
        False,
        Authority.PROVINCE_CHAIRMAN,
        3.0,
        None,
        "Luật TĐKT 2022 Điều 22",
    ),
    CatalogueEntry(
        "TTLDTT",
        "Tập thể lao động tiên tiến",
        T,
        S,
        True,
        False,
        False,
        Authority.WARD_CHAIRMAN,
        None,
        0.8,
        "Luật TĐKT 2022 Điều 28; NĐ 129/2025/NĐ-CP Điều 59",
    ),
    CatalogueEntry(
        "TTLDXS",
        "Tập thể lao động xuất sắc",
        T,
        S,
        True,
        False,
        False,
        Authority.PROVINCE_CHAIRMAN,
        None,
        1.5,
        "Luật TĐKT 2022 Điều 27",
    ),
    CatalogueEntry(
        "TDP_VAN_HOA",
        "Tổ dân phố văn hóa",
        T,
        S,
        True,
        False,
        False,
        Authority.WARD_CHAIRMAN,
        None,
        1.5,
        "Luật TĐKT 2022 Điều 29; NĐ 86/2023/NĐ-CP",
    ),
    CatalogueEntry(
        "GD_VAN_HOA",
        "Gia đình văn hóa",
        T,
        S,
        False,
        False,
        True,
        Authority.WARD_CHAIRMAN,
        None,
        None,
        "Luật TĐKT 2022 Điều 30; NĐ 86/2023/NĐ-CP",
    ),
    CatalogueEntry(
        "GK_CT_UBND_PHUONG",
        "Giấy khen của Chủ tịch UBND phường",
        A,
        S,
        True,
        True,
        True,
        Authority.WARD_CHAIRMAN,
        0.3,
        0.6,
        "Luật TĐKT 2022 Điều 75",
    ),
    CatalogueEntry(
        "BK_CT_UBND_TINH",
        "Bằng khen của Chủ tịch UBND tỉnh",
        A,
        S,
        True,
        True,
        True,
        Authority.PROVINCE_CHAIRMAN,
        1.0,
        2.0,
        "Luật TĐKT 2022 Điều 72",
    ),
    CatalogueEntry(
        "XL_HTXSNV",
        "Hoàn thành xuất sắc nhiệm vụ",
        R,
        P,
        True,
        True,
        False,
        Authority.PARTY_COMMITTEE,
        None,
        None,
        "Quy định 366-QĐ/TW",
    ),
    CatalogueEntry(
        "XL_HTXSNV_TB",
        "Hoàn thành xuất sắc nhiệm vụ tiêu biểu",
        R,
        P,
        True,
        False,
        False,
        Authority.PARTY_COMMITTEE,
        None,
        None,
        "Hướng dẫn 06-HD/TW mục 19",
    ),
    CatalogueEntry(
        "XL_HTTNV",
        "Hoàn thành tốt nhiệm vụ",
        R,
        P,
        True,
        True,
        False,
        Authority.PARTY_COMMITTEE,
        None,
        None,
        "Quy định 366-QĐ/TW",
    ),
    CatalogueEntry(
        "XL_HTNV",
        "Hoàn thành nhiệm vụ",
        R,
        P,
        True,
        True,
        False,
        Authority.PARTY_COMMITTEE,
        None,
        None,
        "Quy định 366-QĐ/TW",
    ),
    CatalogueEntry(
        "GK_DANG_UY",
        "Giấy khen của Đảng ủy phường",
        A,
        P,
        True,
        True,
        False,
        Authority.PARTY_COMMITTEE,
        None,
        None,
        "Điều lệ Đảng Điều 34; Hướng dẫn 06-HD/TW mục 19",
    ),
    CatalogueEntry(
        "GK_BTV_DANG_UY",
        "Giấy khen của Ban Thường vụ Đảng ủy phường",
        A,
        P,
        True,
        True,
        False,
        Authority.PARTY_STANDING,
        None,
        None,
        "Hướng dẫn 06-HD/TW mục 19",
    ),
    CatalogueEntry(
        "BK_BTV_TINH_UY",
        "Bằng khen của Ban Thường vụ Tỉnh ủy",
        A,
        P,
        True,
        True,
        False,
        Authority.SUPERIOR_PARTY_STANDING,
        None,
        None,
        "Hướng dẫn 06-HD/TW mục 19",
    ),
    CatalogueEntry(
        "HUY_HIEU_DANG",
        "Huy hiệu Đảng",
        A,
        P,
        False,
        True,
        False,
        Authority.SUPERIOR_PARTY_STANDING,
        None,
        None,
        "Điều lệ Đảng; Hướng dẫn 06-HD/TW mục 18",
    ),
)

PLEDGE_TITLE_CODES: tuple[str, ...] = (
    "LDTT",
    "CSTDCS",
    "CSTD_TINH",
    "TTLDTT",
    "TTLDXS",
    "TDP_VAN_HOA",
    "GD_VAN_HOA",
    "XL_HTXSNV",
    "XL_HTXSNV_TB",
    "XL_HTTNV",
)
"""Titles and rating levels a subject may register for in a pledge."""


def entry(code: str) -> CatalogueEntry:
    for item in CATALOGUE:
        if item.code == code:
            return item
    raise KeyError(code)
