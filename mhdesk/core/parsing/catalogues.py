"""Look-ups for the catalogues in ``reference.json``: indicators and
thematic areas (countries have their own :class:`CountryResolver`)."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from .lookup import NameLookup

__all__ = ["THEMATIC_AREA_ALIASES", "indicator_lookup", "load_reference", "thematic_area_lookup"]

ReferenceSource = str | os.PathLike | Mapping[str, Any]

#: Short forms seen in reports for the reference thematic areas.
THEMATIC_AREA_ALIASES: Mapping[str, tuple[str, ...]] = {
    "Tuberculosis": ("TB", "MDR-TB", "XDR-TB", "MDR/XDR-TB"),
    "HIV/AIDS": ("HIV", "AIDS"),
    "Mental health and psychosocial support": ("MHPSS",),
    "Health rehabilitation and specialised care": ("Health rehabilitation and specialized care",),
    "Universal health coverage": ("UHC",),
    "Border health and points of entry": ("Border health", "Points of entry", "PoE"),
    "Immunization and vaccine confidence": ("Immunisation and vaccine confidence", "Immunization", "Immunisation"),
    "COVID-19": ("COVID", "Covid19"),
    "Non-communicable diseases": ("NCD", "NCDs"),
}


def load_reference(source: ReferenceSource) -> Mapping[str, Any]:
    """The reference data, from a ``reference.json`` path or already loaded."""
    if isinstance(source, Mapping):
        return source
    with open(source, encoding="utf-8") as file:
        return json.load(file)


def indicator_lookup(source: ReferenceSource) -> NameLookup:
    """Resolves an indicator's code or name (any case) to its code."""
    reference = load_reference(source)
    return NameLookup("indicator", ((item["code"], (item["name"],)) for item in reference["indicators"]))


def thematic_area_lookup(source: ReferenceSource) -> NameLookup:
    """Resolves a thematic area's name or short form (``TB``, ``MHPSS``) to
    its reference name."""
    reference = load_reference(source)
    return NameLookup(
        "thematic area",
        ((name, THEMATIC_AREA_ALIASES.get(name, ())) for name in reference["thematic_areas"]),
    )
