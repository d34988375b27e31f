"""Tell a list file's format from its first bytes, where that is certain.

Loading a list under the wrong format would store its entries under the wrong source, so this
guesses nothing: a format is named only when the start of the file admits no other (a root
element only one reader takes, a ZIP, JSON lines, the un-vessels YAML). OFAC's SDN and
non-SDN files share one XML schema and are never told apart here: the caller must say which.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib

from ..errors import ListError

HEAD = 64 * 1024  # bytes looked at (after gzip is undone)
# root element -> format; None: more than one format has this root
ROOTS: dict[str, str | None] = {
    "CONSOLIDATED_LIST": "un-xml",
    "sdnList": None,
    "export": "eu-fsf-xml",
    "Designations": "uk-xml",
}
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]")
_PROLOG = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->)", re.S)


def head(data: bytes) -> bytes:
    """The first :data:`HEAD` bytes of the content, gzip undone (a broken gzip gives b"")."""
    if data[:2] != b"\x1f\x8b":
        return data[:HEAD]
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            return stream.read(HEAD)
    except (OSError, EOFError, zlib.error):
        return b""


def detect_format(data: bytes) -> str:
    """The format of list bytes; raises :class:`ListError` saying why when it is not certain."""
    start = head(data).lstrip(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"PK\x03\x04"):
        return "ofac-sdn-csv"
    if start.startswith(b"{"):
        return "ftm-json"
    if start.startswith(b"<"):
        body = start
        while found := _PROLOG.match(body):
            body = body[found.end() :]
        root = _ROOT.match(body.lstrip())
        name = root.group(2).decode() if root else ""
        if name in ROOTS:
            fmt = ROOTS[name]
            if fmt is None:
                raise ListError(
                    f"an OFAC <{name}> file may be the SDN or the non-SDN list: give the format "
                    "(ofac-sdn-xml or ofac-cons-xml)"
                )
            return fmt
        raise ListError(f"XML with root <{name or '?'}> is no list format known; give the format")
    if re.search(rb"(?m)^source:\s*un-vessels\s*$", start):
        return "un-vessels-yaml"
    raise ListError("the list format cannot be told from the content; give the format")
