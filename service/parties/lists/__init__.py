"""One reader per list format, each turning bytes into the same frozen :class:`ListSnapshot`.

A reader is a function ``(data, *, max_bytes, **options) -> ListSnapshot`` registered here
under its format name; ``read_list`` picks one by name and passes the options on (a reader's
own keywords, such as the ``published`` date of a format whose files carry none). Readers are
pure: no database, no settings.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path

from ..errors import ListError
from ..model import ListSnapshot
from .common import DEFAULT_MAX_BYTES
from .detect import detect_format
from .eu_xml import read_eu
from .ftm import read_ftm
from .ofac_csv import read_ofac_csv
from .ofac_xml import read_ofac_cons_xml, read_ofac_sdn_xml
from .uk_xml import read_uk
from .un import bundled_un_bytes, load_bundled_un, read_un
from .un_vessels import bundled_un_vessels_bytes, load_bundled_un_vessels, read_un_vessels

Reader = Callable[..., ListSnapshot]

# format name -> (reader, the source its snapshots carry, a one-line description)
READERS: dict[str, tuple[Reader, str, str]] = {
    "un-xml": (read_un, "un", "UN Security Council Consolidated List XML"),
    "ofac-sdn-xml": (read_ofac_sdn_xml, "ofac-sdn", "OFAC SDN list, sdnList XML (sdn.xml)"),
    "ofac-cons-xml": (
        read_ofac_cons_xml,
        "ofac-cons",
        "OFAC Consolidated (non-SDN) list, sdnList XML (consolidated.xml)",
    ),
    "ofac-sdn-csv": (
        read_ofac_csv,
        "ofac-sdn",
        "OFAC SDN list, legacy CSV files (sdn.csv, add.csv, alt.csv) in a ZIP; needs published=",
    ),
    "eu-fsf-xml": (read_eu, "eu-fsf", "EU Consolidated Financial Sanctions list XML (export)"),
    "uk-xml": (read_uk, "uk", "UK Sanctions List XML (FCDO Designations export)"),
    "ftm-json": (
        read_ftm,
        "opensanctions",
        "FollowTheMoney entities, one JSON object per line (OpenSanctions); source= option",
    ),
    "un-vessels-yaml": (
        read_un_vessels,
        "un-vessels",
        "UN-designated vessels compiled from resolutions and the 1718 Committee (YAML)",
    ),
}


def formats() -> list[str]:
    """The format names ``read_list`` accepts."""
    return sorted(READERS)


def options(fmt: str) -> tuple[str, ...]:
    """The options a format's reader takes (``source``, ``published``), besides ``max_bytes``."""
    found = READERS.get(fmt)
    if found is None:
        return ()
    params = inspect.signature(found[0]).parameters
    return tuple(p for p in params if params[p].kind is inspect.Parameter.KEYWORD_ONLY
                 and p != "max_bytes")  # fmt: skip


def read_list(
    data: bytes | str | Path,
    fmt: str = "un-xml",
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    **options: str | None,
) -> ListSnapshot:
    """Read a list in the named format (raises :class:`ListError` on bad input or format).

    ``options`` go to the reader as keywords; an option the reader does not take is refused.
    """
    found = READERS.get(fmt)
    if found is None:
        raise ListError(f"unknown list format '{fmt}'; use one of {', '.join(formats())}")
    reader = found[0]
    unknown = sorted(set(options) - set(inspect.signature(reader).parameters))
    if unknown:
        raise ListError(f"format '{fmt}' takes no option {', '.join(unknown)}")
    return reader(data, max_bytes=max_bytes, **options)


__all__ = [
    "DEFAULT_MAX_BYTES",
    "READERS",
    "ListSnapshot",
    "Reader",
    "bundled_un_bytes",
    "bundled_un_vessels_bytes",
    "detect_format",
    "formats",
    "load_bundled_un",
    "load_bundled_un_vessels",
    "options",
    "read_eu",
    "read_ftm",
    "read_list",
    "read_ofac_cons_xml",
    "read_ofac_csv",
    "read_ofac_sdn_xml",
    "read_uk",
    "read_un",
    "read_un_vessels",
]
