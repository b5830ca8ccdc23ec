"""summarylens: read Chinese work reports, find their plans and check they were kept."""

__version__ = "0.1.0"
