"""Indicator figures: exact storage, regional totals by each indicator's rules, and the checks on them."""
