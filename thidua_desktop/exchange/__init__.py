"""Excel and Word exchange (no Qt)."""
