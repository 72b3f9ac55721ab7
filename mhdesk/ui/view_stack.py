"""The window's places in its stacked widget, each built the first time it is asked for.

Building every view at start reads every view's records before the window can paint; a person sees one view at a
time, so only that one is built, and the others when first shown. `views[key]` builds the view when needed;
`built()` gives only those that exist (to reload them or save their settings).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtWidgets import QStackedWidget, QWidget

from .views import VIEWS, ViewSpec


class LazyViews(Mapping[str, QWidget]):
    def __init__(self, stack: QStackedWidget, create: Callable[[ViewSpec], QWidget]):
        self._stack = stack
        self._create = create
        self._keys = [spec.key for spec in VIEWS]
        self._built: dict[str, QWidget] = {}
        self._placeholders: dict[str, QWidget] = {}
        self._fill_with_placeholders()

    def reset(self, create: Callable[[ViewSpec], QWidget]) -> None:
        """Drop every view (built or not); later ones are built by `create`."""
        for widget in [*self._built.values(), *self._placeholders.values()]:
            self._stack.removeWidget(widget)
            widget.deleteLater()
        self._built.clear()
        self._placeholders.clear()
        self._create = create
        self._fill_with_placeholders()

    def _fill_with_placeholders(self) -> None:
        # an empty page holds each place's index in the stack until its view is built
        for key in self._keys:
            placeholder = QWidget(self._stack)
            self._placeholders[key] = placeholder
            self._stack.addWidget(placeholder)

    def __getitem__(self, key: str) -> QWidget:
        view = self._built.get(key)
        if view is not None:
            return view
        if key not in self._placeholders:
            raise KeyError(key)
        view = self._create(VIEWS[self._keys.index(key)])
        placeholder = self._placeholders.pop(key)
        current = self._stack.currentWidget()
        self._stack.insertWidget(self._stack.indexOf(placeholder), view)
        self._stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self._stack.setCurrentWidget(view if current is placeholder else current)
        self._built[key] = view
        return view

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def built(self) -> dict[str, QWidget]:
        """The views built so far, by key, in navigation order."""
        return {key: self._built[key] for key in self._keys if key in self._built}

    def built_view(self, key: str) -> QWidget | None:
        return self._built.get(key)
