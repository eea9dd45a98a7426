"""Benchmark: the nomination dossier of a batch of 200 nominees, against docxtpl alone.

    uv run python benchmarks/bench_dossier.py [--nominees 200] [--repeat 1]

Set-up (not timed): the demo campaign plus N people, each with a pledge of three targets, verified evidence and one
attached scan, all proposed for the Giấy khen of the ward Chairman in phase 1 (one batch).

* **dossier**: ``build_dossier`` to a .zip, from a cold start of the template cache: loading and validating the
  templates, reading the data through the services, building every context, rendering every document, the Excel
  list, copying and hashing the evidence, the manifests, the zip.
* **floor**: the same Word documents rendered by docxtpl alone (``DocxTemplate(path).render(context,
  autoescape=True)`` then ``save``) from contexts prepared beforehand, in the same run.

Prints both times and their ratio; the target is ≤ 1.5×.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from docxtpl import DocxTemplate
from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from thidua_desktop.core.bootstrap import open_data  # noqa: E402
from thidua_desktop.core.demo import load_demo  # noqa: E402
from thidua_desktop.core.models import (  # noqa: E402
    AwardForm,
    AwardProposal,
    Evidence,
    Person,
    Phase,
    Pledge,
    QualityRating,
    Target,
    Unit,
)
from thidua_desktop.core.services.evidence import attach_file  # noqa: E402
from thidua_desktop.core.storage.database import Database  # noqa: E402
from thidua_desktop.exchange.documents import builders, templates  # noqa: E402
from thidua_desktop.exchange.documents.batch import synthetic_batch  # noqa: E402
from thidua_desktop.exchange.documents.dossier import build_dossier  # noqa: E402
from thidua_desktop.exchange.documents.template_specs import spec_for, template_path  # noqa: E402

ON = date(2025, 5, 26)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Thanh")
GIVEN = ("An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hạnh", "Khoa", "Lan", "Long", "Mai", "Nam", "Oanh", "Phúc",
         "Quân", "Sơn", "Tâm", "Thảo", "Uyên", "Vinh", "Xuân", "Yến")  # fmt: skip


def populate(db: Database, campaign_id: int, nominees: int, scratch: Path) -> None:
    """N people with pledges, targets, verified results and a scan each, all proposed in one batch."""
    evidence_ids: list[int] = []
    with db.session() as session:
        phase = session.scalar(select(Phase).filter_by(campaign_id=campaign_id, number=1))
        form = session.scalar(select(AwardForm).filter_by(code="GK_CT_UBND_PHUONG"))
        units = list(session.scalars(select(Unit).where(Unit.kind == "residential_group")))
        assert phase is not None and form is not None and units
        for index in range(nominees):
            name = f"{FAMILY[index % 12]} {MIDDLE[index // 12 % 8]} {GIVEN[index % 22]}"
            person = Person(
                full_name=name,
                gender="female" if index % 2 else "male",
                birth_date=date(1960 + index % 40, 1 + index % 12, 1 + index % 28),
                unit_id=units[index % len(units)].id,
                position="Tổ viên tổ dân phố",
                category="citizen",
            )
            session.add(person)
            session.flush()
            pledge = Pledge(
                campaign_id=campaign_id, person_id=person.id, title_code="LDTT", content="Gương mẫu"
            )
            session.add(pledge)
            session.flush()
            for order, (content, value, measure) in enumerate(
                (
                    ("Vận động hộ gia đình đóng góp quỹ «Vì người nghèo»", 100, "%"),
                    ("Tham gia tổng vệ sinh khu dân cư", 12, "buổi"),
                    ("Vận động hộ treo cờ Tổ quốc dịp Tết", 100, "%"),
                )
            ):
                target = Target(
                    pledge_id=pledge.id,
                    content=content,
                    target_value=value,
                    unit_of_measure=measure,
                    phase_id=phase.id,
                    sort_order=order,
                )
                session.add(target)
                session.flush()
                evidence = Evidence(
                    target_id=target.id,
                    pledge_id=pledge.id,
                    achieved_value=value * (1 + (index + order) % 3 / 10),
                    achieved_date=date(2025, 4, 30),
                    document_ref=f"Sổ theo dõi của tổ dân phố, trang {index + 1}",
                    status="verified",
                    verifier="Ban Tổ chức Đảng ủy",
                    verified_date=date(2025, 5, 20),
                )
                session.add(evidence)
                session.flush()
                if order == 0:
                    evidence_ids.append(evidence.id)
            for year in (2022, 2023, 2024):
                session.add(QualityRating(person_id=person.id, year=year, level="good"))
            session.add(
                AwardProposal(
                    campaign_id=campaign_id,
                    phase_id=phase.id,
                    award_form_id=form.id,
                    authority=form.authority,
                    person_id=person.id,
                    achievement_summary="Hoàn thành tốt nhiệm vụ; vận động nhân dân thực hiện tốt các phong trào",
                    status="approved",
                )
            )
    for index, evidence_id in enumerate(evidence_ids):
        scan = scratch / f"Biên bản xác nhận {index + 1:03d}.pdf"
        scan.write_bytes(b"%PDF-1.4\n" + (f"scan {index}\n".encode() * 400))
        attach_file(db, evidence_id, scan)


def prepared_contexts(db: Database, batch_spec: str) -> list[tuple[Path, dict[str, object]]]:
    """(template, context) of every Word document of the dossier, built beforehand for the floor."""
    campaign_id, phase, authority = batch_spec.split(":")
    batch = synthetic_batch(db, int(campaign_id), int(phase) if phase else None, authority)
    data = builders.DocumentData(db, batch.campaign_id, ON)
    side = builders.batch_side(data, batch)
    jobs: list[tuple[Path, dict[str, object]]] = []
    for kind, build in (
        ("to-trinh", builders.build_to_trinh),
        ("danh-sach", builders.build_danh_sach),
        ("bien-ban", builders.build_bien_ban),
        ("quyet-dinh", builders.build_quyet_dinh),
    ):
        jobs.append((template_path(spec_for(kind, side).file)[0], builders.as_dict(build(data, batch))))
    for proposal in batch.proposals:
        context, report_side = builders.build_achievement(
            data, proposal.subject_type, proposal.subject_id or 0, proposal, batch.phase_number
        )
        kind = "unit" if proposal.subject_type == "unit" else "person"
        path = template_path(spec_for("bao-cao-thanh-tich", report_side, kind).file)[0]
        jobs.append((path, builders.as_dict(context)))
    return jobs


def floor(jobs: list[tuple[Path, dict[str, object]]]) -> float:
    started = time.perf_counter()
    for path, context in jobs:
        document = DocxTemplate(str(path))
        document.render(context, autoescape=True)
        document.save(io.BytesIO())
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--nominees", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measure (the best is kept)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-dossier-") as scratch_name:
        scratch = Path(scratch_name)
        with open_data(scratch / "data", daily_backup=False) as db:
            campaign_id = load_demo(db).campaign_id
            started = time.perf_counter()
            populate(db, campaign_id, args.nominees, scratch)
            print(f"Set-up: {args.nominees} nominees with pledges, evidence and scans "
                  f"({time.perf_counter() - started:.1f} s, not timed)")  # fmt: skip
            spec = f"{campaign_id}:1:ward_chairman"
            dossier_times = []
            for run in range(args.repeat):
                templates._CACHE.clear()  # cold: templates are loaded and validated again
                out = scratch / f"ho-so-{run}.zip"
                started = time.perf_counter()
                result = build_dossier(db, spec, out, on=ON)
                dossier_times.append(time.perf_counter() - started)
            jobs = prepared_contexts(db, spec)
            floor_times = [floor(jobs) for _ in range(args.repeat)]
    dossier_time, floor_time = min(dossier_times), min(floor_times)
    ratio = dossier_time / floor_time
    print(
        f"Dossier: {len(result.entries)} files ({result.documents} documents, {result.evidence_files} evidence "
        f"files) in {dossier_time:.2f} s"
    )
    print(f"Floor (docxtpl alone, same {len(jobs)} Word documents, contexts prepared): {floor_time:.2f} s")
    print(f"Ratio: {ratio:.2f}× (target ≤ 1.5×) — {'OK' if ratio <= 1.5 else 'OVER TARGET'}")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    raise SystemExit(main())
