"""A plan's errors and warnings as an .xlsx list, to send back to the branch."""

from __future__ import annotations

from pathlib import Path

from thidua_desktop.core.storage.atomic import atomic_path
from thidua_desktop.exchange.imports.model import ImportPlan

# --- the list of errors ----------------------------------------------------------------------------------------


def export_errors(plan: ImportPlan, path: Path | str) -> Path:
    """Errors and warnings of a plan as an .xlsx list (every cell written as text, never as a formula)."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    path = Path(path)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Lỗi khi nhập"
    sheet.append([f"Danh sách lỗi khi nhập tệp «{plan.file_name}»"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    header = ["STT", "Trang", "Dòng", "Cột", "Mức độ", "Nội dung"]
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    issues = sorted(
        plan.errors + plan.warnings,
        key=lambda i: (i.level != "error", i.sheet, i.row or 0, i.column),
    )
    for number, issue in enumerate(issues, start=1):
        values = [
            number,
            issue.sheet,
            issue.row,
            issue.column,
            "Lỗi" if issue.level == "error" else "Cảnh báo",
            issue.message,
        ]
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEF", (6, 24, 8, 6, 10, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A4"
    with atomic_path(path) as temporary:
        workbook.save(temporary)
    return path
