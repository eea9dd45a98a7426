"""Word documents and the nomination dossier, from docxtpl templates the office can edit.

* ``format_rules``: page, margins and fonts of Party (36-HD/VPTW) and state (NĐ 30/2020) documents;
* ``templates``: which template serves which document, the user's copies, validation when loaded, rendering;
* ``contexts`` / ``builders``: what each template may use, filled from the services;
* ``generate``: documents on request (CLI ``export document``, menu «Xuất văn bản…»);
* ``dossier``: the nomination dossier of a proposal batch (CLI ``export dossier``, menu «Xuất hồ sơ…»).
"""

from thidua_desktop.exchange.documents.dossier import DossierResult, ManifestEntry, build_dossier
from thidua_desktop.exchange.documents.generate import (
    DocumentRequest,
    RenderedDocument,
    export_documents,
    render_documents,
)
from thidua_desktop.exchange.documents.templates import KINDS, TemplateError, load_template

__all__ = [
    "KINDS",
    "DocumentRequest",
    "DossierResult",
    "ManifestEntry",
    "RenderedDocument",
    "TemplateError",
    "build_dossier",
    "export_documents",
    "load_template",
    "render_documents",
]
