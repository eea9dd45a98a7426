"""The numbers the rules use, kept as settings (table ``setting``, keys ``rule.<name>``), never as constants.

Each parameter says where its default comes from and whether that number is *unconfirmed* (domain brief: keep such
numbers configurable and say so in the UI).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.models import Setting
from thidua_desktop.core.storage.database import Database

KEY_PREFIX = "rule."


@dataclass(frozen=True)
class ParamInfo:
    label: str
    unit: str
    source: str
    unconfirmed: bool = False


@dataclass
class RuleParams:
    ldtt_member_percent: float = 70.0
    ttldxs_complete_percent: float = 100.0
    ttldxs_min_cstdcs: int = 1
    cstd_tinh_years: int = 3
    bk_tinh_cstdcs_years: int = 2
    bk_tinh_htxsnv_years: int = 2
    bk_tinh_initiatives: int = 2
    bk_tinh_unit_years: int = 2
    party_consecutive_years: int = 5
    htxsnv_min_score: float = 90.0
    htxsnv_cap_percent: float = 20.0
    htxsnv_cap_outstanding_percent: float = 25.0
    vote_percent_cstdcs: float = 80.0
    vote_percent_cstd_tinh: float = 90.0
    vote_percent_other: float = 50.0
    quorum_percent: float = 200 / 3
    campaign_targets_percent: float = 100.0
    household_money_factor: float = 1.5
    discipline_months_reprimand: int = 12
    discipline_months_warning: int = 12
    discipline_months_demotion: int = 12
    discipline_months_downgrade: int = 18
    discipline_months_dismissal: int = 18
    badge_early_months_to_65: int = 12
    badge_early_months_from_70: int = 24

    def discipline_months(self, form: str) -> int | None:
        """How long a discipline of this form lasts when its decision gives no end date (None: for ever)."""
        value = getattr(self, f"discipline_months_{form}", None)
        return int(value) if value is not None else None


PARAM_INFO: dict[str, ParamInfo] = {
    "ldtt_member_percent": ParamInfo(
        "Tỷ lệ thành viên đạt «Lao động tiên tiến» của tập thể (TTLĐTT, TTLĐXS)",
        "%",
        "Luật TĐKT 2022 Điều 27, 28 (điều khoản suy ra; đối chiếu QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh)",
        True,
    ),
    "ttldxs_complete_percent": ParamInfo(
        "Tỷ lệ thành viên hoàn thành nhiệm vụ (TTLĐXS)", "%", "Luật TĐKT 2022 Điều 27 (suy ra)", True
    ),
    "ttldxs_min_cstdcs": ParamInfo(
        "Số thành viên tối thiểu đạt «Chiến sĩ thi đua cơ sở» (TTLĐXS)", "người", "Luật TĐKT 2022 Điều 27"
    ),
    "cstd_tinh_years": ParamInfo(
        "Số năm liền đạt CSTĐCS để xét CSTĐ cấp tỉnh", "năm", "Luật TĐKT 2022 Điều 22"
    ),
    "bk_tinh_cstdcs_years": ParamInfo(
        "Bằng khen tỉnh (cá nhân): số năm liền đạt CSTĐCS",
        "năm",
        "Quy định khen thưởng của UBND tỉnh (ví dụ Bắc Ninh QĐ 86/2025/QĐ-UBND)",
        True,
    ),
    "bk_tinh_htxsnv_years": ParamInfo(
        "Bằng khen tỉnh (cá nhân): số năm liền HTXSNV (kèm sáng kiến)",
        "năm",
        "Quy định khen thưởng của UBND tỉnh (ví dụ Bắc Ninh)",
        True,
    ),
    "bk_tinh_initiatives": ParamInfo(
        "Bằng khen tỉnh (cá nhân): số sáng kiến trong các năm đó",
        "sáng kiến",
        "Quy định khen thưởng của UBND tỉnh (ví dụ Bắc Ninh)",
        True,
    ),
    "bk_tinh_unit_years": ParamInfo(
        "Bằng khen tỉnh (tập thể): số năm liền HTXSNV hoặc TTLĐXS",
        "năm",
        "Quy định khen thưởng của UBND tỉnh (ví dụ Bắc Ninh)",
        True,
    ),
    "party_consecutive_years": ParamInfo(
        "Số năm liền HTXSNV để xét Giấy khen BTV Đảng ủy / Bằng khen BTV Tỉnh ủy",
        "năm",
        "Hướng dẫn 06-HD/TW mục 19",
    ),
    "htxsnv_min_score": ParamInfo("Điểm tối thiểu xếp loại HTXSNV", "điểm", "Quy định 366-QĐ/TW"),
    "htxsnv_cap_percent": ParamInfo(
        "Tỷ lệ HTXSNV tối đa so với số được xếp loại «Hoàn thành tốt nhiệm vụ»",
        "%",
        "Quy định 366-QĐ/TW Điều 11 khoản 1.5",
    ),
    "htxsnv_cap_outstanding_percent": ParamInfo(
        "Tỷ lệ HTXSNV tối đa khi đảng bộ được đánh giá tiêu biểu", "%", "Quy định 366-QĐ/TW Điều 11 khoản 1.5"
    ),
    "vote_percent_cstdcs": ParamInfo(
        "Tỷ lệ phiếu đồng ý trên tổng số thành viên Hội đồng: CSTĐCS, Cờ thi đua",
        "%",
        "NĐ 98/2023/NĐ-CP Điều 30 khoản 7 (việc giữ nguyên trong NĐ 152/2025 chưa xác nhận)",
        True,
    ),
    "vote_percent_cstd_tinh": ParamInfo(
        "Tỷ lệ phiếu đồng ý trên tổng số thành viên Hội đồng: CSTĐ cấp tỉnh, toàn quốc",
        "%",
        "NĐ 98/2023/NĐ-CP Điều 30 khoản 7 (NĐ 152/2025 chưa xác nhận)",
        True,
    ),
    "vote_percent_other": ParamInfo(
        "Tỷ lệ phiếu đồng ý phải vượt (quá bán) với các hình thức khác",
        "%",
        "Thực tiễn biểu quyết (chưa xác nhận)",
        True,
    ),
    "quorum_percent": ParamInfo(
        "Tỷ lệ thành viên Hội đồng dự họp tối thiểu", "%", "Thực tiễn các tỉnh (2/3, chưa xác nhận)", True
    ),
    "campaign_targets_percent": ParamInfo(
        "Tỷ lệ chỉ tiêu của giai đoạn phải đạt (có minh chứng đã xác minh) để khen theo đợt",
        "%",
        "Kế hoạch phát động thi đua (không quy định tỷ lệ; chưa xác nhận)",
        True,
    ),
    "household_money_factor": ParamInfo(
        "Tiền thưởng hộ gia đình so với cá nhân", "lần", "NĐ 152/2025/NĐ-CP Điều 54"
    ),
    "discipline_months_reprimand": ParamInfo(
        "Thời hạn kỷ luật khiển trách khi quyết định không ghi ngày hết hạn",
        "tháng",
        "Luật Cán bộ, công chức (sửa đổi 2019) Điều 82 (chưa xác nhận)",
        True,
    ),
    "discipline_months_warning": ParamInfo(
        "Thời hạn kỷ luật cảnh cáo", "tháng", "Luật Cán bộ, công chức (sửa đổi 2019) (chưa xác nhận)", True
    ),
    "discipline_months_demotion": ParamInfo(
        "Thời hạn kỷ luật hạ bậc lương",
        "tháng",
        "Luật Cán bộ, công chức (sửa đổi 2019) (chưa xác nhận)",
        True,
    ),
    "discipline_months_downgrade": ParamInfo(
        "Thời hạn kỷ luật giáng chức", "tháng", "Luật Cán bộ, công chức (sửa đổi 2019) (chưa xác nhận)", True
    ),
    "discipline_months_dismissal": ParamInfo(
        "Thời hạn kỷ luật cách chức", "tháng", "Luật Cán bộ, công chức (sửa đổi 2019) (chưa xác nhận)", True
    ),
    "badge_early_months_to_65": ParamInfo(
        "Huy hiệu Đảng: trao sớm tối đa (mốc 30–65 năm, ốm nặng)",
        "tháng",
        "Quy định 24-QĐ/TW điểm 27; Hướng dẫn 06-HD/TW mục 18",
    ),
    "badge_early_months_from_70": ParamInfo(
        "Huy hiệu Đảng: trao sớm tối đa (mốc 70–90 năm, ốm nặng)",
        "tháng",
        "Quy định 24-QĐ/TW điểm 27; Hướng dẫn 06-HD/TW mục 18",
    ),
}

UNCONFIRMED_NOTE = (
    "Số liệu đánh dấu «chưa xác nhận» là thông số có thể chỉnh (Thông số quy tắc), "
    "chưa đối chiếu được với văn bản gốc."
)


def param_fields() -> list[dataclasses.Field[Any]]:
    return list(dataclasses.fields(RuleParams))


def validate_params(params: RuleParams) -> None:
    for f in dataclasses.fields(RuleParams):
        value = getattr(params, f.name)
        label = PARAM_INFO[f.name].label
        if value is None or value < 0:
            raise ValidationError(f"«{label}» không được âm.", f.name)
        if PARAM_INFO[f.name].unit == "%" and value > 100:
            raise ValidationError(f"«{label}» không được lớn hơn 100%.", f.name)


def load_rule_params(db: Database) -> RuleParams:
    defaults = RuleParams()
    with db.session() as session:
        stored = {
            row.key[len(KEY_PREFIX) :]: row.value
            for row in session.scalars(select(Setting).where(Setting.key.startswith(KEY_PREFIX)))
        }
    values: dict[str, Any] = {}
    for f in dataclasses.fields(RuleParams):
        if f.name not in stored:
            continue
        kind = type(getattr(defaults, f.name))
        try:
            values[f.name] = kind(float(stored[f.name])) if kind is int else kind(stored[f.name])
        except ValueError:
            continue
    return dataclasses.replace(defaults, **values)


def save_rule_params(db: Database, params: RuleParams) -> None:
    validate_params(params)
    with db.session() as session:
        existing = {
            row.key: row for row in session.scalars(select(Setting).where(Setting.key.startswith(KEY_PREFIX)))
        }
        for f in dataclasses.fields(RuleParams):
            key = KEY_PREFIX + f.name
            value = repr(getattr(params, f.name))
            row = existing.get(key)
            if row is None:
                session.add(Setting(key=key, value=value))
            elif row.value != value:
                row.value = value
