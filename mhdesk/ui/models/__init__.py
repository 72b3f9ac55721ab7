"""Qt item models over plain service rows, usable and testable without a view."""
