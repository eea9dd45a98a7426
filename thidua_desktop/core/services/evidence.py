"""Evidence (minh chứng) of results, with attached files kept in a content-addressed store."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from thidua_desktop.core.enums import EvidenceStatus
from thidua_desktop.core.errors import TamperedAttachmentError, UserError, ValidationError
from thidua_desktop.core.models import Evidence, EvidenceFile, Pledge, Target
from thidua_desktop.core.services.common import get_or_raise
from thidua_desktop.core.services.subjects import preload_subjects, subject_names
from thidua_desktop.core.storage import cipher, sealed
from thidua_desktop.core.storage.atomic import atomic_path
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import clean

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024


@dataclass
class EvidenceFileRecord:
    id: int
    original_name: str
    sha256: str
    size: int


@dataclass
class EvidenceRecord:
    id: int | None = None
    target_id: int | None = None
    pledge_id: int | None = None
    campaign_id: int | None = None
    subject_name: str = ""
    target_content: str = ""
    target_value: float | None = None
    unit_of_measure: str = ""
    achieved_value: float | None = None
    achieved_date: date | None = None
    document_ref: str = ""
    description: str = ""
    status: str = EvidenceStatus.UNVERIFIED.value
    verifier: str = ""
    verified_date: date | None = None
    file_count: int = 0
    files: list[EvidenceFileRecord] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return EvidenceStatus(self.status).label


def _pledge_of(session: Session, row: Evidence) -> Pledge:
    if row.target_id is not None:
        target = session.get(Target, row.target_id)
        assert target is not None
        return target.pledge
    pledge = session.get(Pledge, row.pledge_id)
    assert pledge is not None
    return pledge


def _record(session: Session, row: Evidence) -> EvidenceRecord:
    pledge = _pledge_of(session, row)
    target = row.target
    return EvidenceRecord(
        id=row.id,
        target_id=row.target_id,
        pledge_id=pledge.id,
        campaign_id=pledge.campaign_id,
        subject_name=subject_names(session, pledge)[0],
        target_content=target.content if target else "",
        target_value=target.target_value if target else None,
        unit_of_measure=target.unit_of_measure if target else "",
        achieved_value=row.achieved_value,
        achieved_date=row.achieved_date,
        document_ref=row.document_ref,
        description=row.description,
        status=row.status,
        verifier=row.verifier,
        verified_date=row.verified_date,
        file_count=len(row.files),
        files=[EvidenceFileRecord(f.id, f.original_name, f.sha256, f.size) for f in row.files],
    )


def list_evidence(db: Database, campaign_id: int | None = None) -> list[EvidenceRecord]:
    with db.session() as session:
        query = select(Evidence).options(selectinload(Evidence.files), selectinload(Evidence.target))
        pledges = select(Pledge)
        if campaign_id is not None:
            pledge_ids = select(Pledge.id).where(Pledge.campaign_id == campaign_id)
            target_ids = select(Target.id).where(Target.pledge_id.in_(pledge_ids))
            query = query.where(Evidence.target_id.in_(target_ids) | Evidence.pledge_id.in_(pledge_ids))
            pledges = pledges.where(Pledge.campaign_id == campaign_id)
        # Kept alive in the identity map so that each row finds its pledge and subject without a query.
        _loaded = [*session.scalars(pledges), *preload_subjects(session)]  # noqa: F841
        return [_record(session, row) for row in session.scalars(query.order_by(Evidence.id))]


def get_evidence(db: Database, evidence_id: int) -> EvidenceRecord:
    with db.session() as session:
        return _record(session, get_or_raise(session, Evidence, evidence_id, "minh chứng"))


def _validate(record: EvidenceRecord) -> None:
    if record.target_id is None and record.pledge_id is None:
        raise ValidationError(
            "Chưa chọn chỉ tiêu hoặc đăng ký thi đua mà minh chứng này chứng minh.", "target_id"
        )
    if record.status not in EvidenceStatus._value2member_map_:
        raise ValidationError("Trạng thái xác minh không hợp lệ.", "status")
    if record.achieved_value is not None and record.achieved_value < 0:
        raise ValidationError("Kết quả đạt được không được âm.", "achieved_value")
    if record.achieved_date and record.achieved_date > date.today():
        raise ValidationError("Ngày đạt được không được sau ngày hôm nay.", "achieved_date")
    if record.status != EvidenceStatus.UNVERIFIED and not clean(record.verifier):
        raise ValidationError("Minh chứng đã xác minh hoặc không đạt phải ghi người xác minh.", "verifier")


def save_evidence(db: Database, record: EvidenceRecord) -> EvidenceRecord:
    _validate(record)
    with db.session() as session:
        if record.target_id is not None:
            target = get_or_raise(session, Target, record.target_id, "chỉ tiêu")
            pledge_id: int | None = target.pledge_id
        else:
            assert record.pledge_id is not None
            pledge_id = get_or_raise(session, Pledge, record.pledge_id, "đăng ký thi đua").id
        row = get_or_raise(session, Evidence, record.id, "minh chứng") if record.id else Evidence()
        row.target_id = record.target_id
        row.pledge_id = pledge_id
        row.achieved_value = record.achieved_value
        row.achieved_date = record.achieved_date
        row.document_ref = clean(record.document_ref)
        row.description = record.description.strip()
        row.status = record.status
        row.verifier = clean(record.verifier)
        row.verified_date = record.verified_date or (
            date.today() if record.status != EvidenceStatus.UNVERIFIED else None
        )
        if record.id is None:
            session.add(row)
        session.flush()
        session.refresh(row)
        return _record(session, row)


def delete_evidence(db: Database, evidence_id: int) -> None:
    """Delete a piece of evidence and its file links (the stored bytes stay: other records may share them)."""
    with db.session() as session:
        session.delete(get_or_raise(session, Evidence, evidence_id, "minh chứng"))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def stored_path(store: Path, sha256: str, original_name: str) -> Path:
    return store / sha256[:2] / (sha256 + Path(original_name).suffix.lower())


def attach_file(db: Database, evidence_id: int, source: Path) -> EvidenceFileRecord:
    """Copy ``source`` into the managed store (named by its SHA-256) and link it to the evidence."""
    source = Path(source)
    if not source.is_file():
        raise ValidationError(f"Không tìm thấy tệp «{source}».", "files")
    size = source.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(f"Tệp «{source.name}» quá lớn (tối đa 200 MB).", "files")
    with db.session() as session:  # refuse before copying anything into the store
        get_or_raise(session, Evidence, evidence_id, "minh chứng")
    digest = sha256_of(source)
    target = stored_path(db.paths.attachments, digest, source.name)
    key = cipher.key_for(target)
    if not target.exists() and not sealed.sealed_path(target).exists():
        with atomic_path(target if key is None else sealed.sealed_path(target)) as partial:
            if key is None:
                shutil.copyfile(source, partial)
            else:
                sealed.seal(source, partial, key)
    with db.session() as session:
        get_or_raise(session, Evidence, evidence_id, "minh chứng")
        row = EvidenceFile(evidence_id=evidence_id, original_name=source.name, sha256=digest, size=size)
        session.add(row)
        session.flush()
        return EvidenceFileRecord(row.id, row.original_name, row.sha256, row.size)


def attachment_path(db: Database, file_id: int) -> Path:
    with db.session() as session:
        row = get_or_raise(session, EvidenceFile, file_id, "tệp đính kèm")
        path = stored_path(db.paths.attachments, row.sha256, row.original_name)
    if sealed.sealed_path(path).exists():
        return sealed.sealed_path(path)
    if not path.exists():
        raise ValidationError(f"Tệp «{row.original_name}» không còn trong kho lưu trữ.", "files")
    return path


RISKY_SUFFIXES = frozenset(
    [
        ".exe",
        ".com",
        ".scr",
        ".pif",
        ".bat",
        ".cmd",
        ".js",
        ".jse",
        ".vbs",
        ".vbe",
        ".vb",
        ".wsf",
        ".wsh",
        ".ws",
        ".ps1",
        ".psm1",
        ".psd1",
        ".lnk",
        ".url",
        ".msi",
        ".msp",
        ".mst",
        ".hta",
        ".cpl",
        ".jar",
        ".reg",
        ".dll",
        ".sys",
        ".ocx",
        ".application",
        ".appref-ms",
        ".gadget",
        ".msc",
        ".scf",
        ".inf",
        ".iso",
        ".img",
        ".vhd",
        ".vhdx",
        ".chm",
        ".settingcontent-ms",
        ".sh",
        ".py",
        ".pyw",
        ".docm",
        ".dotm",
        ".xlsm",
        ".xltm",
        ".xlsb",
        ".xlam",
        ".xla",
        ".pptm",
        ".potm",
        ".ppsm",
        ".ppam",
        ".sldm",
        ".accdb",
        ".accde",
        ".mdb",
        ".mde",
    ]
)
"""Programs, scripts, shortcuts and macro documents: the system's default handler would run them."""
_VBA_OLE = "_VBA_PROJECT".encode("utf-16-le")
_VBA_ZIP = b"vbaProject.bin"
_PROGRAM_HEADERS = (b"MZ", b"#!", b"\x7fELF", b"L\x00\x00\x00\x01\x14\x02\x00")  # .exe, script, ELF, .lnk
_SNIFF_BYTES = 4 << 20


@dataclass(frozen=True)
class OpenableAttachment:
    """A stored evidence file checked before opening: its SHA-256 matched; ``risky`` ones are only shown in their
    folder, never handed to the system's default handler."""

    path: Path
    original_name: str
    risky: bool
    why: str = ""


def risk_of(path: Path, original_name: str) -> str:
    """Why a file must not be opened by the system's default handler (empty when it may)."""
    for name in (original_name, path.name):
        suffix = Path(name).suffix.lower()
        if suffix in RISKY_SUFFIXES:
            return f"tệp loại {suffix} là chương trình, tập lệnh, lối tắt hoặc tài liệu có macro"
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if head.startswith(_PROGRAM_HEADERS):
        return "nội dung tệp là một chương trình hoặc tập lệnh (dù tên tệp không cho thấy)"
    if _VBA_OLE in head or _VBA_ZIP in head:
        return "tài liệu có chứa macro"
    return ""


def open_attachment(db: Database, file_id: int) -> OpenableAttachment:
    """The stored file of an attachment, its SHA-256 checked against the one recorded when it was attached.

    Raises ``TamperedAttachmentError`` naming the file when the bytes changed since (edited, damaged, replaced).
    """
    path = attachment_path(db, file_id)
    with db.session() as session:
        row = get_or_raise(session, EvidenceFile, file_id, "tệp đính kèm")
        expected, name = row.sha256, row.original_name
    tampered = TamperedAttachmentError(
        f"Tệp minh chứng «{name}» (lưu ở «{path}») đã bị thay đổi sau khi đính kèm: mã SHA-256 không khớp với "
        "mã ghi lúc đính kèm. Chương trình không mở tệp này; hãy đính kèm lại bản gốc."
    )
    if sealed.is_sealed(path):
        path = _readable_copy(db, file_id, path, name)
    if sha256_of(path) != expected:
        raise tampered
    why = risk_of(path, name)
    return OpenableAttachment(path, name, bool(why), why)


def _readable_copy(db: Database, file_id: int, stored: Path, name: str) -> Path:
    """A decrypted copy under its own name in the data folder's ``mo-tam`` (emptied at the next start), for the
    program that opens it."""
    safe = "".join("_" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in Path(name).name) or "tep"
    target = db.paths.opened / str(file_id) / safe
    try:
        with atomic_path(target) as partial:
            sealed.unseal(stored, partial, cipher.key_for(stored))
    except UserError as exc:
        raise TamperedAttachmentError(f"Tệp minh chứng «{name}»: {exc.message}") from exc
    return target


def attachment_chunks(db: Database, file_id: int) -> Iterator[bytes]:
    """The plain bytes of an attachment (decrypted when the store is encrypted), in chunks."""
    path = attachment_path(db, file_id)
    return sealed.chunks(path, cipher.key_for(path))


def detach_file(db: Database, file_id: int) -> None:
    with db.session() as session:
        session.delete(get_or_raise(session, EvidenceFile, file_id, "tệp đính kèm"))
