"""Sub-commands of the ``thidua`` CLI, one module per area; each has ``register(subparsers, parser)``."""
