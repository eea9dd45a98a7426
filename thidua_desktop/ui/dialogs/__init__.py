"""Add/edit dialogs of the data tabs."""
