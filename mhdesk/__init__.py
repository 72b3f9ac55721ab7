"""mhdesk: records of a regional migration-health programme."""

__version__ = "0.1.0"
