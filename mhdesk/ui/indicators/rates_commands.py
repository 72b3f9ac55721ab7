"""Exchange rates as undo steps: the flat records' add, edit and delete (see record_commands) over the rates
service, named as the Exchange rates tab names a rate."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from ...core.services.exchange_rates import RateData
from ..shared.formatting import day
from ..shared.record_commands import FlatRecordStore, add_record, delete_record, edit_record


class RateStore(FlatRecordStore):
    """The rates service as the window uses it. It says `add` where the other record services say `create`, and
    its `delete` returns nothing: the rate it removed at that version is the one the window had."""

    def _create(self, rate: RateData) -> RateData:
        return self.service.add(rate)

    def _delete(self, rate: RateData) -> RateData:
        self.service.delete(rate.id, rate.version)
        return rate


def _named(rate: RateData) -> str:
    return f"the {rate.currency} rate from {day(rate.valid_from)}"


def add_rate(stack: QUndoStack, store: RateStore, wanted: RateData) -> RateData:
    return add_record(stack, store, wanted, f"Add {_named(wanted)}")


def change_rate(stack: QUndoStack, store: RateStore, before: RateData, wanted: RateData) -> RateData:
    """`before` as the table read it: a rate changed elsewhere since is refused (StaleRecord)."""
    return edit_record(stack, store, before, wanted, f"Change {_named(wanted)}")


def remove_rate(stack: QUndoStack, store: RateStore, rate: RateData) -> None:
    delete_record(stack, store, rate, f"Remove {_named(rate)}")
