"""A view's records read on the database thread: never two reads at once, and never one left behind."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from ...core.errors import MhdeskError
from .worker import BackgroundJob, Progress


class LatestRead:
    """Runs `read` as a background job and hands its result to `show` (a failure to `failed`). A read asked for
    while one runs is run once more after it rather than queued, so the view ends showing what the database
    holds now; `finished` is called once no read is left to run."""

    def __init__(self, parent: QWidget, read: Callable[[Progress], Any], show: Callable[[Any], None],
                 failed: Callable[[BaseException], None], finished: Callable[[], None]):
        self._parent, self._read, self._show, self._failed, self._finished = parent, read, show, failed, finished
        self._job: BackgroundJob | None = None
        self._again = False

    @property
    def is_running(self) -> bool:
        return self._job is not None

    def request(self) -> None:
        if self._job is not None:
            self._again = True
            return
        self._job = (BackgroundJob(self._parent, self._read).on_success(self._show)
                     .on_failure(self._failed, MhdeskError, OSError).on_finish(self._ended).start())

    def _ended(self) -> None:
        self._job = None
        if self._again:
            self._again = False
            self.request()
        else:
            self._finished()
