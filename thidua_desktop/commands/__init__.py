"""Sub-commands of the ``thidua`` CLI, one module per area; each has ``register(subparsers, parser)``.

``COMMANDS`` names, without importing anything, the commands each module registers and their help, so that the
CLI imports only the module of the command that runs (``thidua --help`` lists them all from here; importing every
module, with SQLAlchemy, openpyxl and the services behind them, took seconds). ``tests/test_cli_startup.py``
checks this table against what the modules really register; a command missing from it still runs (the CLI then
imports every module), it is only left out of ``--help``.
"""

from __future__ import annotations

COMMANDS: dict[str, tuple[tuple[str, ...], str]] = {
    "demo": (("data",), "nạp phong trào mẫu của phường (chạy lại không nhân đôi)"),
    "stats": (("data",), "số bản ghi của từng loại"),
    "list": (("data",), "liệt kê bản ghi"),
    "restore": (
        ("data_care",),
        "khôi phục từ bản sao lưu (mặc định: bản tốt gần nhất); dữ liệu cũ được giữ lại",
    ),
    "purge-person": (
        ("data_care",),
        "xóa hẳn dữ liệu cá nhân của một người theo yêu cầu (Luật Bảo vệ dữ liệu cá nhân)",
    ),
    "encryption": (
        ("data_care",),
        "mã hóa dữ liệu: xem trạng thái, bật cho thư mục cũ, mở khóa bằng khóa khôi phục",
    ),
    "export": (
        ("documents", "exchange_export"),
        "xuất tệp: phiếu đăng ký, bảng tổng hợp (Excel), văn bản (Word)",
    ),
    "import": (
        ("exchange_import",),
        "nhập danh sách, đăng ký thi đua, chỉ tiêu, kết quả từ tệp Excel/LibreOffice (.xlsx, .xls, .ods)",
    ),
    "eligibility": (
        ("rules",),
        "ai đủ tiêu chuẩn danh hiệu, hình thức khen thưởng nào và vì sao (theo giai đoạn)",
    ),
    "badges": (("rules",), "đảng viên đến mốc Huy hiệu Đảng trong một đợt trao"),
}
"""Command → (modules that register it, its help)."""

GLOBAL_MODULES = ("smoke",)
"""Modules that add options to the main parser (``--smoke-test``): always loaded, and light."""
