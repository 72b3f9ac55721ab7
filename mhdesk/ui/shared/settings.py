"""Where the window keeps what it remembers between runs (geometry, layout, last view)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings

ORGANIZATION = "mhdesk"
APPLICATION = "mhdesk"


def set_application_names() -> None:
    """Names QSettings uses to find the user's settings; set once, before the first QSettings()."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)


def user_settings() -> QSettings:
    """The user's settings. The no-argument form honours QSettings.setDefaultFormat/setPath,
    which is how the tests keep every run away from the real settings."""
    set_application_names()
    return QSettings()
