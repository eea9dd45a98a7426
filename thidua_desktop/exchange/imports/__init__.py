"""Importing branches' sheets, one module per sheet kind behind a common planner (see ``exchange.importer``)."""
