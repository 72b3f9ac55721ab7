"""Exchange rates as undo steps, each written the moment it is made (see PersistedCommand).

The store remembers the version the database returned for every rate it wrote, and an undone removal
comes back under its old id, so an undo writes over exactly the rate it left behind, however many steps
ago; a rate changed elsewhere meanwhile makes the step obsolete instead of being overwritten.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ...core.services.exchange_rates import ExchangeRates, RateData
from ..shared.formatting import day
from ..shared.persisted_command import PersistedCommand


class RateStore(QObject):
    """The rates service as the window uses it."""

    changed = Signal(object)  # the id of the rate to bring into view, or None
    failed = Signal(str)  # an undo or redo the database refused, as a sentence

    def __init__(self, service: ExchangeRates, parent: QObject | None = None):
        super().__init__(parent)
        self.service = service
        self._versions: dict[int, int] = {}

    def add(self, rate: RateData) -> RateData:
        return self._remember(self.service.add(replace(rate, version=None)))

    def update(self, rate: RateData) -> RateData:
        """Against `rate.version`: what the person saw (or, replaying a step, `latest`)."""
        return self._remember(self.service.update(rate))

    def delete(self, rate: RateData) -> None:
        self.service.delete(rate.id, rate.version)
        self._versions.pop(rate.id, None)

    def latest(self, rate: RateData) -> RateData:
        """`rate` with the version this window last wrote of it, for an undo or redo to write over."""
        return replace(rate, version=self._versions.get(rate.id, rate.version))

    def _remember(self, rate: RateData) -> RateData:
        self._versions[rate.id] = rate.version
        return rate


def _named(rate: RateData) -> str:
    return f"the {rate.currency} rate from {day(rate.valid_from)}"


class AddRate(PersistedCommand):
    def __init__(self, store: RateStore, added: RateData):
        super().__init__(store, f"Add {_named(added)}")
        self._rate = added

    def apply(self) -> None:
        self._rate = self._store.add(self._rate)

    def revert(self) -> None:
        self._store.delete(self._store.latest(self._rate))

    def focus_id(self) -> int | None:
        return self._rate.id


class ChangeRate(PersistedCommand):
    def __init__(self, store: RateStore, before: RateData, after: RateData):
        super().__init__(store, f"Change {_named(after)}")
        self._before, self._after = before, after

    def apply(self) -> None:
        self._store.update(self._store.latest(self._after))

    def revert(self) -> None:
        self._store.update(self._store.latest(self._before))

    def focus_id(self) -> int | None:
        return self._after.id


class RemoveRate(PersistedCommand):
    def __init__(self, store: RateStore, removed: RateData):
        super().__init__(store, f"Remove {_named(removed)}")
        self._rate = removed

    def apply(self) -> None:
        self._store.delete(self._store.latest(self._rate))

    def revert(self) -> None:
        self._rate = self._store.add(self._rate)

    def focus_id(self) -> int | None:
        return self._rate.id


def add_rate(stack: QUndoStack, store: RateStore, wanted: RateData) -> RateData:
    added = store.add(wanted)
    stack.push(AddRate(store, added))
    return added


def change_rate(stack: QUndoStack, store: RateStore, before: RateData, wanted: RateData) -> RateData:
    """`before` as the table read it: a rate changed elsewhere since is refused (StaleRecord)."""
    after = store.update(replace(wanted, id=before.id, version=before.version))
    stack.push(ChangeRate(store, before, after))
    return after


def remove_rate(stack: QUndoStack, store: RateStore, rate: RateData) -> None:
    store.delete(rate)
    stack.push(RemoveRate(store, rate))
