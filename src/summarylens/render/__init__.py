"""Turning results into what users read: text, JSON (and later tables, HTML)."""
