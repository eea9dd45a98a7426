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
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from thidua_desktop.core.errors import UserError
from thidua_desktop.core.settings_schema import OrganizationSettings
from thidua_desktop.exchange.documents.template_specs import (
    SPECS_BY_FILE,
    TemplateSpec,
    template_path,
)


class TemplateError(UserError):
    """A template that cannot produce a correct document; names the template and, when known, the field."""

    def __init__(self, template: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.template = template
        self.field = field


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
    """A sandbox: a template edited by the office (or handed to it) reads the context and nothing else — no
    ``__class__``, ``__globals__``, module or method that changes data (a plain Environment lets a template reach
    ``os.system``)."""
    return ImmutableSandboxedEnvironment(
        autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True
    )


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
        place = _broken_paragraph(data)
        raise TemplateError(
            label,
            f"{_where(label)} viết sai cú pháp trường ({exc.message})"
            + (f" ở {place}" if place else "")
            + ". Mỗi trường phải nằm trọn trong {{ ... }} hoặc {% ... %}. Chưa ghi văn bản nào.",
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


_BLOCK_TAG = re.compile(r"\{%.*?%\}")


def _paragraph_texts(docx_bytes: bytes) -> list[str]:
    from docx import Document

    document = Document(io.BytesIO(docx_bytes))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts


def _broken_paragraph(docx_bytes: bytes) -> str:
    """Where a syntax error is, for the office: «đoạn thứ N: "…text…"», the first paragraph whose fields do not
    parse on their own (block tags, which may span paragraphs, left out)."""
    for number, text in enumerate(_paragraph_texts(docx_bytes), start=1):
        if "{" not in text and "}" not in text:
            continue
        try:
            _ENV.parse(_BLOCK_TAG.sub("", text))
        except jinja2.TemplateSyntaxError:
            return f"đoạn thứ {number} «{text.strip()[:100]}»"
    return ""


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
    for text in _paragraph_texts(docx_bytes):
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
    except SecurityError as exc:
        raise TemplateError(
            label,
            f"{_where(label)} dùng một lệnh không được phép trong biểu mẫu ({exc}): biểu mẫu chỉ được đọc dữ liệu "
            "của văn bản. Hãy xóa bản sao của biểu mẫu trong thư mục biểu mẫu để dùng lại bản gốc.",
        ) from exc
    except jinja2.UndefinedError as exc:
        field = _undefined_field(exc)
        raise TemplateError(label, f"{_where(label)}: không có dữ liệu cho trường «{field}».", field) from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(label, f"{_where(label)}: lỗi khi điền dữ liệu ({exc}).") from exc
    output = io.BytesIO()
    template.save(output)
    return output.getvalue()
