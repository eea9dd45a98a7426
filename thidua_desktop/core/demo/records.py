"""Demo records the rules read: earlier ratings, awards already received, a discipline, initiatives, the members of
one collective, and a re-admitted Party member with a gap. Invented but realistic, so that the 05/2025 interim
review shows candidates that pass, some that fail for a stated reason and some whose data is missing.

Idempotent like the rest of the demo: every record is matched by its natural key first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from thidua_desktop.core.models import (
    Discipline,
    Initiative,
    InitiativeAuthor,
    PartyMembershipGap,
    Person,
    PriorAward,
    QualityRating,
    Unit,
)

D = date

BCHQS = "Ban Chỉ huy Quân sự phường"
WARD_CHAIRMAN = "Chủ tịch Ủy ban nhân dân phường Nguyễn Nghiêm"
PARTY_COMMITTEE = "Đảng ủy phường Nguyễn Nghiêm"
PARTY_STANDING = "Ban Thường vụ Đảng ủy phường Nguyễn Nghiêm"
PROVINCE_STANDING = "Ban Thường vụ Tỉnh ủy Quảng Ngãi"

# (full name, gender, birth, unit, position, category, party join, party official, card)
EXTRA_PERSONS: list[tuple[str, str, date, str, str, str, date | None, date | None, str]] = [
    (
        "Nguyễn Văn Phúc",
        "male",
        D(1990, 6, 12),
        BCHQS,
        "Phó Chỉ huy trưởng",
        "official",
        D(2012, 12, 22),
        D(2013, 12, 22),
        "50.047781",
    ),
    (
        "Trần Minh Quang",
        "male",
        D(1993, 2, 8),
        BCHQS,
        "Trợ lý Ban Chỉ huy",
        "worker",
        D(2017, 2, 3),
        D(2018, 2, 3),
        "50.058812",
    ),
    ("Lê Văn Tài", "male", D(1995, 10, 1), BCHQS, "Chiến sĩ dân quân thường trực", "worker", None, None, ""),
    ("Phạm Thị Mai", "female", D(1996, 7, 30), BCHQS, "Nhân viên Ban Chỉ huy", "worker", None, None, ""),
    (
        "Huỳnh Văn Tám",
        "male",
        D(1960, 3, 10),
        "Chi bộ Tổ dân phố 4",
        "Đảng viên",
        "citizen",
        D(1990, 5, 19),
        D(1991, 5, 19),
        "50.004415",
    ),
]

# Party membership gaps: (person, start, end = re-admission, reason)
GAPS = [
    (
        "Huỳnh Văn Tám",
        D(1997, 3, 1),
        D(2002, 3, 1),
        "Bị xóa tên do không chuyển sinh hoạt đảng khi đi làm ăn xa; kết nạp lại ngày 01/3/2002",
    ),
]

# Ratings of earlier years and of more people: subject kind, name → {year: level or (level, outstanding)}
PERSON_RATINGS: dict[str, dict[int, str]] = {
    "Đỗ Thị Lan": {2020: "excellent", 2021: "excellent"},
    "Lê Thị Hồng Nhung": {2020: "excellent", 2021: "excellent"},
    "Phạm Thị Thu Hà": {2020: "good", 2021: "excellent"},
    "Nguyễn Thị Ngọc Dung": {2022: "excellent", 2023: "excellent", 2024: "excellent"},
    "Trần Văn Hùng": {2023: "excellent", 2024: "good"},
    "Lê Quang Vinh": {2023: "excellent", 2024: "excellent"},
    "Bùi Thanh Sơn": {2024: "good"},
    "Ngô Thị Bích Thủy": {2024: "excellent"},
    "Trương Công Danh": {2024: "good"},
    "Lương Thị Cúc": {2024: "excellent"},
    "Võ Đình Khang": {2024: "good"},
    "Đinh Văn Út": {2024: "good"},
    "Nguyễn Đức Thắng": {2024: "good"},
    "Mai Xuân Trường": {2024: "good"},
    "Lý Văn Khải": {2024: "good"},
    "Âu Thị Ngọc": {2024: "good"},
    "Tạ Thị Kim Oanh": {2024: "good"},
    "Đặng Văn Lộc": {2023: "excellent", 2024: "excellent"},
    "Nguyễn Văn Phúc": {2024: "good"},
    "Trần Minh Quang": {2024: "good"},
    "Lê Văn Tài": {2024: "good"},
    "Phạm Thị Mai": {2024: "complete"},
}
UNIT_RATINGS: dict[str, dict[int, tuple[str, bool]]] = {
    PARTY_COMMITTEE: {2024: ("excellent", True)},
    "Chi bộ Tổ dân phố 1": {y: ("excellent", y == 2024) for y in range(2020, 2025)},
    "Chi bộ Tổ dân phố 2": {y: ("excellent", False) for y in range(2020, 2025)},
    "Chi bộ Tổ dân phố 3": {2023: ("excellent", False), 2024: ("good", False)},
    "Chi bộ Tổ dân phố 4": {2024: ("good", False)},
    "Chi bộ Cơ quan phường": {2024: ("excellent", True)},
    "Ủy ban nhân dân phường Nguyễn Nghiêm": {2023: ("excellent", False), 2024: ("excellent", False)},
    BCHQS: {2023: ("excellent", False), 2024: ("excellent", False)},
    "Công an phường Nguyễn Nghiêm": {2024: ("good", False)},
    "Ủy ban Mặt trận Tổ quốc Việt Nam phường": {2024: ("excellent", False)},
    "Hội Liên hiệp Phụ nữ phường": {2023: ("good", False), 2024: ("excellent", False)},
    "Hội Cựu chiến binh phường": {2024: ("good", False)},
}

# Awards already received: (kind, name, code, form name, level, year, decision number, decision date, authority)
PRIOR_AWARDS: list[tuple[str, str, str, str, str, int, str, date, str]] = [
    (
        "person",
        "Phạm Thị Thu Hà",
        "CSTDCS",
        "Chiến sĩ thi đua cơ sở",
        "",
        2022,
        "2150/QĐ-UBND",
        D(2022, 12, 28),
        WARD_CHAIRMAN,
    ),
    (
        "person",
        "Phạm Thị Thu Hà",
        "LDTT",
        "Lao động tiên tiến",
        "",
        2023,
        "2311/QĐ-UBND",
        D(2023, 12, 27),
        WARD_CHAIRMAN,
    ),
    (
        "person",
        "Đỗ Thị Lan",
        "CSTDCS",
        "Chiến sĩ thi đua cơ sở",
        "",
        2022,
        "2150/QĐ-UBND",
        D(2022, 12, 28),
        WARD_CHAIRMAN,
    ),
    (
        "person",
        "Đỗ Thị Lan",
        "CSTDCS",
        "Chiến sĩ thi đua cơ sở",
        "",
        2023,
        "2311/QĐ-UBND",
        D(2023, 12, 27),
        WARD_CHAIRMAN,
    ),
    (
        "person",
        "Dương Thị Hạnh",
        "LDTT",
        "Lao động tiên tiến",
        "",
        2022,
        "2150/QĐ-UBND",
        D(2022, 12, 28),
        WARD_CHAIRMAN,
    ),
    (
        "person",
        "Dương Thị Hạnh",
        "CSTDCS",
        "Chiến sĩ thi đua cơ sở",
        "",
        2023,
        "2311/QĐ-UBND",
        D(2023, 12, 27),
        WARD_CHAIRMAN,
    ),
    (
        "person",
        "Võ Minh Tuấn",
        "LDTT",
        "Lao động tiên tiến",
        "",
        2022,
        "2150/QĐ-UBND",
        D(2022, 12, 28),
        WARD_CHAIRMAN,
    ),
    (
        "person",
        "Võ Minh Tuấn",
        "LDTT",
        "Lao động tiên tiến",
        "",
        2023,
        "2311/QĐ-UBND",
        D(2023, 12, 27),
        WARD_CHAIRMAN,
    ),
    (
        "person",
        "Võ Minh Tuấn",
        "LDTT",
        "Lao động tiên tiến",
        "",
        2024,
        "2466/QĐ-UBND",
        D(2024, 12, 26),
        WARD_CHAIRMAN,
    ),
    (
        "person",
        "Đặng Văn Lộc",
        "CSTDCS",
        "Chiến sĩ thi đua cơ sở",
        "",
        2024,
        "2466/QĐ-UBND",
        D(2024, 12, 26),
        WARD_CHAIRMAN,
    ),
    (
        "person",
        "Nguyễn Văn Phúc",
        "LDTT",
        "Lao động tiên tiến",
        "",
        2024,
        "2466/QĐ-UBND",
        D(2024, 12, 26),
        WARD_CHAIRMAN,
    ),
    (
        "person",
        "Trần Minh Quang",
        "LDTT",
        "Lao động tiên tiến",
        "",
        2024,
        "2466/QĐ-UBND",
        D(2024, 12, 26),
        WARD_CHAIRMAN,
    ),
    (
        "person",
        "Lê Văn Tài",
        "LDTT",
        "Lao động tiên tiến",
        "",
        2024,
        "2466/QĐ-UBND",
        D(2024, 12, 26),
        WARD_CHAIRMAN,
    ),
    (
        "person",
        "Hồ Ngọc Ánh",
        "GK_DANG_UY",
        "Giấy khen của Đảng ủy phường",
        "",
        2023,
        "215-QĐ/ĐU",
        D(2024, 1, 15),
        PARTY_COMMITTEE,
    ),
    (
        "person",
        "Nguyễn Văn Ân",
        "HUY_HIEU_DANG",
        "Huy hiệu Đảng",
        "55 năm tuổi Đảng",
        2020,
        "1402-QĐ/TU",
        D(2020, 9, 2),
        PROVINCE_STANDING,
    ),
    (
        "person",
        "Phan Văn Bảy",
        "HUY_HIEU_DANG",
        "Huy hiệu Đảng",
        "50 năm tuổi Đảng",
        2025,
        "2210-QĐ/TU",
        D(2025, 2, 3),
        PROVINCE_STANDING,
    ),
    (
        "person",
        "Đinh Văn Út",
        "HUY_HIEU_DANG",
        "Huy hiệu Đảng",
        "45 năm tuổi Đảng",
        2025,
        "2210-QĐ/TU",
        D(2025, 2, 3),
        PROVINCE_STANDING,
    ),
    (
        "person",
        "Võ Đình Khang",
        "HUY_HIEU_DANG",
        "Huy hiệu Đảng",
        "30 năm tuổi Đảng",
        2024,
        "2105-QĐ/TU",
        D(2024, 11, 7),
        PROVINCE_STANDING,
    ),
    (
        "unit",
        "Chi bộ Tổ dân phố 1",
        "GK_BTV_DANG_UY",
        "Giấy khen của Ban Thường vụ Đảng ủy phường",
        "",
        2022,
        "98-QĐ/ĐU",
        D(2023, 1, 20),
        PARTY_STANDING,
    ),
    (
        "unit",
        BCHQS,
        "TTLDTT",
        "Tập thể lao động tiên tiến",
        "",
        2023,
        "2311/QĐ-UBND",
        D(2023, 12, 27),
        WARD_CHAIRMAN,
    ),
]

# Disciplines: (name, form, Party or State, decision number, decision date, start, end, reason)
DISCIPLINES = [
    (
        "Hà Văn Nam",
        "reprimand",
        "state",
        "36/QĐ-UBND",
        D(2024, 9, 5),
        D(2024, 9, 10),
        None,
        "Chậm trễ trong thanh toán, quyết toán kinh phí hoạt động của các tổ dân phố",
    ),
    (
        "Phạm Văn Đức",
        "reprimand",
        "party",
        "12-QĐ/ĐU",
        D(2025, 1, 10),
        D(2025, 1, 10),
        D(2025, 7, 9),
        "Vi phạm quy định về sinh hoạt đảng",
    ),
]

# Initiatives: (title, level, recognised, decision, authors)
INITIATIVES: list[tuple[str, str, date | None, str, list[str]]] = [
    (
        "Số hóa quy trình tiếp nhận, trả kết quả hồ sơ liên thông tại Bộ phận Một cửa",
        "province",
        D(2024, 11, 15),
        "Quyết định số 112/QĐ-HĐSK ngày 15/11/2024 của Hội đồng sáng kiến tỉnh",
        ["Phạm Thị Thu Hà"],
    ),
    (
        "Sổ tay điện tử hướng dẫn thủ tục lĩnh vực văn hóa - xã hội",
        "grassroots",
        D(2024, 10, 20),
        "Quyết định số 1802/QĐ-UBND ngày 20/10/2024",
        ["Huỳnh Thị Mỹ Lệ"],
    ),
    (
        "Mô hình «Tuyến phố không dùng tiền mặt» tại chợ Nguyễn Nghiêm",
        "province",
        None,
        "Đang chờ Hội đồng sáng kiến tỉnh ban hành quyết định",
        ["Đỗ Thị Lan"],
    ),
    (
        "Bảng tra cứu thủ tục chứng thực trên Cổng thông tin phường",
        "grassroots",
        D(2023, 8, 30),
        "Quyết định số 1450/QĐ-UBND ngày 30/8/2023",
        ["Võ Minh Tuấn"],
    ),
]


GetOrCreate = Callable[..., Any]
"""The demo loader's ``get_or_create(model, key, **values)``: match by natural key, create when missing."""


class _Records:
    def __init__(self, session: Session, get_or_create: GetOrCreate) -> None:
        self.get_or_create = get_or_create
        self.units = {u.name: u for u in session.scalars(select(Unit))}
        self.persons: dict[str, Person] = {p.full_name: p for p in session.scalars(select(Person))}

    def subject(self, kind: str, name: str) -> dict[str, int]:
        return {"unit_id": self.units[name].id} if kind == "unit" else {"person_id": self.persons[name].id}

    def load(self) -> None:
        for name, gender, birth, unit, position, category, joined, official, card in EXTRA_PERSONS:
            self.persons[name] = self.get_or_create(
                Person,
                {"full_name": name, "birth_date": birth},
                gender=gender,
                unit_id=self.units[unit].id,
                position=position,
                category=category,
                is_party_member=joined is not None,
                party_join_date=joined,
                party_official_date=official,
                party_card_number=card,
            )
        for name, gap_start, gap_end, why in GAPS:
            self.get_or_create(
                PartyMembershipGap,
                {"person_id": self.persons[name].id, "start_date": gap_start},
                end_date=gap_end,
                reason=why,
            )
        for name, years in PERSON_RATINGS.items():
            for year, level in years.items():
                self.get_or_create(
                    QualityRating, {"person_id": self.persons[name].id, "year": year}, level=level
                )
        for unit_name, unit_years in UNIT_RATINGS.items():
            for year, (level, outstanding) in unit_years.items():
                self.get_or_create(
                    QualityRating,
                    {"unit_id": self.units[unit_name].id, "year": year},
                    level=level,
                    is_outstanding=outstanding,
                )
        for kind, name, code, form_name, level, year, number, when, authority in PRIOR_AWARDS:
            self.get_or_create(
                PriorAward,
                {**self.subject(kind, name), "award_code": code, "year": year},
                form_name=form_name,
                level=level,
                decision_number=number,
                decision_date=when,
                authority_name=authority,
            )
        for name, form, system, number, decided, start, end, reason in DISCIPLINES:
            self.get_or_create(
                Discipline,
                {"person_id": self.persons[name].id, "start_date": start},
                form=form,
                system=system,
                decision_number=number,
                decision_date=decided,
                end_date=end,
                reason=reason,
            )
        for title, level, recognised, decision, authors in INITIATIVES:
            initiative = self.get_or_create(
                Initiative, {"title": title}, level=level, recognized_date=recognised, decision_ref=decision
            )
            for author in authors:
                self.get_or_create(
                    InitiativeAuthor, {"initiative_id": initiative.id, "person_id": self.persons[author].id}
                )


def load_records(session: Session, get_or_create: GetOrCreate) -> None:
    """Add the demo's records for the rules through the loader's ``get_or_create`` (which counts what it creates)."""
    _Records(session, get_or_create).load()
