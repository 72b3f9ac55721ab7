"""The undoable add, edit and delete of flat records, on events, publications and exchange rates alike: each step
written at once, undone and redone over exactly the record it left behind, and refused (never written over) when
the record was changed elsewhere, by another connection to the same database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtGui import QUndoStack

from mhdesk.core.connect import open_database
from mhdesk.core.errors import StaleRecord
from mhdesk.core.services import Services
from mhdesk.core.services.events import EventData
from mhdesk.core.services.exchange_rates import RateData
from mhdesk.core.services.publications import PublicationData
from mhdesk.ui.indicators import rates_commands
from mhdesk.ui.indicators.rates_commands import RateStore
from mhdesk.ui.shared import record_commands
from mhdesk.ui.shared.record_commands import FlatRecordStore


@dataclass(frozen=True)
class Kind:
    """One kind of flat record, written as its view writes it."""

    service: Callable  # services -> the record service
    store: type[FlatRecordStore]
    new: object  # a record to add
    field: str  # the field an edit changes
    before: object  # its value when added
    after: object  # its value when edited
    elsewhere: object  # its value when another connection changes it
    add: Callable  # (stack, store, record) -> the record added
    edit: Callable  # (stack, store, before, wanted) -> the record saved
    delete: Callable  # (stack, store, record)
    texts: tuple[str, str, str]  # the undo texts of the add, the edit and the delete
    stale: str  # what a write over a record changed elsewhere is refused with


def _flat(singular: str, new, field: str, values, title: str) -> dict:
    return dict(
        store=FlatRecordStore, new=new, field=field, before=values[0], after=values[1], elsewhere=values[2],
        add=lambda stack, store, r: record_commands.add_record(stack, store, r, f'Add {singular} "{r.title}"'),
        edit=lambda stack, store, b, r: record_commands.edit_record(stack, store, b, r, f'Edit {singular} "{r.title}"'),
        delete=lambda stack, store, r: record_commands.delete_records(stack, store, [r],
                                                                      f'Delete the {singular} "{r.title}"'),
        texts=(f'Add {singular} "{title}"', f'Edit {singular} "{title}"', f'Delete the {singular} "{title}"'),
        stale=f"The {singular} was changed elsewhere; reload it and try again.")


KINDS = {
    "event": Kind(service=lambda s: s.events, **_flat(
        "event", EventData(date(2019, 3, 24), "World TB Day round table", place="Dushanbe", participants=40),
        "participants", (40, 45, 60), "World TB Day round table")),
    "publication": Kind(service=lambda s: s.publications, **_flat(
        "publication", PublicationData("Health of migrants in Kyzylorda", year=2019, pages=164),
        "pages", (164, 172, 180), "Health of migrants in Kyzylorda")),
    "rate": Kind(
        service=lambda s: s.exchange_rates, store=RateStore, new=RateData("EUR", date(2015, 1, 1), Decimal("1.1")),
        field="rate", before=Decimal("1.1"), after=Decimal("1.2"), elsewhere=Decimal("1.25"),
        add=rates_commands.add_rate, edit=rates_commands.change_rate, delete=rates_commands.remove_rate,
        texts=("Add the EUR rate from 1 Jan 2015", "Change the EUR rate from 1 Jan 2015",
               "Remove the EUR rate from 1 Jan 2015"),
        stale="The rate was changed elsewhere since it was read."),
}


@pytest.fixture(params=list(KINDS))
def kind(request) -> Kind:
    return KINDS[request.param]


@pytest.fixture
def elsewhere(db):
    """The same database through a connection of its own, as another window or `mhdesk` would write it."""
    other = open_database(db.location)
    yield Services(other)
    other.dispose()


@pytest.fixture
def stack(qapp):
    return QUndoStack()


def stored(kind: Kind, services) -> list[tuple[int, object]]:
    return [(r.id, getattr(r, kind.field)) for r in kind.service(services).list()]


def edited(kind: Kind, record, value):
    return replace(record, **{kind.field: value})


def change_elsewhere(kind: Kind, elsewhere, record_id: int):
    record = next(r for r in kind.service(elsewhere).list() if r.id == record_id)
    return kind.service(elsewhere).update(edited(kind, record, kind.elsewhere))


def test_added_edited_deleted_then_undone_and_redone_step_by_step(kind, services, stack):
    store = kind.store(kind.service(services))
    focused = []
    store.changed.connect(focused.append)

    added = kind.add(stack, store, kind.new)
    assert stored(kind, services) == [(added.id, kind.before)]
    saved = kind.edit(stack, store, added, edited(kind, added, kind.after))
    assert stored(kind, services) == [(added.id, kind.after)] and saved.version > added.version
    kind.delete(stack, store, saved)
    assert stored(kind, services) == []
    assert [stack.text(i) for i in range(stack.count())] == list(kind.texts)
    assert focused == [added.id] * 3  # each step announced once, when pushed

    stack.undo()
    assert stored(kind, services) == [(added.id, kind.after)]  # back under its own id
    assert stack.undoText() == kind.texts[1]
    stack.undo()
    assert stored(kind, services) == [(added.id, kind.before)]
    stack.undo()
    assert stored(kind, services) == [] and not stack.canUndo()

    stack.redo()
    assert stored(kind, services) == [(added.id, kind.before)]
    stack.redo()
    assert stored(kind, services) == [(added.id, kind.after)]
    stack.redo()
    assert stored(kind, services) == [] and not stack.canRedo()
    assert stack.count() == 3 and focused == [added.id] * 9


def test_an_edit_or_delete_of_a_record_changed_elsewhere_since_it_was_read_is_refused(kind, services, elsewhere,
                                                                                    stack):
    store = kind.store(kind.service(services))
    read = kind.add(stack, store, kind.new)
    change_elsewhere(kind, elsewhere, read.id)

    with pytest.raises(StaleRecord) as refused:
        kind.edit(stack, store, read, edited(kind, read, kind.after))
    assert str(refused.value) == kind.stale
    assert stack.count() == 1 and stack.undoText() == kind.texts[0]
    with pytest.raises(StaleRecord) as refused:
        kind.delete(stack, store, read)
    assert str(refused.value) == kind.stale
    assert stored(kind, services) == [(read.id, kind.elsewhere)]
    assert stack.count() == 1 and stack.undoText() == kind.texts[0]  # no empty step

    seen_now = next(r for r in kind.service(services).list() if r.id == read.id)
    kind.edit(stack, store, seen_now, edited(kind, seen_now, kind.after))  # what the person now sees is written
    assert stored(kind, services) == [(read.id, kind.after)]


def test_an_undo_or_redo_is_not_replayed_over_a_record_changed_elsewhere(kind, services, elsewhere, stack):
    store = kind.store(kind.service(services))
    refusals = []
    store.failed.connect(refusals.append)
    added = kind.add(stack, store, kind.new)
    kind.edit(stack, store, added, edited(kind, added, kind.after))
    change_elsewhere(kind, elsewhere, added.id)

    stack.undo()
    assert stored(kind, services) == [(added.id, kind.elsewhere)]
    assert refusals == [f"{kind.texts[1]} could not be replayed: {kind.stale}"]
    assert stack.count() == 1 and stack.undoText() == kind.texts[0]  # the step is gone, the one before it stays

    stack.undo()  # the add is undone against the version this window last wrote: also refused
    assert stored(kind, services) == [(added.id, kind.elsewhere)] and len(refusals) == 2
    assert stack.count() == 0


def test_several_records_deleted_as_one_step_come_back_together(services, stack):
    kind = KINDS["event"]
    store = FlatRecordStore(services.events)
    first = kind.add(stack, store, kind.new)
    second = kind.add(stack, store, replace(kind.new, title="Migrant health forum", participants=120))
    record_commands.delete_records(stack, store, [first, second], "Delete 2 events")
    assert services.events.list() == [] and stack.undoText() == "Delete 2 events"
    stack.undo()
    assert sorted((e.id, e.title) for e in services.events.list()) == [(first.id, first.title),
                                                                       (second.id, second.title)]
    stack.redo()
    assert services.events.list() == []


def test_a_delete_of_several_refused_part_way_keeps_what_it_deleted_as_one_step(services, elsewhere, stack):
    kind = KINDS["event"]
    store = FlatRecordStore(services.events)
    first = kind.add(stack, store, kind.new)
    second = kind.add(stack, store, replace(kind.new, title="Migrant health forum", participants=120))
    change_elsewhere(kind, elsewhere, second.id)
    with pytest.raises(StaleRecord):
        record_commands.delete_records(stack, store, [first, second], "Delete 2 events")
    assert [e.id for e in services.events.list()] == [second.id]
    assert stack.count() == 3 and stack.undoText() == "Delete 2 events"
    stack.undo()
    assert sorted(e.id for e in services.events.list()) == sorted([first.id, second.id])
