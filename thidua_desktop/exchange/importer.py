"""Importing branches' sheets: a preview of every row first, then one all-or-nothing transaction.

``plan_import`` reads a file (``sheet_reader``, which first checks its limits with ``sheet_limits``), finds each
sheet's table (``header_detect``), reads the values (``values``) and matches every row against the database, loaded
once into dictionaries keyed by folded names (no query per row): people by normalised name + birth date (+ unit),
units tolerantly (``core.unit_matching``), targets by unit + content, pledges by campaign + subject. The result, an
``ImportPlan``, lists every row as new / update / unchanged / warning / error with its reason and holds the writes
to make. ``apply_import`` makes them in one ``db.session()`` (bulk statements, with audit entries written alongside
by ``core.storage.bulk``), logs an ``ImportLog`` row and refuses a plan with errors or one planned against data
that has changed since. Importing the same file twice changes nothing the second time.

The work is split in ``exchange.imports``: ``model`` (the plan), ``snapshot`` (the database, loaded once),
``planner`` (what every kind shares), one module per sheet kind (``people``, ``pledges``, ``targets``, ``results``,
``ratings``), ``sheets`` (a file's sheets to rows), ``apply`` and ``errors_list``. This module is their public face.

The unit a pledge, target or result sheet belongs to comes from our hidden metadata sheet (``fields.META_SHEET``:
rows of key, value and optionally the sheet name the row is about), a unit column, the ``unit_name`` the user chose,
or the title block ("CHI BỘ TỔ DÂN PHỐ 5"), in that order; a unit that is not in the list is proposed as new, and a
name several units fit becomes a question (``ImportPlan.unit_questions``, answered through ``unit_choices``).
"""

from __future__ import annotations

from thidua_desktop.exchange.imports.apply import apply_import, import_file
from thidua_desktop.exchange.imports.errors_list import export_errors
from thidua_desktop.exchange.imports.model import (
    STATUS_LABELS,
    Change,
    ImportPlan,
    ImportResult,
    Insert,
    Issue,
    PlanRow,
    ProgressLike,
    Ref,
    RowStatus,
    SheetMapping,
    SheetPlan,
    UnitQuestion,
    UnrecognisedSheet,
    refused_result,
    rejected_plan,
    rejected_result,
    result_of,
)
from thidua_desktop.exchange.imports.sheets import find_mapping, load_mappings, plan_import, save_mapping
from thidua_desktop.exchange.imports.snapshot import fingerprint, guess_unit_kind

__all__ = [
    "STATUS_LABELS",
    "Change",
    "ImportPlan",
    "ImportResult",
    "Insert",
    "Issue",
    "PlanRow",
    "ProgressLike",
    "Ref",
    "RowStatus",
    "SheetMapping",
    "SheetPlan",
    "UnitQuestion",
    "UnrecognisedSheet",
    "apply_import",
    "export_errors",
    "find_mapping",
    "fingerprint",
    "guess_unit_kind",
    "import_file",
    "load_mappings",
    "plan_import",
    "refused_result",
    "rejected_plan",
    "rejected_result",
    "result_of",
    "save_mapping",
]
