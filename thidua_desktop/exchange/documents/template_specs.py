"""Which Word template serves which document: the shipped files, their kinds and titles, the user's copies.

Kept apart from ``templates`` (which loads, validates and renders with docxtpl) so that menus and dialogs can list
the documents without loading docxtpl.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from thidua_desktop.core.enums import Side
from thidua_desktop.core.errors import UserError
from thidua_desktop.core.storage.paths import resource_root
from thidua_desktop.exchange.documents.contexts import (
    AchievementContext,
    BienBanContext,
    CommonContext,
    DanhSachContext,
    PledgeContext,
    QuyetDinhContext,
    ReviewContext,
    ToTrinhContext,
)

FORMS_DIR_NAME = "forms"


@dataclass(frozen=True)
class TemplateSpec:
    file: str
    kind: str
    """The document kind ("to-trinh"...), as on the command line."""
    title: str
    """What the document is, in Vietnamese."""
    side: Side
    """Party or state format (``format_rules``)."""
    context_type: type[CommonContext]
    subject_kind: str = ""
    """For achievement reports: "unit" or "person"."""


def _spec(
    file: str, kind: str, title: str, side: Side, context: type[CommonContext], subject: str = ""
) -> TemplateSpec:
    return TemplateSpec(file, kind, title, side, context, subject)


P, S = Side.PARTY, Side.STATE
SPECS: tuple[TemplateSpec, ...] = (
    _spec("to-trinh-dang.docx", "to-trinh", "Tờ trình đề nghị khen thưởng (văn bản Đảng)", P, ToTrinhContext),
    _spec(
        "to-trinh-nha-nuoc.docx",
        "to-trinh",
        "Tờ trình đề nghị khen thưởng (Mẫu số 01, Nghị định 152/2025/NĐ-CP)",
        S,
        ToTrinhContext,
    ),
    _spec(
        "danh-sach-dang.docx", "danh-sach", "Danh sách đề nghị khen thưởng (văn bản Đảng)", P, DanhSachContext
    ),
    _spec(
        "danh-sach-nha-nuoc.docx",
        "danh-sach",
        "Danh sách đề nghị khen thưởng (văn bản Nhà nước)",
        S,
        DanhSachContext,
    ),
    _spec("bien-ban-dang.docx", "bien-ban", "Biên bản họp Ban Thường vụ xét khen thưởng", P, BienBanContext),
    _spec(
        "bien-ban-nha-nuoc.docx", "bien-ban", "Biên bản họp Hội đồng Thi đua - Khen thưởng", S, BienBanContext
    ),
    _spec("quyet-dinh-dang.docx", "quyet-dinh", "Quyết định khen thưởng (Đảng ủy)", P, QuyetDinhContext),
    _spec(
        "quyet-dinh-nha-nuoc.docx",
        "quyet-dinh",
        "Quyết định khen thưởng (Chủ tịch UBND)",
        S,
        QuyetDinhContext,
    ),
    _spec(
        "bao-cao-thanh-tich-tap-the-dang.docx",
        "bao-cao-thanh-tich",
        "Báo cáo thành tích của tập thể (tổ chức đảng)",
        P,
        AchievementContext,
        "unit",
    ),
    _spec(
        "bao-cao-thanh-tich-ca-nhan-dang.docx",
        "bao-cao-thanh-tich",
        "Báo cáo thành tích của cá nhân (đảng viên)",
        P,
        AchievementContext,
        "person",
    ),
    _spec(
        "bao-cao-thanh-tich-tap-the-nha-nuoc.docx",
        "bao-cao-thanh-tich",
        "Báo cáo thành tích của tập thể (Nghị định 152/2025/NĐ-CP)",
        S,
        AchievementContext,
        "unit",
    ),
    _spec(
        "bao-cao-thanh-tich-ca-nhan-nha-nuoc.docx",
        "bao-cao-thanh-tich",
        "Báo cáo thành tích của cá nhân (Mẫu số 05, Nghị định 152/2025/NĐ-CP)",
        S,
        AchievementContext,
        "person",
    ),
    _spec("cam-ket-dang.docx", "cam-ket", "Bản cam kết thi đua (tổ chức đảng)", P, PledgeContext),
    _spec("cam-ket-nha-nuoc.docx", "cam-ket", "Bản cam kết thi đua (cơ quan, đoàn thể)", S, PledgeContext),
    _spec("bao-cao-so-ket.docx", "bao-cao-so-ket", "Báo cáo sơ kết phong trào thi đua", P, ReviewContext),
    _spec(
        "bao-cao-tong-ket.docx", "bao-cao-tong-ket", "Báo cáo tổng kết phong trào thi đua", P, ReviewContext
    ),
)
SPECS_BY_FILE: dict[str, TemplateSpec] = {s.file: s for s in SPECS}
KINDS: tuple[str, ...] = (
    "to-trinh",
    "danh-sach",
    "bao-cao-thanh-tich",
    "bien-ban",
    "quyet-dinh",
    "cam-ket",
    "bao-cao-so-ket",
    "bao-cao-tong-ket",
)
KIND_TITLES: dict[str, str] = {
    "to-trinh": "Tờ trình đề nghị khen thưởng",
    "danh-sach": "Danh sách đề nghị khen thưởng",
    "bao-cao-thanh-tich": "Báo cáo thành tích",
    "bien-ban": "Biên bản họp xét khen thưởng",
    "quyet-dinh": "Quyết định khen thưởng",
    "cam-ket": "Bản cam kết thi đua",
    "bao-cao-so-ket": "Báo cáo sơ kết phong trào thi đua",
    "bao-cao-tong-ket": "Báo cáo tổng kết phong trào thi đua",
}


def spec_for(kind: str, side: str | Side, subject_kind: str = "") -> TemplateSpec:
    """The template of a document kind in the Party or state format (reports also by subject kind)."""
    side = Side(side)
    candidates = [s for s in SPECS if s.kind == kind]
    if not candidates:
        raise UserError(f"Không có loại văn bản «{kind}». Các loại: {', '.join(KINDS)}.")
    subject_kind = "person" if subject_kind == "household" else subject_kind
    for spec in candidates:
        if spec.subject_kind and subject_kind and spec.subject_kind != subject_kind:
            continue
        if spec.side == side or len({s.side for s in candidates}) == 1:
            return spec
    return candidates[0]


def shipped_forms_dir() -> Path:
    return resource_root() / FORMS_DIR_NAME


def template_path(file: str, user_forms: Path | None = None) -> tuple[Path, bool]:
    """(path, whether it is the user's copy): the user's copy wins when it exists."""
    if user_forms is not None:
        candidate = Path(user_forms) / file
        if candidate.is_file():
            return candidate, True
    return shipped_forms_dir() / file, False
