"""``demo``, ``stats`` and ``list``: the data commands whose JSON other tools rely on.

The services are imported by the handler that uses them, so that ``thidua stats`` loads no more than counting
needs (the CLI imports this module for each of the three commands)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

LISTABLE = ("units", "persons", "campaigns", "pledges", "targets", "evidence", "proposals")


def _without(row: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in keys}


def list_rows(db: Any, entity: str, campaign_id: int | None) -> list[dict[str, Any]]:
    """Records as flat JSON objects (names by value, dates ISO, percentages as percent numbers)."""
    from thidua_desktop.core.services import campaigns, evidence, persons, pledges, proposals, units
    from thidua_desktop.core.services.common import to_json

    loaders: dict[str, Callable[[], list[dict[str, Any]]]] = {
        "units": lambda: [_without(to_json(u), "updated_at") for u in units.list_units(db)],
        "persons": lambda: [_without(to_json(p), "updated_at") for p in persons.list_persons(db)],
        "campaigns": lambda: [
            {**_without(to_json(c), "phases"), "phases": [to_json(p) for p in c.phases]}
            for c in campaigns.list_campaigns(db)
        ],
        "pledges": lambda: [_without(to_json(p), "targets") for p in pledges.list_pledges(db, campaign_id)],
        "targets": lambda: [to_json(t) for t in pledges.list_targets(db, campaign_id)],
        "evidence": lambda: [
            {**_without(to_json(e), "files"), "files": [f.original_name for f in e.files]}
            for e in evidence.list_evidence(db, campaign_id)
        ],
        "proposals": lambda: [
            {**_without(to_json(p), "history"), "status_label": p.status_label}
            for p in proposals.list_proposals(db, campaign_id)
        ],
    }
    return loaders[entity]()


def _demo(args: argparse.Namespace) -> int:
    from thidua_desktop.cli import print_json
    from thidua_desktop.core.bootstrap import open_data
    from thidua_desktop.core.demo import load_demo

    with open_data(args.data_dir) as db:
        summary = load_demo(db)
    if args.json:
        print_json({"campaign_id": summary.campaign_id, "created": summary.created})
    else:
        print(f"Đã nạp dữ liệu mẫu: phong trào số {summary.campaign_id}, {summary.created} bản ghi mới.")
    return 0


def _stats(args: argparse.Namespace) -> int:
    from thidua_desktop.cli import print_json
    from thidua_desktop.core.bootstrap import open_data
    from thidua_desktop.core.services import stats

    with open_data(args.data_dir) as db:
        counts = stats.entity_counts(db)
    if args.json:
        print_json(counts)
    else:
        for name, count in counts.items():
            print(f"{name:20} {count:>8}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from thidua_desktop.cli import print_json
    from thidua_desktop.core.bootstrap import open_data

    with open_data(args.data_dir) as db:
        rows = list_rows(db, args.entity, args.campaign)
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(" | ".join(str(v) for v in row.values() if v not in (None, "", [])))
    return 0


def register(subparsers: Any, _parser: argparse.ArgumentParser) -> None:
    demo = subparsers.add_parser("demo", help="nạp phong trào mẫu của phường (chạy lại không nhân đôi)")
    demo.add_argument("--json", action="store_true")
    demo.set_defaults(handler=_demo)

    counts = subparsers.add_parser("stats", help="số bản ghi của từng loại")
    counts.add_argument("--json", action="store_true")
    counts.set_defaults(handler=_stats)

    listing = subparsers.add_parser("list", help="liệt kê bản ghi")
    listing.add_argument("entity", choices=LISTABLE)
    listing.add_argument("--campaign", type=int, default=None)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)
