"""Word templates: which file serves which document, where it is found, validation when loaded, rendering.

The shipped templates live in ``forms/`` (beside the program, ``resource_root()``); a copy with the same name in the
data folder's ``forms/`` overrides the shipped one, so the office can edit the papers in Word. Every template is
validated when it is loaded, against the context type of its document (``contexts.py``):

1. Jinja syntax;
2. top-level fields: each must be one the program provides (a misspelt ``{{ campain.name }}`` is reported);
3. a trial render with a sample context and ``StrictUndefined`` (a misspelt ``{{ row.nmae }}`` inside a loop is
   reported), after which no "{{" or "{%" may be left in the text.

Any failure raises ``TemplateError`` naming the template and the field; a broken document is never written.
Rendering uses docxtpl with ``autoescape=True`` so that "&", "<" and quotes in the data survive.
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import re
import threading
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2 import meta

from thidua_desktop.core.enums import Side
from thidua_desktop.core.errors import UserError
from thidua_desktop.core.settings_schema import OrganizationSettings
from thidua_desktop.core.storage.paths import resource_root
from thidua_desktop.exchange.documents.contexts import (
    AchievementContext,
    BienBanContext,
    CommonContext,
    DanhSachContext,
    PledgeContext,
    QuyetDinhContext,
    ReviewContext,
    ToTrinhContext,
)

FORMS_DIR_NAME = "forms"


class TemplateError(UserError):
    """A template that cannot produce a correct document; names the template and, when known, the field."""

    def __init__(self, template: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.template = template
        self.field = field


@dataclass(frozen=True)
class TemplateSpec:
    file: str
    kind: str
    """The document kind ("to-trinh"...), as on the command line."""
    title: str
    """What the document is, in Vietnamese."""
    side: Side
    """Party or state format (``format_rules``)."""
    context_type: type[CommonContext]
    subject_kind: str = ""
    """For achievement reports: "unit" or "person"."""


def _spec(
    file: str, kind: str, title: str, side: Side, context: type[CommonContext], subject: str = ""
) -> TemplateSpec:
    return TemplateSpec(file, kind, title, side, context, subject)


P, S = Side.PARTY, Side.STATE
SPECS: tuple[TemplateSpec, ...] = (
    _spec("to-trinh-dang.docx", "to-trinh", "Tờ trình đề nghị khen thưởng (văn bản Đảng)", P, ToTrinhContext),
    _spec(
        "to-trinh-nha-nuoc.docx",
        "to-trinh",
        "Tờ trình đề nghị khen thưởng (Mẫu số 01, Nghị định 152/2025/NĐ-CP)",
        S,
        ToTrinhContext,
    ),
    _spec(
        "danh-sach-dang.docx", "danh-sach", "Danh sách đề nghị khen thưởng (văn bản Đảng)", P, DanhSachContext
    ),
    _spec(
        "danh-sach-nha-nuoc.docx",
        "danh-sach",
        "Danh sách đề nghị khen thưởng (văn bản Nhà nước)",
        S,
        DanhSachContext,
    ),
    _spec("bien-ban-dang.docx", "bien-ban", "Biên bản họp Ban Thường vụ xét khen thưởng", P, BienBanContext),
    _spec(
        "bien-ban-nha-nuoc.docx", "bien-ban", "Biên bản họp Hội đồng Thi đua - Khen thưởng", S, BienBanContext
    ),
    _spec("quyet-dinh-dang.docx", "quyet-dinh", "Quyết định khen thưởng (Đảng ủy)", P, QuyetDinhContext),
    _spec(
        "quyet-dinh-nha-nuoc.docx",
        "quyet-dinh",
        "Quyết định khen thưởng (Chủ tịch UBND)",
        S,
        QuyetDinhContext,
    ),
    _spec(
        "bao-cao-thanh-tich-tap-the-dang.docx",
        "bao-cao-thanh-tich",
        "Báo cáo thành tích của tập thể (tổ chức đảng)",
        P,
        AchievementContext,
        "unit",
    ),
    _spec(
        "bao-cao-thanh-tich-ca-nhan-dang.docx",
        "bao-cao-thanh-tich",
        "Báo cáo thành tích của cá nhân (đảng viên)",
        P,
        AchievementContext,
        "person",
    ),
    _spec(
        "bao-cao-thanh-tich-tap-the-nha-nuoc.docx",
        "bao-cao-thanh-tich",
        "Báo cáo thành tích của tập thể (Nghị định 152/2025/NĐ-CP)",
        S,
        AchievementContext,
        "unit",
    ),
    _spec(
        "bao-cao-thanh-tich-ca-nhan-nha-nuoc.docx",
        "bao-cao-thanh-tich",
        "Báo cáo thành tích của cá nhân (Mẫu số 05, Nghị định 152/2025/NĐ-CP)",
        S,
        AchievementContext,
        "person",
    ),
    _spec("cam-ket-dang.docx", "cam-ket", "Bản cam kết thi đua (tổ chức đảng)", P, PledgeContext),
    _spec("cam-ket-nha-nuoc.docx", "cam-ket", "Bản cam kết thi đua (cơ quan, đoàn thể)", S, PledgeContext),
    _spec("bao-cao-so-ket.docx", "bao-cao-so-ket", "Báo cáo sơ kết phong trào thi đua", P, ReviewContext),
    _spec(
        "bao-cao-tong-ket.docx", "bao-cao-tong-ket", "Báo cáo tổng kết phong trào thi đua", P, ReviewContext
    ),
)
SPECS_BY_FILE: dict[str, TemplateSpec] = {s.file: s for s in SPECS}
KINDS: tuple[str, ...] = (
    "to-trinh",
    "danh-sach",
    "bao-cao-thanh-tich",
    "bien-ban",
    "quyet-dinh",
    "cam-ket",
    "bao-cao-so-ket",
    "bao-cao-tong-ket",
)
KIND_TITLES: dict[str, str] = {
    "to-trinh": "Tờ trình đề nghị khen thưởng",
    "danh-sach": "Danh sách đề nghị khen thưởng",
    "bao-cao-thanh-tich": "Báo cáo thành tích",
    "bien-ban": "Biên bản họp xét khen thưởng",
    "quyet-dinh": "Quyết định khen thưởng",
    "cam-ket": "Bản cam kết thi đua",
    "bao-cao-so-ket": "Báo cáo sơ kết phong trào thi đua",
    "bao-cao-tong-ket": "Báo cáo tổng kết phong trào thi đua",
}


def spec_for(kind: str, side: str | Side, subject_kind: str = "") -> TemplateSpec:
    """The template of a document kind in the Party or state format (reports also by subject kind)."""
    side = Side(side)
    candidates = [s for s in SPECS if s.kind == kind]
    if not candidates:
        raise UserError(f"Không có loại văn bản «{kind}». Các loại: {', '.join(KINDS)}.")
    subject_kind = "person" if subject_kind == "household" else subject_kind
    for spec in candidates:
        if spec.subject_kind and subject_kind and spec.subject_kind != subject_kind:
            continue
        if spec.side == side or len({s.side for s in candidates}) == 1:
            return spec
    return candidates[0]


def shipped_forms_dir() -> Path:
    return resource_root() / FORMS_DIR_NAME


def template_path(file: str, user_forms: Path | None = None) -> tuple[Path, bool]:
    """(path, whether it is the user's copy): the user's copy wins when it exists."""
    if user_forms is not None:
        candidate = Path(user_forms) / file
        if candidate.is_file():
            return candidate, True
    return shipped_forms_dir() / file, False


# --- validation --------------------------------------------------------------------------------------------

SAMPLE_TEXT = "Mẫu"


def _sample_of(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (list, tuple):
        (item,) = typing.get_args(annotation)[:1]
        return [_sample_of(item)]
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _sample_of(args[0])
    if dataclasses.is_dataclass(annotation):
        return sample_context(annotation)  # type: ignore[arg-type]
    if annotation is int:
        return 1
    if annotation is float:
        return 1.0
    if annotation is bool:
        return True
    return SAMPLE_TEXT


def sample_context(context_type: type) -> dict[str, Any]:
    """A context with every declared field filled (one row in each list), for trial renders."""
    if context_type is OrganizationSettings:
        return dataclasses.asdict(OrganizationSettings())
    hints = typing.get_type_hints(context_type)
    return {f.name: _sample_of(hints[f.name]) for f in dataclasses.fields(context_type)}


def declared_fields(context_type: type) -> set[str]:
    return {f.name for f in dataclasses.fields(context_type)}


def _environment() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


_ENV = _environment()
_LEFTOVER = re.compile(r"\{\{|\{%|%\}|\}\}")
_MISSING_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'|'([^']+)' is undefined")


def _where(label: str) -> str:
    return f"Biểu mẫu «{label}»"


def _field_error(label: str, field: str, known: set[str]) -> TemplateError:
    close = difflib.get_close_matches(field, sorted(known), n=1)
    hint = f" Có phải là «{close[0]}»?" if close else ""
    return TemplateError(
        label,
        f"{_where(label)} dùng trường «{field}» mà chương trình không có.{hint} "
        "Hãy sửa lại tên trường trong biểu mẫu (trong Word) hoặc xóa bản sao của biểu mẫu trong thư mục biểu "
        "mẫu để dùng lại bản gốc.",
        field,
    )


def _undefined_field(exc: jinja2.UndefinedError) -> str:
    match = _MISSING_ATTRIBUTE.search(str(exc.message or ""))
    if match:
        return match.group(1) or match.group(2)
    return str(exc.message or "")


def validate_template(spec: TemplateSpec, data: bytes, label: str) -> None:
    """Raise ``TemplateError`` unless the template renders a complete document from a sample context."""
    try:
        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
    except Exception as exc:  # noqa: BLE001 - any reason a .docx does not open
        raise TemplateError(label, f"{_where(label)} không mở được như một tệp Word (.docx): {exc}") from exc
    xml = template.patch_xml(template.get_xml())
    for _key, part in template.get_headers_footers(template.HEADER_URI):
        xml += template.patch_xml(template.get_part_xml(part))
    for _key, part in template.get_headers_footers(template.FOOTER_URI):
        xml += template.patch_xml(template.get_part_xml(part))
    try:
        parsed = _ENV.parse(xml)
    except jinja2.TemplateSyntaxError as exc:
        text = re.sub(r"<[^>]+>", "", exc.source.splitlines()[exc.lineno - 1] if exc.source else "")[:120]
        raise TemplateError(
            label,
            f"{_where(label)} viết sai cú pháp trường ({exc.message})"
            + (f" ở đoạn «{text.strip()}»" if text.strip() else "")
            + ". Mỗi trường phải nằm trọn trong {{ ... }} hoặc {% ... %}.",
        ) from exc
    known = declared_fields(spec.context_type)
    unknown = sorted(meta.find_undeclared_variables(parsed) - known - set(_ENV.globals))
    if unknown:
        raise _field_error(label, unknown[0], known)
    sample = sample_context(spec.context_type)
    try:
        rendered = render_bytes(data, sample, label)
    except TemplateError as exc:
        if exc.field:
            raise _field_error(label, exc.field, _nested_fields(spec.context_type)) from exc
        raise
    leftover = _leftover_tags(rendered)
    if leftover:
        raise TemplateError(
            label,
            f"{_where(label)} còn thẻ trường chưa được xử lý («{leftover}»): có thể dấu ngoặc bị tách hoặc gõ "
            "thiếu. Mỗi trường phải viết liền, ví dụ {{ campaign.name }}.",
            leftover,
        )


def _nested_fields(context_type: type) -> set[str]:
    names: set[str] = set()
    pending: list[Any] = [context_type]
    while pending:
        current = pending.pop()
        if not dataclasses.is_dataclass(current):
            continue
        hints = typing.get_type_hints(current)
        for f in dataclasses.fields(current):
            names.add(f.name)
            hint = hints[f.name]
            pending.extend(typing.get_args(hint) or [hint])
    return names


def _leftover_tags(docx_bytes: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(docx_bytes))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    for text in texts:
        match = _LEFTOVER.search(text)
        if match:
            start = max(match.start() - 20, 0)
            return text[start : match.end() + 20].strip()
    return ""


# --- loading -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadedTemplate:
    spec: TemplateSpec
    path: Path
    is_user_copy: bool
    data: bytes

    @property
    def label(self) -> str:
        where = "bản sửa trong thư mục biểu mẫu" if self.is_user_copy else "bản gốc"
        return f"{self.spec.file} ({where})"

    def render(self, context: dict[str, Any]) -> bytes:
        return render_bytes(self.data, context, self.label)


_CACHE: dict[tuple[str, int, int], LoadedTemplate] = {}
_CACHE_LOCK = threading.Lock()


def load_template(file: str, user_forms: Path | None = None) -> LoadedTemplate:
    """The template ``file`` (user's copy first), validated; cached until the file changes."""
    spec = SPECS_BY_FILE.get(file)
    if spec is None:
        raise UserError(f"Không có biểu mẫu «{file}».")
    path, is_user = template_path(file, user_forms)
    try:
        stat = path.stat()
    except OSError as exc:
        raise TemplateError(
            file, f"Không tìm thấy biểu mẫu «{file}» ({path}). Hãy cài lại chương trình.", ""
        ) from exc
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
    if cached is not None:
        return cached
    data = path.read_bytes()
    loaded = LoadedTemplate(spec, path, is_user, data)
    validate_template(spec, data, loaded.label)
    with _CACHE_LOCK:
        _CACHE[key] = loaded
    return loaded


def render_bytes(data: bytes, context: dict[str, Any], label: str) -> bytes:
    """Render a docxtpl template with autoescaping; Jinja errors become ``TemplateError`` naming the field."""
    template = DocxTemplate(io.BytesIO(data))
    try:
        template.render(context, _ENV, autoescape=True)
    except jinja2.UndefinedError as exc:
        field = _undefined_field(exc)
        raise TemplateError(label, f"{_where(label)}: không có dữ liệu cho trường «{field}».", field) from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(label, f"{_where(label)}: lỗi khi điền dữ liệu ({exc}).") from exc
    output = io.BytesIO()
    template.save(output)
    return output.getvalue()
