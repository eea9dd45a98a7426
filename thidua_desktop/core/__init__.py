"""Qt-free core: domain model, rules, storage and services."""
