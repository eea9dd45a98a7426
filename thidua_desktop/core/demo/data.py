"""The seed plan of phường Nguyễn Nghiêm (Kế hoạch hưởng ứng Kế hoạch số 154-KH/TU) as plain data.

Units, phases and targets come from the plan; the people, households and results are invented but realistic so
that every screen has something to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

D = date

CAMPAIGN = {
    "name": "Thi đua cao điểm lập thành tích chào mừng 50 năm Ngày giải phóng tỉnh Quảng Ngãi, "
    "20 năm Ngày thành lập thành phố Quảng Ngãi và Đại hội Đảng các cấp",
    "theme": "Đảng bộ, chính quyền và nhân dân phường Nguyễn Nghiêm quyết tâm chung sức, đồng lòng, vượt qua khó "
    "khăn, thách thức, tiếp tục đổi mới, sáng tạo, dám nghĩ, dám làm nhằm tạo nền tảng vững chắc để xây dựng "
    "phường trở thành phường văn minh, thân thiện và phát triển toàn diện",
    "slogans": "Đã cam kết là thực hiện, đã nói là làm\n"
    "Tất cả chung tay vì một Quảng Ngãi phát triển toàn diện\n"
    "Tất cả vì mục tiêu dân giàu, nước mạnh, dân chủ, công bằng, văn minh",
    "plan_reference": "Kế hoạch số 154-KH/TU ngày 26/8/2024 của Ban Thường vụ Thành ủy",
    "kind": "drive",
    "start_date": D(2024, 9, 1),
    "end_date": D(2026, 6, 30),
}

PHASES = [
    {
        "number": 1,
        "name": "Từ tháng 9/2024 đến hết tháng 05/2025",
        "start_date": D(2024, 9, 1),
        "end_date": D(2025, 5, 31),
        "review_kind": "interim",
        "review_date": D(2025, 5, 28),
    },
    {
        "number": 2,
        "name": "Từ tháng 06/2025 đến hết tháng 06/2026",
        "start_date": D(2025, 6, 1),
        "end_date": D(2026, 6, 30),
        "review_kind": "final",
        "review_date": D(2026, 7, 15),
    },
]

ROOT = "Đảng ủy phường Nguyễn Nghiêm"

# (name, short name, kind, is Party organization, parent name, members, women)
UNITS: list[tuple[str, str, str, bool, str | None, int | None, int | None]] = [
    (ROOT, "Đảng ủy", "party_committee", True, None, 15, 5),
    ("Hội đồng nhân dân phường Nguyễn Nghiêm", "HĐND", "peoples_council", False, ROOT, 25, 9),
    ("Ủy ban nhân dân phường Nguyễn Nghiêm", "UBND", "peoples_committee", False, ROOT, 22, 10),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam phường", "Mặt trận", "fatherland_front", False, ROOT, 30, 12),
    ("Hội Liên hiệp Phụ nữ phường", "Hội Phụ nữ", "mass_organization", False, ROOT, 11, 11),
    ("Hội Cựu chiến binh phường", "Hội CCB", "mass_organization", False, ROOT, 9, 0),
    (
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh phường",
        "Đoàn Thanh niên",
        "mass_organization",
        False,
        ROOT,
        9,
        4,
    ),
    ("Ban Tổ chức Đảng ủy", "Ban Tổ chức", "advisory_board", True, ROOT, 3, 2),
    ("Ban Tuyên giáo Đảng ủy", "Ban Tuyên giáo", "advisory_board", True, ROOT, 3, 1),
    ("Ủy ban Kiểm tra Đảng ủy", "UBKT", "advisory_board", True, ROOT, 3, 1),
    ("Ban Chỉ huy Quân sự phường", "BCH Quân sự", "military_command", False, ROOT, 5, 0),
    ("Công an phường Nguyễn Nghiêm", "Công an", "police", False, ROOT, 12, 2),
    ("Chi bộ Cơ quan phường", "CB Cơ quan", "party_cell", True, ROOT, 24, 10),
    ("Chi bộ Tổ dân phố 1", "CB TDP 1", "party_cell", True, ROOT, 18, 7),
    ("Chi bộ Tổ dân phố 2", "CB TDP 2", "party_cell", True, ROOT, 21, 8),
    ("Chi bộ Tổ dân phố 3", "CB TDP 3", "party_cell", True, ROOT, 16, 6),
    ("Chi bộ Tổ dân phố 4", "CB TDP 4", "party_cell", True, ROOT, 19, 7),
    ("Chi bộ Tổ dân phố 5", "CB TDP 5", "party_cell", True, ROOT, 14, 5),
    ("Tổ dân phố 1", "TDP 1", "residential_group", False, "Ủy ban nhân dân phường Nguyễn Nghiêm", 412, 215),
    ("Tổ dân phố 2", "TDP 2", "residential_group", False, "Ủy ban nhân dân phường Nguyễn Nghiêm", 468, 240),
    ("Tổ dân phố 3", "TDP 3", "residential_group", False, "Ủy ban nhân dân phường Nguyễn Nghiêm", 385, 197),
    ("Tổ dân phố 4", "TDP 4", "residential_group", False, "Ủy ban nhân dân phường Nguyễn Nghiêm", 440, 226),
    ("Tổ dân phố 5", "TDP 5", "residential_group", False, "Ủy ban nhân dân phường Nguyễn Nghiêm", 356, 181),
]

# (full name, gender, birth, unit, position, category, party join, party official, card number)
PERSONS: list[tuple[str, str, date, str, str, str, date | None, date | None, str]] = [
    (
        "Nguyễn Thị Ngọc Dung",
        "female",
        D(1972, 3, 14),
        ROOT,
        "Bí thư Đảng ủy",
        "official",
        D(1996, 5, 19),
        D(1997, 5, 19),
        "50.012345",
    ),
    (
        "Trần Văn Hùng",
        "male",
        D(1975, 8, 2),
        ROOT,
        "Phó Bí thư Thường trực Đảng ủy",
        "official",
        D(1999, 9, 2),
        D(2000, 9, 2),
        "50.013377",
    ),
    (
        "Lê Quang Vinh",
        "male",
        D(1978, 11, 20),
        "Ủy ban nhân dân phường Nguyễn Nghiêm",
        "Chủ tịch UBND phường",
        "official",
        D(2003, 2, 3),
        D(2004, 2, 3),
        "50.020881",
    ),
    (
        "Phạm Thị Thu Hà",
        "female",
        D(1985, 6, 9),
        "Ủy ban nhân dân phường Nguyễn Nghiêm",
        "Công chức Văn phòng - Thống kê",
        "civil_servant",
        D(2012, 7, 1),
        D(2013, 7, 1),
        "50.041120",
    ),
    (
        "Võ Minh Tuấn",
        "male",
        D(1988, 1, 25),
        "Ủy ban nhân dân phường Nguyễn Nghiêm",
        "Công chức Tư pháp - Hộ tịch",
        "civil_servant",
        D(2015, 3, 26),
        D(2016, 3, 26),
        "50.052244",
    ),
    (
        "Huỳnh Thị Mỹ Lệ",
        "female",
        D(1990, 4, 30),
        "Ủy ban nhân dân phường Nguyễn Nghiêm",
        "Công chức Văn hóa - Xã hội",
        "civil_servant",
        None,
        None,
        "",
    ),
    (
        "Đặng Văn Lộc",
        "male",
        D(1980, 12, 12),
        "Ban Chỉ huy Quân sự phường",
        "Chỉ huy trưởng",
        "official",
        D(2002, 12, 22),
        D(2003, 12, 22),
        "50.030919",
    ),
    (
        "Bùi Thanh Sơn",
        "male",
        D(1983, 7, 7),
        "Công an phường Nguyễn Nghiêm",
        "Trưởng Công an phường",
        "official",
        D(2005, 8, 19),
        D(2006, 8, 19),
        "50.033345",
    ),
    (
        "Ngô Thị Bích Thủy",
        "female",
        D(1979, 10, 10),
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường",
        "Chủ tịch Ủy ban MTTQ phường",
        "official",
        D(2004, 3, 8),
        D(2005, 3, 8),
        "50.031177",
    ),
    (
        "Đỗ Thị Lan",
        "female",
        D(1986, 2, 18),
        "Hội Liên hiệp Phụ nữ phường",
        "Chủ tịch Hội Phụ nữ",
        "official",
        D(2010, 10, 20),
        D(2011, 10, 20),
        "50.039902",
    ),
    (
        "Trương Công Danh",
        "male",
        D(1958, 4, 2),
        "Hội Cựu chiến binh phường",
        "Chủ tịch Hội CCB",
        "worker",
        D(1980, 4, 30),
        D(1981, 4, 30),
        "50.000871",
    ),
    (
        "Hồ Ngọc Ánh",
        "female",
        D(1995, 9, 15),
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh phường",
        "Bí thư Đoàn phường",
        "official",
        D(2018, 3, 26),
        D(2019, 3, 26),
        "50.061230",
    ),
    (
        "Phan Văn Bảy",
        "male",
        D(1950, 5, 19),
        "Chi bộ Tổ dân phố 1",
        "Bí thư Chi bộ",
        "citizen",
        D(1975, 2, 3),
        D(1976, 2, 3),
        "50.000112",
    ),
    (
        "Lương Thị Cúc",
        "female",
        D(1962, 8, 19),
        "Chi bộ Tổ dân phố 1",
        "Phó Bí thư Chi bộ",
        "citizen",
        D(1995, 5, 19),
        D(1996, 5, 19),
        "50.008876",
    ),
    (
        "Nguyễn Văn Ân",
        "male",
        D(1947, 1, 1),
        "Chi bộ Tổ dân phố 1",
        "Đảng viên",
        "citizen",
        D(1965, 9, 2),
        D(1966, 9, 2),
        "50.000045",
    ),
    (
        "Trần Thị Ơn",
        "female",
        D(1955, 11, 7),
        "Chi bộ Tổ dân phố 1",
        "Đảng viên",
        "citizen",
        D(1985, 2, 3),
        D(1986, 2, 3),
        "50.002230",
    ),
    (
        "Võ Đình Khang",
        "male",
        D(1968, 3, 3),
        "Chi bộ Tổ dân phố 2",
        "Bí thư Chi bộ, Tổ trưởng TDP",
        "citizen",
        D(1994, 11, 7),
        D(1995, 11, 7),
        "50.007765",
    ),
    (
        "Lê Thị Hồng Nhung",
        "female",
        D(1976, 7, 27),
        "Chi bộ Tổ dân phố 2",
        "Phó Bí thư Chi bộ",
        "citizen",
        D(2005, 5, 19),
        D(2006, 5, 19),
        "50.034456",
    ),
    (
        "Đinh Văn Út",
        "male",
        D(1952, 2, 14),
        "Chi bộ Tổ dân phố 2",
        "Đảng viên",
        "citizen",
        D(1980, 2, 3),
        D(1981, 2, 3),
        "50.001190",
    ),
    (
        "Châu Thị Xuân",
        "female",
        D(1958, 12, 24),
        "Chi bộ Tổ dân phố 2",
        "Đảng viên",
        "citizen",
        D(1985, 9, 2),
        D(1986, 9, 2),
        "50.002288",
    ),
    (
        "Nguyễn Đức Thắng",
        "male",
        D(1970, 6, 6),
        "Chi bộ Tổ dân phố 3",
        "Bí thư Chi bộ",
        "citizen",
        D(1998, 2, 3),
        D(1999, 2, 3),
        "50.010034",
    ),
    (
        "Trần Thị Yến",
        "female",
        D(1982, 9, 9),
        "Chi bộ Tổ dân phố 3",
        "Phó Bí thư Chi bộ",
        "citizen",
        D(2009, 9, 2),
        D(2010, 9, 2),
        "50.038781",
    ),
    (
        "Phạm Văn Đức",
        "male",
        D(1949, 10, 15),
        "Chi bộ Tổ dân phố 3",
        "Đảng viên",
        "citizen",
        D(1970, 5, 19),
        D(1971, 5, 19),
        "50.000233",
    ),
    (
        "Mai Xuân Trường",
        "male",
        D(1973, 1, 17),
        "Chi bộ Tổ dân phố 4",
        "Bí thư Chi bộ",
        "citizen",
        D(2000, 2, 3),
        D(2001, 2, 3),
        "50.012200",
    ),
    (
        "Tạ Thị Kim Oanh",
        "female",
        D(1984, 5, 5),
        "Chi bộ Tổ dân phố 4",
        "Phó Bí thư Chi bộ",
        "citizen",
        D(2011, 11, 7),
        D(2012, 11, 7),
        "50.040013",
    ),
    (
        "Lý Văn Khải",
        "male",
        D(1966, 4, 4),
        "Chi bộ Tổ dân phố 5",
        "Bí thư Chi bộ",
        "citizen",
        D(1995, 9, 2),
        D(1996, 9, 2),
        "50.008990",
    ),
    (
        "Âu Thị Ngọc",
        "female",
        D(1987, 8, 8),
        "Chi bộ Tổ dân phố 5",
        "Phó Bí thư Chi bộ",
        "citizen",
        D(2013, 3, 26),
        D(2014, 3, 26),
        "50.045566",
    ),
    (
        "Dương Thị Hạnh",
        "female",
        D(1991, 12, 1),
        "Chi bộ Cơ quan phường",
        "Công chức Địa chính - Xây dựng",
        "civil_servant",
        D(2016, 5, 19),
        D(2017, 5, 19),
        "50.056677",
    ),
    (
        "Hà Văn Nam",
        "male",
        D(1989, 3, 12),
        "Chi bộ Cơ quan phường",
        "Công chức Tài chính - Kế toán",
        "civil_servant",
        D(2014, 9, 2),
        D(2015, 9, 2),
        "50.049900",
    ),
]

HOUSEHOLDS = [
    ("Phan Văn Bảy", "12 Trần Hưng Đạo", "Tổ dân phố 1", 4),
    ("Lương Thị Cúc", "25 Lê Trung Đình", "Tổ dân phố 1", 5),
    ("Võ Đình Khang", "7 Nguyễn Nghiêm", "Tổ dân phố 2", 6),
    ("Nguyễn Đức Thắng", "41 Phan Đình Phùng", "Tổ dân phố 3", 3),
    ("Mai Xuân Trường", "18 Quang Trung", "Tổ dân phố 4", 5),
    ("Lý Văn Khải", "9 Hùng Vương", "Tổ dân phố 5", 4),
]

CHI_BO = [
    "Chi bộ Tổ dân phố 1",
    "Chi bộ Tổ dân phố 2",
    "Chi bộ Tổ dân phố 3",
    "Chi bộ Tổ dân phố 4",
    "Chi bộ Tổ dân phố 5",
]

# Unit pledges: (unit, registered title, pledge text, [(target, value, unit of measure, deadline, phase)])
UNIT_PLEDGES: list[tuple[str, str, str, list[tuple[str, float | None, str, date | None, int]]]] = [
    (
        ROOT,
        "XL_HTXSNV",
        "Lãnh đạo tổ chức thành công Đại hội các chi bộ nhiệm kỳ 2025-2027 và Đại hội Đảng bộ phường lần thứ XVI",
        [
            (
                "Tổ chức thành công Đại hội các chi bộ trực thuộc nhiệm kỳ 2025-2027",
                100,
                "%",
                D(2025, 4, 30),
                1,
            ),
            ("Kết nạp đảng viên mới", 6, "đảng viên", D(2025, 12, 31), 2),
            (
                "Tổ chức Lễ trao Huy hiệu Đảng và kết nạp đảng viên mới nhân dịp 95 năm thành lập Đảng",
                1,
                "lễ",
                D(2025, 2, 3),
                1,
            ),
        ],
    ),
    (
        "Ủy ban nhân dân phường Nguyễn Nghiêm",
        "TTLDTT",
        "Thi đua trong cải cách hành chính, chuyển đổi số và văn minh đô thị",
        [
            (
                "Tỷ lệ thủ tục hành chính thuộc thẩm quyền được thực hiện trực tuyến",
                90,
                "%",
                D(2024, 12, 31),
                1,
            ),
            (
                "Tỷ lệ thủ tục hành chính thuộc thẩm quyền được thực hiện trực tuyến",
                100,
                "%",
                D(2025, 12, 31),
                2,
            ),
            ("Tỷ lệ hồ sơ liên thông được giải quyết", 70, "%", D(2025, 5, 31), 1),
            ("Tỷ lệ hồ sơ liên thông được giải quyết", 70, "%", D(2026, 6, 30), 2),
            ("Tổ dân phố hoàn thành chỉ tiêu các nguồn quỹ quý I/2025", 100, "%", D(2025, 3, 31), 1),
            ("Tổ dân phố hoàn thành chỉ tiêu các nguồn quỹ quý I/2026", 100, "%", D(2026, 3, 31), 2),
        ],
    ),
    (
        "Ban Chỉ huy Quân sự phường",
        "TTLDTT",
        "Hoàn thành đạt và vượt chỉ tiêu giao quân",
        [
            ("Hoàn thành chỉ tiêu giao quân năm 2025", 100, "%", D(2025, 2, 28), 1),
            ("Hoàn thành chỉ tiêu giao quân năm 2026", 100, "%", D(2026, 2, 28), 2),
        ],
    ),
    (
        "Công an phường Nguyễn Nghiêm",
        "TTLDTT",
        "Bảo đảm an ninh chính trị, trật tự an toàn xã hội, thực hiện Đề án 06",
        [
            ("Số điểm nóng, khiếu kiện đông người phát sinh", 0, "vụ", D(2026, 6, 30), 2),
            ("Kiểm tra công tác phòng cháy, chữa cháy các cơ sở trên địa bàn", 100, "%", D(2025, 5, 31), 1),
        ],
    ),
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường",
        "TTLDTT",
        "Thực hiện phong trào «Dân vận khéo» và cuộc vận động «Toàn dân đoàn kết xây dựng đô thị văn minh»",
        [
            (
                "Duy trì, nhân rộng mô hình «Dân vận khéo» mới về chuyển đổi số",
                2,
                "mô hình",
                D(2025, 12, 31),
                2,
            ),
            ("Xây dựng, sửa chữa nhà Đại đoàn kết cho hộ nghèo, cận nghèo", 2, "căn", D(2025, 5, 31), 1),
            ("Giải ngân quỹ «Vì người nghèo» đúng thời hạn", 100, "%", D(2025, 1, 25), 1),
        ],
    ),
    (
        "Hội Liên hiệp Phụ nữ phường",
        "TTLDTT",
        "Vận động hội viên tham gia các phong trào thi đua",
        [("Mô hình «Tuyến phố không dùng tiền mặt»", 1, "mô hình", D(2025, 5, 31), 1)],
    ),
]

CHI_BO_TARGETS: list[tuple[str, float, str, date, int]] = [
    ("Tỷ lệ hộ dân treo cờ Tổ quốc dịp Tết và kỷ niệm 95 năm thành lập Đảng", 100, "%", D(2025, 2, 3), 1),
    ("Vận động đóng góp các nguồn quỹ đạt chỉ tiêu giao quý I/2025", 100, "%", D(2025, 3, 31), 1),
    ("Vận động đóng góp các nguồn quỹ đạt chỉ tiêu giao quý I/2026", 100, "%", D(2026, 3, 31), 2),
    ("Tổ chức thành công Đại hội chi bộ nhiệm kỳ 2025-2027", 1, "đại hội", D(2025, 4, 30), 1),
]

# Individual pledges: (person, title)
PERSON_PLEDGES = [
    ("Phạm Thị Thu Hà", "CSTDCS"),
    ("Võ Minh Tuấn", "LDTT"),
    ("Huỳnh Thị Mỹ Lệ", "LDTT"),
    ("Dương Thị Hạnh", "CSTDCS"),
    ("Hà Văn Nam", "LDTT"),
    ("Đỗ Thị Lan", "XL_HTXSNV"),
    ("Hồ Ngọc Ánh", "XL_HTXSNV"),
    ("Lê Thị Hồng Nhung", "XL_HTXSNV"),
    ("Trần Thị Yến", "XL_HTXSNV"),
]

# Results at the interim review: (unit, target text prefix, achieved, date, document, verified)
RESULTS = [
    (
        "Ủy ban nhân dân phường Nguyễn Nghiêm",
        "Tỷ lệ thủ tục hành chính",
        92.5,
        D(2024, 12, 31),
        "Báo cáo số 215/BC-UBND ngày 31/12/2024",
        True,
    ),
    (
        "Ủy ban nhân dân phường Nguyễn Nghiêm",
        "Tỷ lệ hồ sơ liên thông",
        72,
        D(2025, 5, 20),
        "Báo cáo số 88/BC-UBND ngày 20/5/2025",
        True,
    ),
    (
        "Ủy ban nhân dân phường Nguyễn Nghiêm",
        "Tổ dân phố hoàn thành chỉ tiêu các nguồn quỹ quý I/2025",
        100,
        D(2025, 3, 31),
        "Báo cáo số 61/BC-UBND ngày 02/4/2025",
        True,
    ),
    (
        "Ban Chỉ huy Quân sự phường",
        "Hoàn thành chỉ tiêu giao quân năm 2025",
        100,
        D(2025, 2, 15),
        "Báo cáo số 12/BC-BCHQS ngày 15/02/2025",
        True,
    ),
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường",
        "Xây dựng, sửa chữa nhà Đại đoàn kết",
        3,
        D(2025, 4, 28),
        "Biên bản bàn giao nhà ngày 28/4/2025",
        True,
    ),
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường",
        "Giải ngân quỹ",
        100,
        D(2025, 1, 20),
        "Báo cáo số 05/BC-MTTQ ngày 20/01/2025",
        False,
    ),
    (
        "Hội Liên hiệp Phụ nữ phường",
        "Mô hình «Tuyến phố không dùng tiền mặt»",
        1,
        D(2025, 3, 8),
        "Quyết định số 02/QĐ-HPN ngày 08/3/2025",
        True,
    ),
    (
        ROOT,
        "Tổ chức thành công Đại hội các chi bộ",
        100,
        D(2025, 4, 25),
        "Báo cáo số 145-BC/ĐU ngày 25/4/2025",
        True,
    ),
    (ROOT, "Tổ chức Lễ trao Huy hiệu Đảng", 1, D(2025, 2, 1), "Báo cáo số 132-BC/ĐU ngày 03/02/2025", True),
    ("Chi bộ Tổ dân phố 1", "Tỷ lệ hộ dân treo cờ", 100, D(2025, 2, 3), "Báo cáo của Chi bộ TDP 1", True),
    ("Chi bộ Tổ dân phố 2", "Tỷ lệ hộ dân treo cờ", 98, D(2025, 2, 3), "Báo cáo của Chi bộ TDP 2", True),
    ("Chi bộ Tổ dân phố 3", "Tỷ lệ hộ dân treo cờ", 100, D(2025, 2, 3), "Báo cáo của Chi bộ TDP 3", False),
    (
        "Chi bộ Tổ dân phố 1",
        "Vận động đóng góp các nguồn quỹ đạt chỉ tiêu giao quý I/2025",
        112,
        D(2025, 3, 30),
        "Sổ theo dõi quỹ TDP 1",
        True,
    ),
    (
        "Chi bộ Tổ dân phố 2",
        "Vận động đóng góp các nguồn quỹ đạt chỉ tiêu giao quý I/2025",
        104,
        D(2025, 3, 28),
        "Sổ theo dõi quỹ TDP 2",
        True,
    ),
    (
        "Chi bộ Tổ dân phố 4",
        "Vận động đóng góp các nguồn quỹ đạt chỉ tiêu giao quý I/2025",
        86,
        D(2025, 3, 31),
        "Sổ theo dõi quỹ TDP 4",
        True,
    ),
    (
        "Chi bộ Tổ dân phố 1",
        "Tổ chức thành công Đại hội chi bộ",
        1,
        D(2025, 3, 15),
        "Nghị quyết Đại hội Chi bộ TDP 1",
        True,
    ),
]

# Annual ratings of people, 2022–2024: name → levels of 2022, 2023, 2024
RATINGS: dict[str, tuple[str, str, str]] = {
    "Phạm Thị Thu Hà": ("excellent", "excellent", "excellent"),
    "Võ Minh Tuấn": ("good", "good", "good"),
    "Huỳnh Thị Mỹ Lệ": ("good", "excellent", "good"),
    "Dương Thị Hạnh": ("good", "excellent", "excellent"),
    "Hà Văn Nam": ("good", "good", "complete"),
    "Đỗ Thị Lan": ("excellent", "excellent", "excellent"),
    "Hồ Ngọc Ánh": ("good", "excellent", "excellent"),
    "Lê Thị Hồng Nhung": ("excellent", "good", "excellent"),
    "Trần Thị Yến": ("good", "good", "excellent"),
}

# Every demo proposal starts as a draft; DEMO_BATCHES takes it through its meeting, approval and decision.
PROPOSALS = [
    (
        "person",
        "Phạm Thị Thu Hà",
        "CSTDCS",
        "Hoàn thành xuất sắc nhiệm vụ; tham mưu đạt 92,5% thủ tục hành chính trực tuyến",
        "draft",
    ),
    (
        "person",
        "Dương Thị Hạnh",
        "GK_CT_UBND_PHUONG",
        "Có thành tích xuất sắc trong đợt thi đua cao điểm",
        "draft",
    ),
    (
        "unit",
        "Ban Chỉ huy Quân sự phường",
        "GK_CT_UBND_PHUONG",
        "Hoàn thành 100% chỉ tiêu giao quân năm 2025",
        "draft",
    ),
    (
        "unit",
        "Chi bộ Tổ dân phố 1",
        "GK_DANG_UY",
        "Hoàn thành xuất sắc các chỉ tiêu thi đua giai đoạn 1: 100% hộ treo cờ, quỹ đạt 112%",
        "draft",
    ),
]

DEMO_SETTINGS = {
    "state_signatory_name": "Lê Quang Vinh",
    "organization_board_head": "Trần Văn Hùng",
    "council_members": "; ".join(
        (
            "Lê Quang Vinh - Chủ tịch UBND phường, Chủ tịch Hội đồng",
            "Trần Văn Hùng - Phó Bí thư Thường trực Đảng ủy, Phó Chủ tịch Hội đồng",
            "Ngô Thị Bích Thủy - Chủ tịch Ủy ban MTTQ phường, Ủy viên",
            "Đỗ Thị Lan - Chủ tịch Hội Phụ nữ phường, Ủy viên",
            "Trương Công Danh - Chủ tịch Hội Cựu chiến binh phường, Ủy viên",
            "Hồ Ngọc Ánh - Bí thư Đoàn phường, Ủy viên",
            "Đặng Văn Lộc - Chỉ huy trưởng Ban Chỉ huy Quân sự phường, Ủy viên",
            "Bùi Thanh Sơn - Trưởng Công an phường, Ủy viên",
            "Huỳnh Thị Mỹ Lệ - Công chức Văn hóa - Xã hội, Ủy viên kiêm Thư ký",
        )
    ),
    "standing_members": "; ".join(
        (
            "Nguyễn Thị Ngọc Dung - Bí thư Đảng ủy",
            "Trần Văn Hùng - Phó Bí thư Thường trực Đảng ủy",
            "Lê Quang Vinh - Phó Bí thư Đảng ủy, Chủ tịch UBND phường",
            "Ngô Thị Bích Thủy - Ủy viên Ban Thường vụ, Chủ tịch Ủy ban MTTQ phường",
            "Bùi Thanh Sơn - Ủy viên Ban Thường vụ, Trưởng Công an phường",
        )
    ),
}
"""Settings the demo fills when the office has not: the papers of its batches name every signer and member."""

COUNCIL_MEETING: dict[str, Any] = {
    "meeting_date": D(2025, 5, 28),
    "meeting_start": "08:00",
    "meeting_end": "10:30",
    "meeting_place": "Hội trường Ủy ban nhân dân phường Nguyễn Nghiêm",
    "meeting_chair": "Lê Quang Vinh",
    "meeting_secretary": "Huỳnh Thị Mỹ Lệ",
    "absent_members": "Bùi Thanh Sơn",
    "council_members": 9,
    "members_present": 8,
}
PARTY_MEETING: dict[str, Any] = {
    "meeting_date": D(2025, 5, 28),
    "meeting_start": "14:00",
    "meeting_end": "15:30",
    "meeting_place": "Phòng họp Đảng ủy phường Nguyễn Nghiêm",
    "meeting_chair": "Nguyễn Thị Ngọc Dung",
    "meeting_secretary": "Trần Văn Hùng",
    "absent_members": "",
}


@dataclass(frozen=True)
class DemoBatch:
    """One stored batch of the demo: its meeting, items (subject, form code, votes for; None in a Party batch),
    approval, sending (date, Tờ trình number) and decision (number, date, signer)."""

    name: str
    authority: str
    meeting: dict[str, Any]
    items: tuple[tuple[str, str, int | None], ...]
    approved: date
    document_number: str = ""
    sent: tuple[date, str] | None = None
    decision: tuple[str, date, str] | None = None


# One stored batch per deciding body of phase 1 (reviewed 28/05/2025, before the 01/07/2025 reform: CSTĐCS goes
# to the district chairman). The ward batch has a candidate who fails the ballot.
DEMO_BATCHES: list[DemoBatch] = [
    DemoBatch(
        "Đợt trình Chủ tịch UBND thành phố - giai đoạn 1",
        "district_chairman",
        COUNCIL_MEETING,
        (("Phạm Thị Thu Hà", "CSTDCS", 8),),
        D(2025, 5, 29),
        sent=(D(2025, 5, 30), "18"),
    ),
    DemoBatch(
        "Đợt trình Chủ tịch UBND phường - giai đoạn 1",
        "ward_chairman",
        COUNCIL_MEETING,
        (("Dương Thị Hạnh", "GK_CT_UBND_PHUONG", 7), ("Ban Chỉ huy Quân sự phường", "GK_CT_UBND_PHUONG", 4)),
        D(2025, 5, 29),
        document_number="05",
        decision=("125/QĐ-UBND", D(2025, 6, 2), "Lê Quang Vinh"),
    ),
    DemoBatch(
        "Đợt trình Ban Thường vụ Đảng ủy - giai đoạn 1",
        "party_committee",
        PARTY_MEETING,
        (("Chi bộ Tổ dân phố 1", "GK_DANG_UY", None),),
        D(2025, 5, 28),
        document_number="52",
        decision=("45-QĐ/ĐU", D(2025, 5, 30), "Nguyễn Thị Ngọc Dung"),
    ),
]
