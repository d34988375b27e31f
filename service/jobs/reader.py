"""Read a job's body as a stream of items: a JSON array, JSON Lines, or CSV (:mod:`.csvrows`).

Nothing here holds the whole body: blocks are read as needed and each item is decoded on its
own, so a million items take the memory of one. An item that cannot be read (a line that is
not JSON, a row that does not fit the layout) becomes an *error item*: it gets an error result
and the others go on. Only a body whose structure is lost (a JSON array broken mid-way, a CSV
header naming unknown columns) is refused as a whole, with :class:`JobInputError`.

A submission stores JSON items without decoding them (:func:`stored_items`): decoding is most of
the cost of storing a body, so a line that looks like an object is kept as text and the worker
decodes it (:func:`decode_item`, the same check), an invalid one getting its error result there.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from typing import Any

Read = Callable[[int], bytes]
Item = tuple[dict[str, Any] | None, str | None]  # (body, None) or (None, why it is unreadable)
# as stored by a submission: the body may also be the JSON text of an object, checked only by
# its braces here and decoded by the worker (:func:`decode_item`), so storing stays cheap
Stored = tuple[dict[str, Any] | str | None, str | None]
BLOCK = 64 * 1024
FORMATS = ("json", "jsonl", "csv")


class JobInputError(ValueError):
    """The body cannot be read as items at all; ``where`` says where (for the problem's path)."""

    def __init__(self, message: str, where: str = "body") -> None:
        super().__init__(message)
        self.where = where


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def decode_item(text: str) -> Item:
    """One JSON value as an item: an object, or an error item saying why not."""
    try:
        value = json.loads(text, parse_constant=_constant)
    except (ValueError, RecursionError) as exc:
        return None, f"not valid JSON: {str(exc)[:200]}"
    return _item(value, text)


def _item(value: Any, text: str) -> Item:
    if not isinstance(value, dict):
        return None, f"an item must be a JSON object, not {type(value).__name__}"
    if ("NaN" in text or "Infinity" in text) and _non_finite(text):
        return None, "not valid JSON: NaN and Infinity are not numbers JSON allows"
    return value, None


def _non_finite(text: str) -> bool:
    try:
        json.loads(text, parse_constant=_constant)
    except ValueError:
        return True
    return False


def format_of(content_type: str | None) -> str | None:
    """The body format a Content-Type names (None: not one a job accepts)."""
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime == "application/json":
        return "json"
    if mime in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines",
                "application/jsonlines", "application/json-lines"):  # fmt: skip
        return "jsonl"
    if mime in ("text/csv", "application/csv"):
        return "csv"
    return None


class _Text:
    """UTF-8 text read block by block from a byte stream (a BOM at the start is dropped)."""

    def __init__(self, read: Read) -> None:
        self._read = read
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="strict")
        self.eof = False

    def block(self) -> str:
        data = self._read(BLOCK)
        self.eof = not data
        try:
            return self._decoder.decode(data, final=self.eof)
        except UnicodeDecodeError as exc:
            raise JobInputError(f"the body is not UTF-8 ({exc.reason})") from None


def read_items(read: Read, fmt: str, max_item: int) -> Iterator[Item]:
    """The items of a body in ``fmt`` (see :data:`FORMATS`); a JSON body starting with ``{`` is
    read as JSON Lines."""
    for body, error in stored_items(read, fmt, max_item, raw=False):
        yield (decode_item(body) if isinstance(body, str) else (body, error))


def stored_items(read: Read, fmt: str, max_item: int, *, raw: bool = True) -> Iterator[Stored]:
    """The items of a body as a submission stores them: with ``raw``, a JSON Lines line that
    looks like an object (``{`` … ``}``) is kept as its text, not decoded, and a JSON array's
    object as the text it was read from; anything else as :func:`read_items` gives it."""
    text = _Text(read)
    first = ""
    while not text.eof and not first.strip():
        first += text.block()
    if fmt == "json" and first.lstrip().startswith("{"):
        fmt = "jsonl"
    if fmt == "json":
        return _json_array(text, first, max_item, raw)
    lines = _lines(text, first, max_item)
    if fmt == "jsonl":
        return _json_lines(lines, raw)
    from service.jobs.csvrows import csv_items

    return csv_items(lines, max_item)


def _json_array(text: _Text, buf: str, max_item: int, raw: bool) -> Iterator[Stored]:
    decoder = json.JSONDecoder()  # NaN and Infinity are parsed, then refused per item (_item)
    pos, consumed, count = 0, 0, 0
    expect = "["  # then: "value" (or "]"), then "," or "]"

    while True:
        while pos < len(buf) and buf[pos] in " \t\r\n":
            pos += 1
        if pos >= len(buf) or (expect == "value" and len(buf) - pos < 64 and not text.eof):
            if text.eof:
                if expect != "end":
                    raise JobInputError(f"the JSON array ends early, after {count} items")
                return
            consumed += pos
            buf, pos = buf[pos:] + text.block(), 0
            continue
        char = buf[pos]
        if expect == "end":
            raise JobInputError(f"text after the JSON array at character {consumed + pos}")
        if expect == "[":
            if char != "[":
                raise JobInputError("a JSON body must be an array of transactions (or JSON Lines)")
            pos, expect = pos + 1, "first"
            continue
        if expect in ("first", ",") and char == "]" and (expect == "first" or count):
            pos, expect = pos + 1, "end"
            continue
        if expect == ",":
            if char != ",":
                raise JobInputError(f"expected ',' or ']' after item {count - 1} "
                                    f"at character {consumed + pos}")  # fmt: skip
            pos, expect = pos + 1, "value"
            continue
        try:
            value, end = decoder.raw_decode(buf, pos)
            complete = end < len(buf) or text.eof  # a number may continue in the next block
        except (ValueError, RecursionError) as exc:
            if text.eof or len(buf) - pos > max_item:
                if len(buf) - pos > max_item:
                    raise JobInputError(f"item {count} is larger than {max_item} bytes",
                                        f"[{count}]") from None  # fmt: skip
                raise JobInputError(f"item {count} is not valid JSON: {str(exc)[:200]}",
                                    f"[{count}]") from None  # fmt: skip
            complete, value, end = False, None, pos
        if not complete:
            consumed += pos
            buf, pos = buf[pos:] + text.block(), 0
            continue
        if end - pos > max_item:
            yield None, f"the item is larger than {max_item} bytes"
        else:
            body, error = _item(value, buf[pos:end])
            yield (buf[pos:end], None) if raw and body is not None else (body, error)
        count += 1
        pos, expect = end, ","


def _lines(text: _Text, buf: str, max_item: int) -> Iterator[str]:
    """Lines with their ending; a line longer than ``max_item`` comes back as one marker line
    (``\\x00``) and is never held whole."""
    pos = 0
    skipping = False
    while True:
        newline = buf.find("\n", pos)
        if newline >= 0:
            if skipping:
                skipping = False
                yield "\x00\n"
            else:
                yield buf[pos : newline + 1]
            pos = newline + 1
            continue
        rest = buf[pos:]
        if len(rest) > max_item:
            skipping, rest = True, ""
        if text.eof:
            if skipping:
                yield "\x00"
            elif rest:
                yield rest
            return
        buf, pos = rest + text.block(), 0


def _json_lines(lines: Iterator[str], raw: bool) -> Iterator[Stored]:
    for line in lines:
        if line.startswith("\x00"):
            yield None, "the line is too long"
            continue
        text = line.strip()
        if not text:
            continue
        if raw and text[0] == "{" and text[-1] == "}":
            yield text, None  # decoded by the worker: an invalid one becomes an error result
        else:
            yield decode_item(text)
