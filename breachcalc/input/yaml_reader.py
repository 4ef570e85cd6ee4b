"""Safe YAML reading: bytes in, plain Python values plus the line and column of each value out.

Why PyYAML's event stream and not its loaders: we build the tree ourselves from parser events,
so that nothing in a file can construct objects (there is no constructor at all), duplicate
keys are refused, depth and size are bounded without recursion, aliases are counted as what
they expand to, and plain scalars are resolved by the YAML 1.2 core schema, which means what a
person reading the file thinks it means:

* ``yes``, ``no``, ``on``, ``off`` stay text (YAML 1.1 made ``NO``, Norway's code, false);
* ``010`` is ten, not eight; ``1:30`` is text, not ninety;
* numbers with a point or exponent become :class:`~decimal.Decimal` from their written digits,
  never binary floats; ``33_700_000`` is accepted as a readable integer;
* dates stay text and are parsed by the model that expects them.

Any explicit tag other than ``!!str``, ``!!seq`` and ``!!map`` is refused, and so are merge keys
(``<<``, a YAML 1.1 feature) and characters YAML does not allow in a file (control characters,
lone surrogates) even when a double-quoted escape such as ``"\\e"`` or ``"\\ud800"`` writes them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml

from breachcalc import limits
from breachcalc.errors import InputError, Problem, shown

Path = tuple[str | int, ...]

_PLAIN = "tag:breachcalc:plain"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+(?:_[0-9]+)*$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_DEC = re.compile(
    r"^[-+]?(?:\.[0-9]+(?:_[0-9]+)*|[0-9]+(?:_[0-9]+)*(?:\.(?:[0-9]+(?:_[0-9]+)*)?)?)"
    r"(?:[eE][-+]?[0-9]+)?$"
)
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Embedding, override and isolate controls: refused so that no name can reorder what a table
shows (the "Trojan Source" trick)."""
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters outside YAML's printable set; an escape in a double-quoted scalar can write them."""


@dataclass
class Document:
    """A parsed YAML document with the place of every value.

    Attributes:
        source: the name shown in messages (a path, or ``<stdin>``).
        data: the value tree (dict, list, str, int, Decimal, bool, None).
        places: path → (line, column), 1-based, of each value.
        key_places: path → (line, column) of the key that introduced the value.
    """

    source: str
    data: Any
    places: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_places: dict[Path, tuple[int, int]] = field(default_factory=dict)
    origins: dict[Path, str] = field(default_factory=dict)
    """path → where its value came from when not from the file (``--set a=1``)."""
    origin_places: dict[Path, tuple[int, int]] = field(default_factory=dict)
    """path → line and column of an override written in the file itself (a variant)."""

    def locate(self, path: Path, *, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column for ``path``, falling back to the nearest enclosing value."""
        if key and path in self.key_places:
            return self.key_places[path]
        probe = tuple(path)
        while probe:
            if probe in self.places:
                return self.places[probe]
            probe = probe[:-1]
        return self.places.get((), (None, None))

    def problem(self, path: Path, message: str, *, key: bool = False) -> Problem:
        """A :class:`Problem` at ``path`` with its line and column filled in.

        A value set from the command line is named by its override instead of a line.
        """
        probe = tuple(path)
        while probe:
            if probe in self.origins:
                line, column = self.origin_places.get(probe, (None, None))
                return Problem(message, dotted(path), line, column, origin=self.origins[probe])
            probe = probe[:-1]
        line, column = self.locate(path, key=key)
        return Problem(message, dotted(path), line, column)


def dotted(path: Path) -> str:
    """``("compensation", "vouchers", 2, "amount")`` → ``compensation.vouchers.2.amount``.

    Each key is shown on one line and cut to :data:`~breachcalc.errors.SHOWN_CHARS`: a field
    path names the place, it does not repeat a 5,000-character key.
    """
    return ".".join(shown(str(p)) for p in path)


class _Refused(Exception):
    def __init__(self, message: str, mark: Any, path: Path = ()) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.path = path


def decode(source: str, data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), or UTF-16/32 with a BOM, as YAML allows."""
    if len(data) > limits.MAX_INPUT_BYTES:
        raise InputError(
            source,
            [
                Problem(
                    f"input is larger than {limits.MAX_INPUT_BYTES:,} bytes "
                    "(limit MAX_INPUT_BYTES); a breach description is a few kilobytes"
                )
            ],
        )
    for bom, codec in (
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe", "utf-16-le"),
    ):
        if data.startswith(bom):
            data, encoding = data[len(bom) :], codec
            break
    else:
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(
            source,
            [
                Problem(
                    f"not valid {encoding.upper()} text (byte 0x{bad} at offset {exc.start}); "
                    "save the file as UTF-8",
                    line=line,
                )
            ],
        ) from None


def resolve_plain(text: str) -> Any:
    """Resolve a plain (unquoted) scalar by the YAML 1.2 core schema, with exact decimals.

    Raises:
        ValueError: a number too long or too large to be a breach figure.
    """
    first = text[:1]
    if first.isalpha() and first not in "nNtTfF":
        return text  # a word: no null, boolean or number starts with another letter
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    for pattern, convert in _NUMBERS:  # each pattern tried once, in this order
        if pattern.match(text):
            if len(text) > limits.MAX_NUMBER_CHARS:
                raise ValueError(
                    f"number longer than {limits.MAX_NUMBER_CHARS} characters "
                    "(limit MAX_NUMBER_CHARS)"
                )
            return convert(text)
    if _INF.match(text):
        return Decimal("-Infinity") if text.startswith("-") else Decimal("Infinity")
    if _NAN.match(text):
        return Decimal("NaN")
    return text


def _decimal(text: str) -> Decimal:
    """A decimal literal, exactly, within :data:`~breachcalc.limits.MAX_EXPONENT`."""
    value = Decimal(text.replace("_", ""))
    if value and abs(value.adjusted()) > limits.MAX_EXPONENT:
        raise ValueError(
            f"number {text} is outside the supported range "
            f"(1e-{limits.MAX_EXPONENT} to 1e{limits.MAX_EXPONENT}, limit MAX_EXPONENT)"
        )
    return value


_NUMBERS: tuple[tuple[re.Pattern[str], Callable[[str], Any]], ...] = (
    (_INT, lambda text: int(text.replace("_", ""))),
    (_OCT, lambda text: int(text[2:], 8)),
    (_HEX, lambda text: int(text[2:], 16)),
    (_DEC, _decimal),
)
"""The number forms of a plain scalar and how each is read, in the order they are tried."""


def _place(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


class _Builder:
    """Builds the value tree from parser events with an explicit stack (no recursion)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.nodes = 0
        self.anchors: dict[str, tuple[Any, int]] = {}
        # stack entries: [container, path, pending_key, pending_key_mark, anchor, start_nodes]
        self.stack: list[list[Any]] = []
        self.root: Any = None

    def _count(self, n: int, mark: Any, path: Path) -> None:
        self.nodes += n
        if self.nodes > limits.MAX_NODES:
            raise _Refused(
                f"document has more than {limits.MAX_NODES:,} values (limit MAX_NODES); "
                "aliases count once per use",
                mark,
                path,
            )

    def _child_path(self) -> Path:
        if not self.stack:
            return ()
        top = self.stack[-1]
        container, path = top[0], top[1]
        if isinstance(container, list):
            return (*path, len(container))
        return (*path, top[2])

    def _expecting_key(self) -> bool:
        return (
            bool(self.stack) and isinstance(self.stack[-1][0], dict) and self.stack[-1][2] is None
        )

    def _attach(self, value: Any, mark: Any) -> None:
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        container = top[0]
        if isinstance(container, list):
            if len(container) >= limits.MAX_LIST_ITEMS:
                raise _Refused(
                    f"list longer than {limits.MAX_LIST_ITEMS:,} items (limit MAX_LIST_ITEMS)",
                    mark,
                    top[1],
                )
            container.append(value)
        else:
            container[top[2]] = value
            top[2] = None

    def _take_key(self, value: Any, mark: Any) -> None:
        top = self.stack[-1]
        path = top[1]
        if not isinstance(value, str):
            kind = "a mapping or list" if isinstance(value, dict | list) else repr(value)
            raise _Refused(
                f"keys must be text; found {kind} (quote it if it is a name)", mark, path
            )
        if value in top[0]:
            first = self.doc.key_places.get((*path, value))
            where = f" (first at line {first[0]})" if first else ""
            raise _Refused(
                f"duplicate key `{shown(value)}`{where}; each key may appear once",
                mark,
                (*path, value),
            )
        top[2] = value
        self.doc.key_places[(*path, value)] = _place(mark)

    def scalar(self, event: Any) -> None:
        expecting_key = self._expecting_key()
        path = self._child_path() if not expecting_key else self.stack[-1][1]
        tag = event.tag
        if tag in (None, "!"):
            tag = _PLAIN if event.implicit[0] else _STR
        if tag not in (_PLAIN, _STR):
            raise _Refused(
                f"YAML tag {tag} is not allowed; breachcalc reads plain values only",
                event.start_mark,
                path,
            )
        text = event.value
        if len(text) > limits.MAX_STRING_CHARS:
            raise _Refused(
                f"text longer than {limits.MAX_STRING_CHARS:,} characters (limit MAX_STRING_CHARS)",
                event.start_mark,
                path,
            )
        plain_ascii = text.isascii() and text.isprintable()  # neither search can find a thing
        bidi = None if plain_ascii else _BIDI_CONTROLS.search(text)
        if bidi:
            raise _Refused(
                f"character U+{ord(bidi[0]):04X} (a bidirectional control) is not allowed in "
                "text: it can make a table show something other than the file says; remove it",
                event.start_mark,
                path,
            )
        bad = None if plain_ascii else _NOT_PRINTABLE.search(text)
        if bad:
            raise _Refused(
                f"character U+{ord(bad[0]):04X} is not allowed in text (a control character or "
                "lone surrogate, here written as an escape); remove it",
                event.start_mark,
                path,
            )
        if expecting_key and tag == _PLAIN and not event.style and text == "<<":
            raise _Refused(
                "merge keys (`<<`) are not supported; write the keys out in full",
                event.start_mark,
                path,
            )
        if tag == _PLAIN and not event.style:
            try:
                value = resolve_plain(text)
            except ValueError as exc:
                raise _Refused(str(exc), event.start_mark, path) from None
        else:
            value = text
        self._count(1, event.start_mark, path)
        if expecting_key:
            self._take_key(value, event.start_mark)
            return
        self.doc.places[path] = _place(event.start_mark)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._attach(value, event.start_mark)

    def start(self, event: Any, container: dict[str, Any] | list[Any]) -> None:
        if self._expecting_key():
            raise _Refused(
                "keys must be text; found a mapping or list", event.start_mark, self.stack[-1][1]
            )
        path = self._child_path()
        if event.tag not in (None, "!", _SEQ, _MAP):
            raise _Refused(
                f"YAML tag {event.tag} is not allowed; breachcalc reads plain values only",
                event.start_mark,
                path,
            )
        if len(self.stack) >= limits.MAX_DEPTH:
            raise _Refused(
                f"nested deeper than {limits.MAX_DEPTH} levels (limit MAX_DEPTH)",
                event.start_mark,
                path,
            )
        self._count(1, event.start_mark, path)
        self.doc.places[path] = _place(event.start_mark)
        self.stack.append([container, path, None, None, event.anchor, self.nodes])

    def end(self, event: Any) -> None:
        container, _path, _k, _m, anchor, started = self.stack.pop()
        if anchor:
            self.anchors[anchor] = (container, self.nodes - started + 1)
        self._attach(container, event.start_mark)

    def alias(self, event: Any) -> None:
        path = self._child_path() if not self._expecting_key() else self.stack[-1][1]
        if event.anchor not in self.anchors:
            raise _Refused(
                f"alias *{event.anchor} refers to no anchor defined before it",
                event.start_mark,
                path,
            )
        value, size = self.anchors[event.anchor]
        self._count(size, event.start_mark, path)
        if self._expecting_key():
            self._take_key(value, event.start_mark)
            return
        self.doc.places[path] = _place(event.start_mark)
        self._attach(value, event.start_mark)


def parse(source: str, text: str) -> Document:
    """Parse one YAML document into a :class:`Document`.

    Raises:
        InputError: syntax errors, refused constructs and exceeded limits, each with its place.
    """
    doc = Document(source=source, data=None)
    builder = _Builder(doc)
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            kind = type(event)
            if kind is yaml.ScalarEvent:
                builder.scalar(event)
            elif kind is yaml.MappingStartEvent:
                builder.start(event, {})
            elif kind is yaml.SequenceStartEvent:
                builder.start(event, [])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                builder.end(event)
            elif kind is yaml.AliasEvent:
                builder.alias(event)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Refused(
                        "more than one YAML document (`---`); put one breach per file",
                        event.start_mark,
                    )
    except _Refused as exc:
        line, column = _place(exc.mark) if exc.mark is not None else (None, None)
        raise InputError(source, [Problem(exc.message, dotted(exc.path), line, column)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _place(mark) if mark is not None else (None, None)
        what = exc.problem or exc.context or "invalid YAML"
        raise InputError(
            source, [Problem(f"YAML syntax error: {what}", "", line, column)]
        ) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        char = exc.character if isinstance(exc.character, int) else ord(exc.character or "?")
        raise InputError(
            source,
            [
                Problem(
                    f"character U+{char:04X} is not allowed in YAML ({exc.reason})",
                    "",
                    line,
                    column,
                )
            ],
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(source, [Problem(f"YAML error: {exc}")]) from None
    doc.data = builder.root
    return doc


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where available (same events, about ten times faster), else PyYAML's."""
