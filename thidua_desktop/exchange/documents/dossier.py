"""The nomination dossier (hồ sơ đề nghị khen thưởng) of one proposal batch, as a folder or a .zip.

Contents (Luật Thi đua, khen thưởng 2022 Điều 84): the Tờ trình, the Danh sách (Word and Excel), the Biên bản of
the meeting that considered the list, a Báo cáo thành tích for every nominee, the Quyết định when the ward decides
itself, copies of the evidence files each nominee's results cite, and a manifest (``manifest.csv`` for people,
``manifest.json`` for programs) with every file's SHA-256 and what it is, so that the receiver can check that
nothing is missing or altered.

Everything is built in a temporary folder beside the destination and moved into place at the end: an error in one
document (named with its field) or a cancellation leaves nothing half-written behind.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from thidua_desktop.core.enums import ProposalStatus
from thidua_desktop.core.errors import UserError
from thidua_desktop.core.services.evidence import attachment_chunks
from thidua_desktop.core.services.proposals import ProposalRecord
from thidua_desktop.core.storage import atomic
from thidua_desktop.core.storage.database import Database
from thidua_desktop.exchange.documents import builders
from thidua_desktop.exchange.documents.batch import BatchInfo, batch_from_proposals, items_for, resolve_batch
from thidua_desktop.exchange.documents.builders import DocumentData
from thidua_desktop.exchange.documents.excel_list import write_batch_list
from thidua_desktop.exchange.documents.generate import achievement_document, batch_document, slug
from thidua_desktop.exchange.documents.template_specs import KIND_TITLES

ProgressCallback = Callable[[int, int, str], None]
MANIFEST_JSON = "manifest.json"
MANIFEST_CSV = "manifest.csv"
EVIDENCE_DIR = "06-minh-chung"
REPORTS_DIR = "04-bao-cao-thanh-tich"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


@dataclass
class ManifestEntry:
    file: str
    """Path inside the package, with "/" separators."""
    sha256: str
    size: int
    description: str


@dataclass
class DossierResult:
    path: Path
    batch: str
    campaign_id: int
    authority: str
    entries: list[ManifestEntry] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return sum(1 for e in self.entries if e.file.endswith((".docx", ".xlsx")))

    @property
    def evidence_files(self) -> int:
        return sum(1 for e in self.entries if e.file.startswith(EVIDENCE_DIR + "/"))

    def manifest(self) -> dict[str, Any]:
        return {
            "batch": self.batch,
            "campaign_id": self.campaign_id,
            "authority": self.authority,
            "files": [asdict(e) for e in self.entries],
        }


def _safe_name(name: str) -> str:
    cleaned = _UNSAFE.sub("_", name).strip(" .")
    return cleaned or "tep"


class _Package:
    """Files written into the staging folder, hashed as they are written."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.entries: list[ManifestEntry] = []

    def add_bytes(self, relative: str, payload: bytes, description: str) -> None:
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(payload)
        self.entries.append(
            ManifestEntry(relative, hashlib.sha256(payload).hexdigest(), len(payload), description)
        )

    def add_written(self, relative: str, description: str) -> None:
        target = self.root / relative
        digest = hashlib.sha256()
        with target.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        self.entries.append(ManifestEntry(relative, digest.hexdigest(), target.stat().st_size, description))

    def copy_file(self, source: Iterable[bytes], relative: str, description: str) -> None:
        """Write ``source`` (the plain bytes of a stored file, decrypted when the store is encrypted)."""
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        with target.open("wb") as writer:
            for chunk in source:
                digest.update(chunk)
                writer.write(chunk)
                size += len(chunk)
        self.entries.append(ManifestEntry(relative, digest.hexdigest(), size, description))

    def unique(self, relative: str) -> str:
        taken = {e.file.lower() for e in self.entries}
        if relative.lower() not in taken:
            return relative
        stem, dot, ext = relative.rpartition(".")
        if not dot:
            stem, ext = relative, ""
        index = 2
        while True:
            candidate = f"{stem} ({index})" + (f".{ext}" if ext else "")
            if candidate.lower() not in taken:
                return candidate
            index += 1


def _decision_ready(batch: BatchInfo) -> bool:
    try:
        return bool(items_for(batch, "quyet-dinh"))
    except UserError:
        return False


def as_batch(db: Database, value: BatchInfo | list[ProposalRecord] | str | int) -> BatchInfo:
    if isinstance(value, BatchInfo):
        return value
    if isinstance(value, list):
        return batch_from_proposals(value)
    return resolve_batch(db, str(value))


def _check_destination(out_path: Path) -> bool:
    as_zip = out_path.suffix.lower() == ".zip"
    if not as_zip and out_path.exists():
        if not out_path.is_dir() or any(out_path.iterdir()):
            raise UserError(
                f"Thư mục «{out_path}» đã có dữ liệu: hãy chọn một thư mục mới (hoặc trống), hoặc xuất ra tệp .zip."
            )
    if as_zip and out_path.is_dir():
        raise UserError(f"«{out_path}» là một thư mục, không ghi đè thành tệp .zip được.")
    return as_zip


def build_dossier(
    db: Database,
    proposals_or_batch: BatchInfo | list[ProposalRecord] | str | int,
    out_path: Path,
    progress: ProgressCallback | None = None,
    on: date | None = None,
) -> DossierResult:
    """Build the dossier of a batch at ``out_path`` (a folder, or a .zip when the name ends in .zip)."""
    out_path = Path(out_path)
    batch = as_batch(db, proposals_or_batch)
    as_zip = _check_destination(out_path)
    data = DocumentData(db, batch.campaign_id, on)
    proposals = builders.sorted_proposals(data, items_for(batch, "to-trinh"))
    evidence = {
        p.id: [e for e in data.evidence_for(p.subject_type, p.subject_id or 0) if e.files] for p in proposals
    }
    file_count = sum(len(e.files) for items in evidence.values() for e in items)
    with_decision = batch.within_ward and _decision_ready(batch)
    total = 4 + len(proposals) + (1 if with_decision else 0) + file_count + 1
    done = 0

    def step(text: str) -> None:
        nonlocal done
        if progress is not None:
            progress(done, total, text)
        done += 1

    out_path.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".ho-so-dang-lap-", dir=out_path.parent))
    pending = atomic.journal(work)
    try:
        root = work / "ho-so"
        root.mkdir()
        package = _Package(root)
        for index, kind in enumerate(("to-trinh", "danh-sach", "bien-ban"), start=1):
            step(f"Đang lập {KIND_TITLES[kind].lower()}…")
            document = batch_document(data, kind, batch)
            package.add_bytes(f"{index:02d}-{kind}.docx", document.data, document.description)
        step("Đang lập danh sách Excel…")
        write_batch_list(data, batch, root / "02-danh-sach.xlsx")
        package.add_written("02-danh-sach.xlsx", "Danh sách đề nghị khen thưởng (bảng tính Excel)")
        for number, proposal in enumerate(proposals, start=1):
            step(f"Đang lập báo cáo thành tích {number}/{len(proposals)}: {proposal.subject_name}…")
            document = achievement_document(
                data, proposal.subject_type, proposal.subject_id or 0, proposal, batch.phase_number
            )
            name = f"{REPORTS_DIR}/{number:02d}-{slug(proposal.subject_name)}.docx"
            package.add_bytes(name, document.data, document.description)
        if with_decision:
            step("Đang lập quyết định khen thưởng…")
            document = batch_document(data, "quyet-dinh", batch)
            decided = any(p.status == ProposalStatus.DECIDED for p in items_for(batch, "quyet-dinh"))
            what = document.description if decided else f"Dự thảo {_first_lower(document.description)}"
            package.add_bytes("05-quyet-dinh.docx", document.data, what)
        for number, proposal in enumerate(proposals, start=1):
            folder = f"{EVIDENCE_DIR}/{number:02d}-{slug(proposal.subject_name)}"
            for item in evidence[proposal.id]:
                for attached in item.files:
                    step(f"Đang sao minh chứng: {attached.original_name}…")
                    source = attachment_chunks(db, attached.id)
                    relative = package.unique(f"{folder}/{_safe_name(attached.original_name)}")
                    what = item.document_ref or item.target_content or "minh chứng"
                    package.copy_file(
                        source,
                        relative,
                        f"Minh chứng của {proposal.subject_name}: {what} (tệp gốc «{attached.original_name}»)",
                    )
                    if package.entries[-1].sha256 != attached.sha256:
                        raise UserError(
                            f"Tệp minh chứng «{attached.original_name}» trong kho đã bị thay đổi (mã SHA-256 không "
                            "khớp); không lập hồ sơ để tránh gửi tệp sai."
                        )
        step("Đang ghi danh mục hồ sơ…")
        result = DossierResult(out_path, batch.spec, batch.campaign_id, batch.authority, package.entries)
        _write_manifests(root, result)
        if as_zip:
            staged = work / "ho-so.zip"
            _zip_folder(root, staged)
            os.replace(staged, out_path)
        else:
            if out_path.exists():
                out_path.rmdir()
            os.replace(root, out_path)
        if progress is not None:
            progress(total, total, "Đã lập xong hồ sơ.")
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)
        atomic.forget(pending)


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _write_manifests(root: Path, result: DossierResult) -> None:
    (root / MANIFEST_JSON).write_text(
        json.dumps(result.manifest(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(["Tệp", "SHA-256", "Kích thước (byte)", "Nội dung"])
    for entry in result.entries:
        writer.writerow([entry.file, entry.sha256, entry.size, entry.description])
    (root / MANIFEST_CSV).write_text("\ufeff" + text.getvalue(), encoding="utf-8")


def _zip_folder(root: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(root).as_posix())
