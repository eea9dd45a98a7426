"""The demo campaign is the seed plan: its units, phases and measurable targets, loaded once."""

from __future__ import annotations

from datetime import date

from thidua_desktop.core.demo import load_demo
from thidua_desktop.core.services import campaigns, pledges, stats, units
from thidua_desktop.core.storage.database import Database


def test_demo_is_idempotent(db: Database) -> None:
    first = load_demo(db)
    counts = stats.entity_counts(db)
    second = load_demo(db)
    assert first.created > 100
    assert second.created == 0
    after = stats.entity_counts(db)
    assert {k: v for k, v in after.items() if k != "audit_entries"} == {
        k: v for k, v in counts.items() if k != "audit_entries"
    }


def test_demo_has_the_plan_phases_and_bodies(demo_db: Database) -> None:
    [campaign] = campaigns.list_campaigns(demo_db)
    assert "154-KH/TU" in campaign.plan_reference
    assert "Đã cam kết là thực hiện, đã nói là làm" in campaign.slogans
    assert [(p.number, p.review_kind, p.review_date) for p in campaign.phases] == [
        (1, "interim", date(2025, 5, 28)),
        (2, "final", date(2026, 7, 15)),
    ]
    names = {u.name for u in units.list_units(demo_db)}
    for body in (
        "Hội đồng nhân dân phường Nguyễn Nghiêm",
        "Ủy ban nhân dân phường Nguyễn Nghiêm",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường",
        "Ban Chỉ huy Quân sự phường",
        "Công an phường Nguyễn Nghiêm",
        "Ban Tổ chức Đảng ủy",
        "Chi bộ Tổ dân phố 5",
    ):
        assert body in names


def test_demo_targets_come_from_the_plan(demo_db: Database) -> None:
    targets = pledges.list_targets(demo_db, 1)
    by_content = {(t.content, t.target_value, t.deadline) for t in targets}
    assert (
        "Tỷ lệ thủ tục hành chính thuộc thẩm quyền được thực hiện trực tuyến",
        90,
        date(2024, 12, 31),
    ) in by_content
    assert (
        "Tỷ lệ thủ tục hành chính thuộc thẩm quyền được thực hiện trực tuyến",
        100,
        date(2025, 12, 31),
    ) in by_content
    assert ("Tỷ lệ hồ sơ liên thông được giải quyết", 70, date(2025, 5, 31)) in by_content
    contents = {t.content for t in targets}
    assert "Tỷ lệ hộ dân treo cờ Tổ quốc dịp Tết và kỷ niệm 95 năm thành lập Đảng" in contents
    assert "Duy trì, nhân rộng mô hình «Dân vận khéo» mới về chuyển đổi số" in contents
    assert "Kết nạp đảng viên mới" in contents


def test_demo_progress_at_interim_review(demo_db: Database) -> None:
    overview = stats.campaign_overview(demo_db, 1)
    assert overview.targets == 37
    assert 0 < overview.targets_met < overview.targets
    assert overview.evidence_unverified == 2
    tdp4 = next(p for p in pledges.list_pledges(demo_db, 1) if p.subject_name == "Chi bộ Tổ dân phố 4")
    fund = next(t for t in tdp4.targets if "quý I/2025" in t.content)
    assert (fund.achieved_value, fund.progress, fund.met) == (86, 86.0, False)
