"""``eligibility`` and ``badges``: who qualifies for which title or award, and who reaches a Party badge milestone.

JSON is a contract (names below are stable):
- ``eligibility``: [{subject_type, subject_id, subject_name, unit_name, form_code, form_name, result, score,
  reasons: [{criterion, article, result, message}]}], result ∈ pass | fail | unknown, score 0–100;
- ``badges``: [{person_id, full_name, unit_name, party_join_date, party_age_years, milestone, early, note, status}],
  status ∈ due | overdue (a milestone reached on or before the previous occasion, never recorded as awarded).
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from thidua_desktop.core.bootstrap import open_data
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.rules.badge import BadgeStatus
from thidua_desktop.core.rules.engine import Outcome
from thidua_desktop.core.rules.forms import CANDIDATE_RULESETS
from thidua_desktop.core.services import badges, eligibility
from thidua_desktop.core.text import clean, format_date

ELIGIBILITY_KEYS = (
    "subject_type",
    "subject_id",
    "subject_name",
    "unit_name",
    "form_code",
    "form_name",
    "result",
    "score",
    "reasons",
    "ruleset_code",
    "commendation_kind",
    "review_date",
    "year",
    "authority",
    "authority_name",
    "authority_source",
)
REASON_KEYS = ("criterion", "article", "result", "message", "code", "valid_from", "unconfirmed")
BADGE_KEYS = (
    "person_id",
    "full_name",
    "unit_name",
    "party_join_date",
    "party_age_years",
    "milestone",
    "early",
    "note",
    "status",
)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ: «{text}» (cần dạng YYYY-MM-DD)") from None


def candidate_json(record: eligibility.CandidateRecord) -> dict[str, Any]:
    return {
        "subject_type": record.subject_type,
        "subject_id": record.subject_id,
        "subject_name": clean(record.subject_name),
        "unit_name": clean(record.unit_name),
        "form_code": record.form_code,
        "form_name": clean(record.form_name),
        "result": record.result,
        "score": record.score,
        "reasons": [
            {
                "criterion": r.criterion,
                "article": r.article,
                "result": r.result,
                "message": clean(r.message),
                "code": r.code,
                "valid_from": r.valid_from.isoformat() if r.valid_from else None,
                "unconfirmed": r.unconfirmed,
            }
            for r in record.reasons
        ],
        "ruleset_code": record.ruleset_code,
        "commendation_kind": record.commendation_kind,
        "review_date": record.review_date.isoformat() if record.review_date else None,
        "year": record.year,
        "authority": record.authority,
        "authority_name": clean(record.authority_name),
        "authority_source": clean(record.authority_source),
    }


def badge_json(record: badges.BadgeRecord) -> dict[str, Any]:
    return {
        "person_id": record.person_id,
        "full_name": clean(record.full_name),
        "unit_name": clean(record.unit_name),
        "party_join_date": record.party_join_date.isoformat() if record.party_join_date else None,
        "party_age_years": record.party_age_years,
        "milestone": record.milestone,
        "early": record.early,
        "note": clean(record.note),
        "status": record.status,
    }


def _eligibility(args: argparse.Namespace) -> int:
    from thidua_desktop.cli import print_json

    codes = None
    if args.form:
        known = {r.code for r in CANDIDATE_RULESETS}
        forms = {r.form_code for r in CANDIDATE_RULESETS}
        wanted = {f.strip().upper() for f in args.form.split(",") if f.strip()}
        unknown = wanted - known - forms
        if unknown:
            raise ValidationError(f"Không có hình thức «{', '.join(sorted(unknown))}».", "form")
        codes = [r.code for r in CANDIDATE_RULESETS if r.code in wanted or r.form_code in wanted]
    with open_data(args.data_dir) as db:
        review, records = eligibility.list_candidates(
            db, args.campaign, args.phase, review_date=args.date, ruleset_codes=codes
        )
    if args.only:
        records = [r for r in records if r.result == args.only]
    if args.json:
        print_json([candidate_json(r) for r in records])
        return 0
    print(f"Xét khen thưởng: {review.label}")
    for record in records:
        symbol = Outcome(record.result).symbol
        print(
            f"{symbol} {record.score:>3} | {record.subject_name} | {record.form_name} | {record.main_reason}"
        )
    return 0


def _badges(args: argparse.Namespace) -> int:
    from thidua_desktop.cli import print_json

    with open_data(args.data_dir) as db:
        records = badges.list_badge_candidates(db, args.occasion, include_early=args.early)
    if args.status:
        records = [r for r in records if r.status == args.status]
    if args.json:
        print_json([badge_json(r) for r in records])
        return 0
    print(f"Huy hiệu Đảng đợt {format_date(args.occasion)}: {len(records)} đảng viên")
    for record in records:
        symbol = Outcome(record.result).symbol
        early = " (trao sớm)" if record.early else ""
        print(
            f"{symbol} {record.full_name} | {record.unit_name} | vào Đảng {format_date(record.party_join_date)} | "
            f"{record.party_age_text} | mốc {record.milestone} năm{early} | {record.status_label} | {record.note}"
        )
    return 0


def register(subparsers: Any, _parser: argparse.ArgumentParser) -> None:
    check = subparsers.add_parser(
        "eligibility", help="ai đủ tiêu chuẩn danh hiệu, hình thức khen thưởng nào và vì sao (theo giai đoạn)"
    )
    check.add_argument("--campaign", type=int, required=True, help="mã phong trào thi đua")
    check.add_argument(
        "--phase", type=int, default=None, help="số thứ tự giai đoạn (mặc định: giai đoạn đã sơ kết gần nhất)"
    )
    check.add_argument(
        "--date", type=_iso_date, default=None, help="ngày xét (YYYY-MM-DD; mặc định: ngày sơ kết/tổng kết)"
    )
    check.add_argument("--form", default="", help="chỉ xét các hình thức này (mã, cách nhau bởi dấu phẩy)")
    check.add_argument(
        "--only", choices=[o.value for o in Outcome], default=None, help="chỉ liệt kê kết quả này"
    )
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=_eligibility)

    listing = subparsers.add_parser("badges", help="đảng viên đến mốc Huy hiệu Đảng trong một đợt trao")
    listing.add_argument(
        "--occasion",
        type=_iso_date,
        required=True,
        help="ngày trao (YYYY-MM-DD): 03/02, 19/5, 02/9, 07/11 hoặc dịp kỷ niệm khác đã thiết lập",
    )
    listing.add_argument(
        "--early", action="store_true", help="kể cả trường hợp có thể xét trao sớm (ốm nặng)"
    )
    listing.add_argument(
        "--status",
        choices=[s.value for s in BadgeStatus],
        default=None,
        help="chỉ liệt kê: due (đến hạn) hoặc overdue (quá hạn: đủ mốc từ trước đợt trước, chưa ghi đã trao)",
    )
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_badges)
