"""Purging one person's personal data on request (issue 13, Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15): the person,
every record about them and their audit entries go, the purge itself stays in the audit log."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from thidua_desktop.cli import main
from thidua_desktop.core.errors import ValidationError
from thidua_desktop.core.services.evidence import attach_file
from thidua_desktop.core.services.persons import get_person
from thidua_desktop.core.services.purge import purge_person
from thidua_desktop.core.services.records import RatingRecord, delete_rating, save_rating
from thidua_desktop.core.storage.database import Database

SUBJECT_TABLES = (
    "pledge",
    "award_proposal",
    "prior_award",
    "quality_rating",
    "discipline",
    "party_membership_gap",
)


def _busiest_person(db: Database) -> int:
    """The demo person with pledges and proposals (the most records about them)."""
    with sqlite3.connect(db.paths.database) as conn:
        counts = {
            pid: total
            for pid, total in conn.execute(
                "SELECT person_id, count(*) FROM (SELECT person_id FROM pledge UNION ALL "
                "SELECT person_id FROM award_proposal) WHERE person_id IS NOT NULL GROUP BY person_id"
            )
        }
    conn.close()
    return max(counts, key=lambda pid: counts[pid])


def _rows_of(db: Database, person_id: int) -> int:
    with sqlite3.connect(db.paths.database) as conn:
        total = sum(
            conn.execute(f"SELECT count(*) FROM {t} WHERE person_id = ?", (person_id,)).fetchone()[0]
            for t in SUBJECT_TABLES
        )
    conn.close()
    return total


def _others(db: Database, person_id: int) -> tuple[int, ...]:
    with sqlite3.connect(db.paths.database) as conn:
        counts = tuple(
            conn.execute(
                f"SELECT count(*) FROM {t} WHERE person_id IS NULL OR person_id <> ?", (person_id,)
            ).fetchone()[0]
            for t in SUBJECT_TABLES
        )
        counts += (conn.execute("SELECT count(*) FROM person WHERE id <> ?", (person_id,)).fetchone()[0],)
    conn.close()
    return counts


def test_purge_removes_the_person_their_records_audit_and_files(demo_db: Database, tmp_path: Path) -> None:
    person_id = _busiest_person(demo_db)
    person = get_person(demo_db, person_id)
    rating = save_rating(demo_db, RatingRecord(subject_id=person_id, year=2019))
    assert rating.id is not None
    delete_rating(demo_db, rating.id)  # an earlier delete: its audit entry still holds the rating
    with sqlite3.connect(demo_db.paths.database) as conn:
        evidence_id = conn.execute(
            "SELECT e.id FROM evidence e JOIN pledge p ON p.id = e.pledge_id WHERE p.person_id = ?",
            (person_id,),
        ).fetchone()
    conn.close()
    stored = None
    if evidence_id is not None:
        source = tmp_path / "minh-chung-rieng.pdf"
        source.write_bytes(b"%PDF-1.4 chi cua nguoi nay")
        attach_file(demo_db, evidence_id[0], source)
        stored = next((demo_db.paths.attachments).rglob("*.pdf"))
    others = _others(demo_db, person_id)
    assert _rows_of(demo_db, person_id) > 0

    result = purge_person(demo_db, person_id, "Theo đơn yêu cầu ngày 05/01/2026")

    assert result.records > 1 and result.audit_entries > 1
    assert _rows_of(demo_db, person_id) == 0 and _others(demo_db, person_id) == others
    with sqlite3.connect(demo_db.paths.database) as conn:
        assert conn.execute("SELECT count(*) FROM person WHERE id = ?", (person_id,)).fetchone()[0] == 0
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        mentions = conn.execute(
            "SELECT count(*) FROM audit_entry WHERE (before_json LIKE ? OR after_json LIKE ?)",
            (f"%{person.full_name}%", f"%{person.full_name}%"),
        ).fetchone()[0]
        [(action, record_id, after, user)] = conn.execute(
            "SELECT action, record_id, after_json, user_name FROM audit_entry WHERE action = 'purge'"
        ).fetchall()
    conn.close()
    assert mentions == 0
    assert (action, record_id) == ("purge", str(person_id)) and user == demo_db.user_name
    summary = json.loads(after)
    assert summary["reason"] == "Theo đơn yêu cầu ngày 05/01/2026" and person.full_name not in after
    assert summary["removed_records"] == result.records
    if stored is not None:
        assert not stored.exists()
    demo_db.close()
    raw = demo_db.paths.database.read_bytes()
    assert person.full_name.encode("utf-8") not in raw, "deleted bytes must not stay in free pages"


def test_purge_needs_a_reason(demo_db: Database) -> None:
    with pytest.raises(ValidationError, match="lý do"):
        purge_person(demo_db, _busiest_person(demo_db), "  ")


def test_cli_purge_asks_for_confirmation(demo_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    person_id = _busiest_person(demo_db)
    folder = demo_db.paths.root
    demo_db.close()
    args = ["--data-dir", str(folder), "purge-person", str(person_id), "--reason", "Theo đơn"]
    assert main(args) == 1
    assert "--yes" in capsys.readouterr().err
    assert main([*args, "--yes", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["person_id"] == person_id
