"""Generating the documents: which contexts a request needs, which template each uses, and writing the files.

``render_documents`` returns the documents in memory (nothing is written when one of them fails);
``export_documents`` writes them next to each other atomically.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from thidua_desktop.core.enums import Authority, ProposalStatus, SubjectType
from thidua_desktop.core.errors import UserError
from thidua_desktop.core.services.proposals import ProposalRecord
from thidua_desktop.core.storage import atomic
from thidua_desktop.core.storage.database import Database
from thidua_desktop.core.text import fold
from thidua_desktop.exchange.documents import builders
from thidua_desktop.exchange.documents.batch import BatchInfo, batches_of_campaign, items_for, resolve_batch
from thidua_desktop.exchange.documents.builders import DocumentData, as_dict
from thidua_desktop.exchange.documents.contexts import CommonContext
from thidua_desktop.exchange.documents.template_specs import KIND_TITLES, KINDS, spec_for
from thidua_desktop.exchange.documents.templates import TemplateError, load_template

ProgressCallback = Callable[[int, int, str], None]
BATCH_KINDS = ("to-trinh", "danh-sach", "bien-ban", "quyet-dinh")


@dataclass
class RenderedDocument:
    kind: str
    file_name: str
    """Suggested file name ("to-trinh-chu-tich-ubnd-phuong.docx")."""
    description: str
    """What it is, in Vietnamese, for the manifest and messages."""
    template: str
    data: bytes
    unknown: list[str] = field(default_factory=list)
    """Fields the paper leaves blank because nothing records them (the user is told before it is written)."""


@dataclass
class DocumentRequest:
    kind: str
    campaign_id: int | None = None
    batch: str | BatchInfo | None = None
    unit_id: int | None = None
    person_id: int | None = None
    phase: int | None = None
    on: date | None = None


def slug(text: str, limit: int = 60) -> str:
    """ "Phạm Thị Thu Hà" → "pham-thi-thu-ha" (ASCII, for file names)."""
    value = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return value[:limit].rstrip("-") or "van-ban"


def render_context(
    data: DocumentData, kind: str, side: str, context: CommonContext, label: str, subject_kind: str = ""
) -> tuple[bytes, str]:
    """Render ``context`` with the template of ``kind``; errors name the document."""
    spec = spec_for(kind, side, subject_kind)
    template = load_template(spec.file, data.db.paths.forms)
    try:
        return template.render(as_dict(context)), spec.file
    except TemplateError as exc:
        raise TemplateError(exc.template, f"{label}: {exc.message}", exc.field) from exc


def batch_document(data: DocumentData, kind: str, batch: BatchInfo) -> RenderedDocument:
    builder = {
        "to-trinh": builders.build_to_trinh,
        "danh-sach": builders.build_danh_sach,
        "bien-ban": builders.build_bien_ban,
        "quyet-dinh": builders.build_quyet_dinh,
    }[kind]
    context = builder(data, batch)
    side = builders.batch_side(data, batch)
    authority = data.settings.authority_name(batch.authority)
    description = f"{KIND_TITLES[kind]} (đợt trình {authority})"
    payload, template = render_context(data, kind, side, context, description)
    unknown = [f"{KIND_TITLES[kind]}: {what}" for what in context.unknown_fields]
    return RenderedDocument(
        kind,
        f"{kind}-{slug(Authority(batch.authority).label.split(' (')[0])}.docx",
        description,
        template,
        payload,
        unknown,
    )


def achievement_document(
    data: DocumentData, subject_type: str, subject_id: int, proposal: ProposalRecord | None, phase: int | None
) -> RenderedDocument:
    context, side = builders.build_achievement(data, subject_type, subject_id, proposal, phase)
    description = f"Báo cáo thành tích của {context.subject.name}"
    if proposal is not None:
        description += f" (đề nghị {proposal.award_name})"
    kind = "unit" if subject_type == SubjectType.UNIT else "person"
    payload, template = render_context(data, "bao-cao-thanh-tich", side, context, description, kind)
    return RenderedDocument(
        "bao-cao-thanh-tich",
        f"bao-cao-thanh-tich-{slug(context.subject.name)}.docx",
        description,
        template,
        payload,
        [f"{description}: {what}" for what in context.unknown_fields],
    )


def _batches(db: Database, request: DocumentRequest, campaign_id: int) -> list[BatchInfo]:
    if isinstance(request.batch, BatchInfo):
        return [request.batch]
    if request.batch:
        batch = resolve_batch(db, request.batch)
        if batch.campaign_id != campaign_id:
            raise UserError(f"Đợt trình {request.batch} không thuộc phong trào {campaign_id}.")
        return [batch]
    found = batches_of_campaign(db, campaign_id, request.phase)
    if not found:
        raise UserError("Phong trào chưa có đề nghị khen thưởng nào để lập văn bản.")
    return found


def _campaign_of(db: Database, request: DocumentRequest) -> int:
    if request.campaign_id is not None:
        return request.campaign_id
    if isinstance(request.batch, BatchInfo):
        return request.batch.campaign_id
    if request.batch:
        return resolve_batch(db, request.batch).campaign_id
    raise UserError("Chưa chọn phong trào thi đua (--campaign).")


def render_documents(
    db: Database, request: DocumentRequest, progress: ProgressCallback | None = None
) -> list[RenderedDocument]:
    """Every document the request asks for, rendered in memory."""
    if request.kind not in KINDS:
        raise UserError(f"Không có loại văn bản «{request.kind}». Các loại: {', '.join(KINDS)}.")
    campaign_id = _campaign_of(db, request)
    data = DocumentData(db, campaign_id, request.on)
    data.campaign  # noqa: B018 - fails early with a clear message when the campaign does not exist
    kind = request.kind
    jobs: list[Callable[[], RenderedDocument]] = []
    if kind in BATCH_KINDS:
        batches = _batches(db, request, campaign_id)
        if not request.batch:  # every batch of the campaign: only those that reached the step the paper needs
            batches = [b for b in batches if _ready(b, kind)]
            if not batches:
                raise UserError(
                    f"Chưa có đợt trình nào của phong trào đủ bước để lập {KIND_TITLES[kind].lower()}."
                )
        if kind == "quyet-dinh":
            batches = [b for b in batches if b.within_ward] if not request.batch else batches
            if not batches:
                raise UserError(
                    "Không có đề nghị nào thuộc thẩm quyền quyết định của phường để lập quyết định khen thưởng."
                )
        jobs = [lambda b=b: batch_document(data, kind, b) for b in batches]  # type: ignore[misc]
    elif kind == "bao-cao-thanh-tich":
        jobs = _achievement_jobs(db, data, request, campaign_id)
    elif kind == "cam-ket":
        jobs = _pledge_jobs(data, request)
    else:
        final = kind == "bao-cao-tong-ket"

        def review() -> RenderedDocument:
            context = builders.build_review(data, final, request.phase)
            description = f"{KIND_TITLES[kind]} ({context.scope})"
            payload, template = render_context(data, kind, "party", context, description)
            return RenderedDocument(kind, f"{kind}.docx", description, template, payload)

        jobs = [review]
    documents = []
    for index, job in enumerate(jobs):
        if progress is not None:
            progress(index, len(jobs), f"Đang lập {KIND_TITLES[kind].lower()} ({index + 1}/{len(jobs)})…")
        documents.append(job())
    if progress is not None:
        progress(len(jobs), len(jobs), "Đã lập xong.")
    _unique_names(documents)
    return documents


def _ready(batch: BatchInfo, kind: str) -> bool:
    try:
        return bool(items_for(batch, kind))
    except UserError:
        return False


def unknown_fields(documents: list[RenderedDocument]) -> list[str]:
    """Every blank a set of documents leaves, once each, for the message shown before writing them."""
    return list(dict.fromkeys(u for d in documents for u in d.unknown))


def _achievement_jobs(
    db: Database, data: DocumentData, request: DocumentRequest, campaign_id: int
) -> list[Callable[[], RenderedDocument]]:
    subject: tuple[str, int] | None = None
    if request.person_id is not None:
        subject = (SubjectType.PERSON.value, request.person_id)
    elif request.unit_id is not None:
        subject = (SubjectType.UNIT.value, request.unit_id)
    if request.batch:
        proposals = [p for b in _batches(db, request, campaign_id) for p in items_for(b, "to-trinh")]
    else:
        proposals = [
            p
            for p in data.proposals
            if p.status != ProposalStatus.REJECTED
            and (request.phase is None or p.phase_number == request.phase)
        ]
    proposals = builders.sorted_proposals(data, proposals)
    if subject is not None:
        chosen = next((p for p in proposals if (p.subject_type, p.subject_id) == subject), None)
        return [lambda: achievement_document(data, subject[0], subject[1], chosen, request.phase)]
    if not proposals:
        raise UserError(
            "Không có đề nghị khen thưởng nào để lập báo cáo thành tích (chọn --unit hoặc --person)."
        )
    return [
        lambda p=p: achievement_document(data, p.subject_type, p.subject_id or 0, p, request.phase)  # type: ignore[misc]
        for p in proposals
    ]


def _pledge_jobs(data: DocumentData, request: DocumentRequest) -> list[Callable[[], RenderedDocument]]:
    if request.person_id is not None:
        key = (SubjectType.PERSON.value, request.person_id)
    elif request.unit_id is not None:
        key = (SubjectType.UNIT.value, request.unit_id)
    else:
        key = None
    if key is not None:
        pledges = data.pledges_by_subject.get(key, [])
        if not pledges:
            raise UserError("Đối tượng này chưa đăng ký thi đua trong phong trào đã chọn.")
    else:
        pledges = [p for p in data.pledges if p.subject_type == SubjectType.UNIT]
        if not pledges:
            raise UserError("Phong trào chưa có tập thể nào đăng ký thi đua.")

    def job(pledge: builders.PledgeRecord) -> RenderedDocument:
        context, side = builders.build_pledge(data, pledge)
        description = f"Bản cam kết thi đua của {context.subject.name}"
        payload, template = render_context(data, "cam-ket", side, context, description)
        return RenderedDocument(
            "cam-ket", f"cam-ket-{slug(context.subject.name)}.docx", description, template, payload
        )

    return [lambda p=p: job(p) for p in pledges]  # type: ignore[misc]


def _unique_names(documents: list[RenderedDocument]) -> None:
    seen: dict[str, int] = {}
    for document in documents:
        name = document.file_name
        if name in seen:
            seen[name] += 1
            stem, dot, ext = name.rpartition(".")
            document.file_name = f"{stem}-{seen[name]}.{ext}"
        else:
            seen[name] = 1


def output_paths(documents: list[RenderedDocument], out_path: Path) -> list[Path]:
    """Where each document goes: ``out_path`` itself for one .docx; beside it for several, each named after
    ``out_path`` ("to-trinh.docx" → "to-trinh-dang-uy-phuong.docx", "hs.docx" → "hs-to-trinh-...docx"); inside the
    folder ``out_path`` when it does not end in .docx."""
    out_path = Path(out_path)
    if out_path.suffix.lower() == ".docx":
        if len(documents) == 1:
            return [out_path]
        stem = out_path.stem
        return [
            out_path.with_name(d.file_name if d.file_name.startswith(stem) else f"{stem}-{d.file_name}")
            for d in documents
        ]
    return [out_path / d.file_name for d in documents]


def write_documents(documents: list[RenderedDocument], out_path: Path) -> list[Path]:
    """Write every document, or none: each goes to a temporary file first, all are renamed at the end."""
    targets = output_paths(documents, out_path)
    try:
        with contextlib.ExitStack() as staging:
            for document, target in zip(documents, targets, strict=True):
                staging.enter_context(atomic.atomic_path(target)).write_bytes(document.data)
    except OSError as exc:
        raise UserError(f"Không ghi được văn bản vào «{out_path}»: {exc.strerror or exc}.") from exc
    return targets


def export_documents(
    db: Database, request: DocumentRequest, out_path: Path, progress: ProgressCallback | None = None
) -> list[Path]:
    return write_documents(render_documents(db, request, progress), Path(out_path))
