"""The kinds of sheet the program exchanges with branches, their fields and the header words that name them.

Shared by the importer (which recognises real-world headers through the synonyms) and the exporters (which write
the canonical header, so that our own sheets always come back recognised). Synonyms are compared after
``core.text.fold`` (lower case, no diacritics, single spaces), so list them in any spelling.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SheetKind(StrEnum):
    PEOPLE = "people"
    PERSON_PLEDGES = "person_pledges"
    UNIT_TARGETS = "unit_targets"
    RESULTS = "results"
    RATINGS = "ratings"


SHEET_KIND_LABELS: dict[SheetKind, str] = {
    SheetKind.PEOPLE: "Danh sách cán bộ, đảng viên",
    SheetKind.PERSON_PLEDGES: "Đăng ký thi đua cá nhân",
    SheetKind.UNIT_TARGETS: "Chỉ tiêu thi đua tập thể",
    SheetKind.RESULTS: "Kết quả thực hiện chỉ tiêu",
    SheetKind.RATINGS: "Xếp loại chất lượng hằng năm",
}


@dataclass(frozen=True)
class Field:
    code: str
    header: str
    synonyms: tuple[str, ...] = ()
    required: bool = False


ORDINAL = Field("ordinal", "STT", ("stt", "so tt", "so thu tu", "tt"))
FULL_NAME = Field(
    "full_name",
    "Họ và tên",
    ("ho va ten", "ho ten", "ho, ten", "ho va ten dang vien", "ho ten dang vien", "ten", "ho va ten can bo"),
    required=True,
)
BIRTH_DATE = Field(
    "birth_date",
    "Ngày sinh",
    ("ngay sinh", "ngay, thang, nam sinh", "ngay thang nam sinh", "nam sinh", "sinh ngay", "sinh"),
)
GENDER = Field("gender", "Giới tính", ("gioi tinh", "nam/nu", "nam, nu", "phai"))
PARTY_JOIN = Field(
    "party_join_date",
    "Ngày vào Đảng",
    ("ngay vao dang", "ngay ket nap", "ngay ket nap dang", "ngay vao dcsvn", "vao dang", "ket nap"),
)
PARTY_OFFICIAL = Field(
    "party_official_date",
    "Ngày chính thức",
    ("ngay chinh thuc", "ngay cong nhan chinh thuc", "ngay chuyen chinh thuc", "chinh thuc"),
)
CARD = Field("party_card_number", "Số thẻ đảng viên", ("so the dang vien", "so the dang", "so the"))
UNIT = Field(
    "unit",
    "Chi bộ, đơn vị",
    (
        "chi bo",
        "chi bo sinh hoat",
        "don vi",
        "don vi cong tac",
        "co quan, don vi",
        "chi bo, don vi",
        "to dan pho",
        "tap the",
    ),
)
POSITION = Field("position", "Chức vụ", ("chuc vu", "chuc danh", "chuc vu, don vi", "nhiem vu"))
TITLE = Field(
    "title",
    "Danh hiệu đăng ký",
    (
        "danh hieu dang ky",
        "danh hieu",
        "dang ky danh hieu",
        "danh hieu thi dua",
        "dang ky thi dua",
        "muc phan dau",
    ),
)
PLEDGE_CONTENT = Field(
    "content",
    "Nội dung đăng ký",
    ("noi dung dang ky", "noi dung", "noi dung cam ket", "cam ket", "noi dung thi dua"),
)
TARGET_CONTENT = Field(
    "target",
    "Nội dung chỉ tiêu",
    ("noi dung chi tieu", "chi tieu", "ten chi tieu", "phan viec", "noi dung phan viec", "noi dung"),
    required=True,
)
TARGET_VALUE = Field(
    "target_value",
    "Chỉ tiêu đăng ký",
    ("chi tieu dang ky", "gia tri chi tieu", "muc chi tieu", "so luong", "ty le", "chi tieu (so)"),
)
MEASURE = Field("unit_of_measure", "Đơn vị tính", ("don vi tinh", "dvt", "don vi do"))
DEADLINE = Field(
    "deadline",
    "Thời hạn",
    ("thoi han", "thoi gian hoan thanh", "han hoan thanh", "thoi gian", "thoi gian thuc hien"),
)
PHASE = Field("phase", "Giai đoạn", ("giai doan", "dot"))
ACHIEVED = Field(
    "achieved_value",
    "Kết quả đạt được",
    ("ket qua dat duoc", "ket qua", "ket qua thuc hien", "da dat", "thuc hien"),
    required=True,
)
ACHIEVED_DATE = Field("achieved_date", "Ngày đạt", ("ngay dat", "ngay hoan thanh", "thoi diem dat"))
EVIDENCE_REF = Field(
    "document_ref",
    "Văn bản minh chứng",
    ("van ban minh chung", "minh chung", "so van ban", "tai lieu minh chung", "can cu"),
)
NOTES = Field("notes", "Ghi chú", ("ghi chu",))
YEAR = Field("year", "Năm", ("nam", "nam xep loai", "nam danh gia", "xep loai nam"))
RATING = Field(
    "rating",
    "Xếp loại",
    (
        "xep loai",
        "xep loai chat luong",
        "muc xep loai",
        "ket qua xep loai",
        "danh gia, xep loai",
        "ket qua danh gia, xep loai",
        "muc chat luong",
    ),
    required=True,
)
SCORE = Field("score", "Điểm", ("diem", "tong diem", "diem danh gia", "diem tu cham", "diem xep loai"))

KIND_FIELDS: dict[SheetKind, tuple[Field, ...]] = {
    SheetKind.PEOPLE: (
        ORDINAL,
        FULL_NAME,
        BIRTH_DATE,
        GENDER,
        PARTY_JOIN,
        PARTY_OFFICIAL,
        CARD,
        UNIT,
        POSITION,
        NOTES,
    ),
    SheetKind.PERSON_PLEDGES: (ORDINAL, FULL_NAME, BIRTH_DATE, POSITION, TITLE, PLEDGE_CONTENT, NOTES),
    SheetKind.UNIT_TARGETS: (ORDINAL, UNIT, TARGET_CONTENT, TARGET_VALUE, MEASURE, DEADLINE, PHASE, NOTES),
    SheetKind.RESULTS: (
        ORDINAL,
        UNIT,
        FULL_NAME,
        TARGET_CONTENT,
        TARGET_VALUE,
        ACHIEVED,
        ACHIEVED_DATE,
        EVIDENCE_REF,
        NOTES,
    ),
    SheetKind.RATINGS: (ORDINAL, FULL_NAME, BIRTH_DATE, UNIT, POSITION, YEAR, RATING, SCORE, NOTES),
}

META_SHEET = "_thidua_meta"
"""Name of the very-hidden sheet our exported workbooks carry: rows of (key, value)."""
TEMPLATE_VERSION = "1"
META_KEYS = ("template_version", "campaign_id", "unit_id", "unit_name", "generated_at", "program_version")
