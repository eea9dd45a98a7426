"""Export a 20,000-row tally and compare with the floor measured in the same run: openpyxl's write-only mode writing
the same cells bare (no styles, no merges, no print setup). Target: ratio ≤ 1.5.

    uv run python benchmarks/bench_export.py [--rows 20000] [--repeat 3] [--end-to-end] [--json]

* **export**: ``write_tally`` of a results tally (the widest kind) built beforehand: the whole workbook with the
  header block, merged headings, styles, row heights, totals formulas, print setup and signature.
* **floor**: openpyxl write-only writing the same cell values bare, in the same run.

Each side runs ``--repeat`` times, alternating, and the best time of each is kept (the least disturbed by the rest
of the machine). ``--end-to-end`` also times ``export_tally`` from a database holding the demo campaign plus that
many targets (reading the services included), for information. Exit status 1 when the ratio is over the target.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from thidua_desktop.core.settings_schema import OrganizationSettings
from thidua_desktop.exchange.export_tally import (
    MET,
    NO_RESULT,
    NOT_MET,
    Column,
    GroupRow,
    Tally,
    TallyKind,
    write_tally,
)

TARGET_RATIO = 1.5

CONTENTS = (
    "Tỷ lệ hộ dân treo cờ Tổ quốc dịp Tết và kỷ niệm 95 năm thành lập Đảng",
    "Vận động đóng góp các nguồn quỹ đạt chỉ tiêu giao",
    "Tổ chức thành công Đại hội chi bộ nhiệm kỳ 2025-2027",
    "Kết nạp đảng viên mới",
    "Tỷ lệ thủ tục hành chính thuộc thẩm quyền được thực hiện trực tuyến",
    "Xây dựng, sửa chữa nhà Đại đoàn kết cho hộ nghèo, cận nghèo",
)
PEOPLE = ("Tập thể", "Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Quang Vinh", "Phạm Thị Thu Hà")
MEASURES = ("%", "hộ", "đảng viên", "triệu đồng", "lượt")


def results_tally(rows: int) -> Tally:
    """A results tally (the widest kind: text, numbers, percentages, verdicts, counts) of ``rows`` targets."""
    columns = [
        Column("STT", 5, "int"),
        Column("Nội dung chỉ tiêu", 46, "text"),
        Column("Tập thể, cá nhân thực hiện", 22, "text"),
        Column("Giai đoạn", 8, "int"),
        Column("Đơn vị tính", 10, "center", group="Chỉ tiêu đăng ký"),
        Column("Chỉ tiêu", 10, "number", group="Chỉ tiêu đăng ký"),
        Column("Kết quả đạt được", 10, "number", group="Kết quả thực hiện"),
        Column("Tỷ lệ hoàn thành", 10, "percent", group="Kết quả thực hiện"),
        Column("Đánh giá", 14, "center", group="Kết quả thực hiện", total="count_met"),
        Column("Số minh chứng", 10, "int", group="Kết quả thực hiện", total="sum"),
    ]
    tally = Tally(
        TallyKind.RESULTS,
        "Kết quả chỉ tiêu",
        "Bảng tổng hợp kết quả thực hiện chỉ tiêu thi đua",
        ["Phong trào: Thi đua cao điểm lập thành tích chào mừng Đại hội Đảng các cấp"],
        columns,
    )
    group = 0
    for i in range(rows):
        if i % 40 == 0:
            group += 1
            tally.rows.append(GroupRow(str(group), f"Chi bộ Tổ dân phố {group}"))
        target = float(10 + i % 90)
        achieved = None if i % 5 == 0 else float(target * (0.7 + (i % 7) / 10))
        progress = None if achieved is None else round(achieved / target * 100, 1) / 100
        verdict = NO_RESULT if achieved is None else (MET if achieved >= target else NOT_MET)
        tally.rows.append(
            [
                i % 40 + 1,
                f"{CONTENTS[i % len(CONTENTS)]} (mục {i})",
                PEOPLE[i % len(PEOPLE)],
                1 + i % 2,
                MEASURES[i % len(MEASURES)],
                target,
                achieved,
                progress,
                verdict,
                i % 4,
            ]
        )
    tally.total_label = f"Tổng cộng ({rows} chỉ tiêu)"
    return tally


def floor(tally: Tally, path: Path) -> None:
    """openpyxl write-only mode writing the same cells bare."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(tally.sheet_title)
    for _ in range(3):
        ws.append(["ĐẢNG BỘ TỈNH QUẢNG NGÃI", None, None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"])
    ws.append([tally.title.upper()])
    for line in tally.subtitle:
        ws.append([line])
    ws.append([c.group or c.heading for c in tally.columns])
    ws.append([c.heading for c in tally.columns])
    ws.append([f"({i})" for i in range(1, len(tally.columns) + 1)])
    for row in tally.rows:
        if isinstance(row, GroupRow):
            ws.append([row.number, row.label])
        else:
            ws.append(row)
    ws.append([tally.total_label])
    for line in tally.notes:
        ws.append([line])
    workbook.save(path)


def best_of(repeat: int, runs: dict[str, Callable[[], None]]) -> dict[str, float]:
    best = {name: float("inf") for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def measure(rows: int = 20_000, repeat: int = 3) -> dict[str, float]:
    tally = results_tally(rows)
    settings = OrganizationSettings()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        times = best_of(
            repeat,
            {
                "floor": lambda: floor(tally, out / "floor.xlsx"),
                "export": lambda: write_tally(tally, out / "tally.xlsx", settings, when=date(2025, 5, 5)),
            },
        )
    return {
        "rows": tally.data_rows,
        "floor_seconds": round(times["floor"], 3),
        "export_seconds": round(times["export"], 3),
        "ratio": round(times["export"] / times["floor"], 2),
        "target_ratio": TARGET_RATIO,
    }


def end_to_end(rows: int) -> float:
    """Seconds for ``export_tally`` (services + writing) of a results tally over ``rows`` targets in a database."""
    from sqlalchemy import insert, select

    from thidua_desktop.core.bootstrap import open_data
    from thidua_desktop.core.demo import load_demo
    from thidua_desktop.core.models import Evidence, Pledge, Target
    from thidua_desktop.exchange.export_tally import export_tally

    with tempfile.TemporaryDirectory() as folder, open_data(Path(folder) / "data", daily_backup=False) as db:
        campaign = load_demo(db).campaign_id
        with db.session() as session:
            pledges = list(session.scalars(select(Pledge.id).where(Pledge.campaign_id == campaign)))
            existing = session.scalar(select(Target.id).order_by(Target.id.desc()).limit(1)) or 0
            session.execute(
                insert(Target),
                [
                    {
                        "pledge_id": pledges[i % len(pledges)],
                        "content": f"{CONTENTS[i % len(CONTENTS)]} (mục {i})",
                        "target_value": float(10 + i % 90),
                        "unit_of_measure": MEASURES[i % len(MEASURES)],
                        "sort_order": 100 + i,
                    }
                    for i in range(rows)
                ],
            )
            session.execute(
                insert(Evidence),
                [
                    {
                        "target_id": existing + 1 + i,
                        "pledge_id": pledges[i % len(pledges)],
                        "achieved_value": float(10 + i % 90),
                        "status": "verified",
                        "verifier": "Ban Tổ chức",
                        "document_ref": f"BC {i}",
                    }
                    for i in range(0, rows, 2)
                ],
            )
        start = time.perf_counter()
        export_tally(db, campaign, TallyKind.RESULTS, Path(folder) / "tally.xlsx")
        return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--end-to-end", action="store_true", help="also time the export from a database")
    args = parser.parse_args(argv)
    result = measure(args.rows, args.repeat)
    if args.end_to_end:
        seconds = end_to_end(args.rows)
        result["end_to_end_seconds"] = round(seconds, 3)
        result["end_to_end_ratio"] = round(seconds / result["floor_seconds"], 2)
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"export tally: {result['rows']} rows in {result['export_seconds']:.3f} s; floor (openpyxl write-only, "
            f"same cells, no styles) {result['floor_seconds']:.3f} s; ratio {result['ratio']:.2f} "
            f"(target ≤ {TARGET_RATIO})"
        )
        if args.end_to_end:
            print(
                f"from the database (services + writing): {result['end_to_end_seconds']:.3f} s, "
                f"{result['end_to_end_ratio']:.2f} × the floor (for information)"
            )
    return 0 if result["ratio"] <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
