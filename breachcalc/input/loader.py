"""The one place input is read: a file or stdin → YAML → a validated breach model.

Every refusal is an :class:`~breachcalc.errors.InputError` whose problems carry the file, line,
column and dotted field path.
"""

from __future__ import annotations

import difflib
import functools
import sys
from collections.abc import Collection, Sequence
from pathlib import Path as FsPath
from typing import Any, BinaryIO

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

from breachcalc import limits
from breachcalc.contract import record
from breachcalc.errors import InputError, Problem, shown
from breachcalc.input.breach import Breach
from breachcalc.input.checks import cross_checks
from breachcalc.input.fields import RAW_ERRORS
from breachcalc.input.overrides import Override, apply, split_variants, variant_names
from breachcalc.input.paths import PathError, fields_at
from breachcalc.input.policy import Policy
from breachcalc.input.yaml_reader import Document, Path, decode, parse

STDIN = "-"
"""The file name that means standard input."""


def read_bytes(name: str, stdin: BinaryIO | None = None) -> tuple[str, bytes]:
    """Read a file (or stdin for ``-``) up to the size limit; returns (display name, bytes)."""
    if name == STDIN:
        if stdin is None and sys.stdin is None:
            raise InputError("<stdin>", [Problem("standard input is closed; give a file name")])
        stream = stdin if stdin is not None else sys.stdin.buffer
        return "<stdin>", read_limited(stream)
    try:
        with open(name, "rb") as handle:
            return name, read_limited(handle)
    except FileNotFoundError:
        raise InputError(name, [Problem("no such file")]) from None
    except IsADirectoryError:
        raise InputError(name, [Problem("is a directory, not a breach file")]) from None
    except PermissionError:
        raise InputError(name, [Problem("permission denied")]) from None
    except OSError as exc:
        raise InputError(name, [Problem(f"cannot read: {exc.strerror or exc}")]) from None


READ_CHUNK = 65_536


def read_limited(stream: BinaryIO) -> bytes:
    """Up to ``MAX_INPUT_BYTES + 1`` bytes, in chunks: asking for the whole limit at once would
    allocate a megabyte for every small file (or pipe) read."""
    chunks, size = [], 0
    while size <= limits.MAX_INPUT_BYTES:
        chunk = stream.read(min(READ_CHUNK, limits.MAX_INPUT_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def load_document(name: str, stdin: BinaryIO | None = None) -> Document:
    """Read and parse one input into a located :class:`Document` (not yet validated)."""
    source, data = read_bytes(name, stdin)
    return parse(source, decode(source, data))


def load_breach(name: str, stdin: BinaryIO | None = None, sets: Sequence[Override] = ()) -> Breach:
    """Read, parse and validate one breach description.

    Args:
        name: a file, ``-`` for stdin, or ``FILE#variant`` for a variant of a scenario file.
        stdin: the stream ``-`` reads (default: the process's standard input).
        sets: overrides applied after the variant's own.

    Raises:
        InputError: anything wrong with the input, each problem located.
    """
    return load_scenarios(name, sets, stdin, every_variant=False)[0].breach


@record
class Scenario:
    """A validated breach and the label that names it (``FILE`` or ``FILE#variant``)."""

    label: str
    breach: Breach


def split_name(name: str) -> tuple[str, str | None]:
    """``file.yaml#cheap`` → (``file.yaml``, ``cheap``); a name that exists as a file is kept."""
    if name == STDIN or "#" not in name or FsPath(name).exists():
        return name, None
    file, _, variant = name.rpartition("#")
    return file, variant


def load_scenarios(
    name: str,
    sets: Sequence[Override] = (),
    stdin: BinaryIO | None = None,
    *,
    every_variant: bool = True,
) -> list[Scenario]:
    """The scenarios of one input: the base breach, then each variant (or the one named).

    Args:
        name: a file, ``-``, or ``FILE#variant``.
        sets: command-line overrides, applied to every scenario after the variant's own.
        stdin: the stream ``-`` reads.
        every_variant: with a plain file name, also return every variant of a scenario file.
    """
    file, _ = split_name(name)
    return scenarios_of(load_document(file, stdin), sets, every_variant=every_variant, name=name)


def scenarios_of(
    document: Document,
    sets: Sequence[Override] = (),
    *,
    every_variant: bool = True,
    name: str | None = None,
) -> list[Scenario]:
    """The scenarios of a parsed document (see :func:`load_scenarios`)."""
    file, chosen = split_name(name) if name is not None else (document.source, None)
    try:
        return _scenarios(name or file, file, chosen, document, sets, every_variant)
    except PathError as exc:  # an override that does not fit the file's shape
        raise InputError(document.source, [Problem(str(exc))]) from None


def parse_text(text: str, source: str = "<text>") -> Document:
    """Parse YAML text (not a file) into a located :class:`Document`, under the same limits."""
    return parse(source, decode(source, text.encode("utf-8")))


def _scenarios(
    name: str,
    file: str,
    chosen: str | None,
    document: Document,
    sets: Sequence[Override],
    every_variant: bool,
) -> list[Scenario]:
    base, variants, problems = split_variants(document)
    if problems:
        raise InputError(document.source, problems)
    if chosen is not None:
        match = next((v for v in variants if v.name == chosen), None)
        if match is None:
            names = variant_names(variants)
            near = difflib.get_close_matches(chosen, names, n=1, cutoff=0.5)
            hint = f"; did you mean `{near[0]}`?" if near else ""
            listed = f" (variants: {', '.join(names)})" if names else " (the file has none)"
            raise InputError(document.source, [Problem(f"no variant `{chosen}`{hint}{listed}")])
        return [Scenario(name, validate(apply(base, [*match.overrides, *sets])))]
    label = "<stdin>" if file == STDIN else file
    scenarios = [Scenario(label, validate(apply(base, sets)))]
    if every_variant:
        scenarios += [
            Scenario(f"{label}#{v.name}", validate(apply(base, [*v.overrides, *sets])))
            for v in variants
        ]
    return scenarios


def validate(doc: Document) -> Breach:
    """Validate a parsed document as a :class:`Breach`, with located, readable problems."""
    if doc.data is None:
        raise InputError(
            doc.source,
            [
                Problem(
                    "the file is empty; a breach needs at least `name`, `affected` and "
                    "`data_categories` (see examples/coupang.yaml)"
                )
            ],
        )
    if _is_policy(doc.data):
        raise InputError(
            doc.source,
            [Problem("this is a policy, not a breach: use --policy with a breach file")],
        )
    if not isinstance(doc.data, dict):
        raise InputError(
            doc.source,
            [
                doc.problem(
                    (),
                    (
                        "the top level must be a mapping of keys such as `name:` and `affected:`, "
                        f"not a {'list' if isinstance(doc.data, list) else 'single value'}"
                    ),
                )
            ],
        )
    if doc.data and not any(
        isinstance(key, str) and key.strip().lower() in Breach.model_fields for key in doc.data
    ):
        raise InputError(
            doc.source,
            [
                Problem(
                    f"not a breach description: none of its {len(doc.data):,} keys is one of "
                    "breachcalc's (name, affected, data_categories, ...); see examples/coupang.yaml"
                )
            ],
        )
    # the policy is validated last, on its own, so that its problems come after the breach's
    data = {key: value for key, value in doc.data.items() if key != POLICY_KEY}
    try:
        breach = Breach.model_validate(data, context=RAW_ERRORS)
    except ValidationError as exc:
        raise InputError(doc.source, _problems(doc, exc)) from None
    problems = cross_checks(doc, breach)
    if problems:
        raise InputError(doc.source, problems)
    return _with_policy(doc, breach)


def _is_policy(data: Any) -> bool:
    """A file with a policy's ``limit`` and ``retention`` and no ``affected``: a policy file
    given where a breach was expected."""
    return isinstance(data, dict) and "affected" not in data and {"limit", "retention"} <= set(data)


POLICY_KEY = "insurance"
"""The field of a breach file that holds a policy (validated by :func:`_policy`)."""


def _with_policy(doc: Document, breach: Breach) -> Breach:
    """``breach`` with the policy of ``doc``'s ``insurance`` section, validated, if any."""
    assert isinstance(doc.data, dict)
    raw = doc.data.get(POLICY_KEY)
    if raw is None:
        return breach
    return breach.model_copy(update={POLICY_KEY: _policy(doc, raw)})


def validate_changed(doc: Document, base: Breach, changed: Collection[str]) -> Breach:
    """:func:`validate` for a document that differs from a valid one only in some fields.

    ``base`` is the breach validated from a document whose data equals ``doc.data`` except at
    the top-level keys ``changed``. Every field of a breach is validated on its own (the model
    has no validator that reads two fields), so only the changed fields are validated again,
    by a model of those fields alone with the very same field definitions (the same refusals,
    at the same places), and the rest is taken from ``base``. The cross-field checks then run
    in full, so a refusal is exactly :func:`validate`'s.
    """
    names = _in_field_order(frozenset(changed))
    if not isinstance(doc.data, dict) or names is None:
        return validate(doc)
    names = tuple(name for name in names if name != POLICY_KEY)
    try:
        fields = _fields_model(names).model_validate({name: doc.data[name] for name in names})
    except ValidationError as exc:
        raise InputError(doc.source, _problems(doc, exc)) from None
    except KeyError:  # a changed field that the document does not have: validate it all
        return validate(doc)
    update = {name: getattr(fields, name) for name in names}
    if POLICY_KEY in changed:
        update[POLICY_KEY] = None  # validated after the cross-checks, as in `validate`
    breach = base.model_copy(update=update)
    problems = cross_checks(doc, breach)
    if problems:
        raise InputError(doc.source, problems)
    return _with_policy(doc, breach) if POLICY_KEY in changed else breach


@functools.cache
def _in_field_order(changed: frozenset[str]) -> tuple[str, ...] | None:
    """The changed fields in the model's order (its errors come in that order), or None where
    one is not a field of :class:`Breach`."""
    fields = Breach.model_fields
    if not all(name in fields for name in changed):
        return None
    return tuple(name for name in fields if name in changed)


@functools.cache
def _fields_model(names: tuple[str, ...]) -> type[BaseModel]:
    """A model of some fields of :class:`Breach` only, defined exactly as there."""
    definitions: dict[str, Any] = {
        name: (Breach.model_fields[name].annotation, Breach.model_fields[name]) for name in names
    }
    return create_model("Breach", __config__=ConfigDict(**Breach.model_config), **definitions)


def _policy(doc: Document, raw: Any, at: Path = (POLICY_KEY,)) -> Policy:
    """The ``insurance`` section as a validated policy, each problem located in the file."""
    if not isinstance(raw, dict):
        raise InputError(doc.source, [doc.problem(at, "must be a mapping: a cyber policy")])
    try:
        return Policy.model_validate(raw, context=RAW_ERRORS)
    except ValidationError as exc:
        problems = [doc.problem((*at, *error["loc"]), str(error["msg"])) for error in exc.errors()]
        raise InputError(doc.source, problems) from None


def load_policy(name: str) -> Policy:
    """A policy file (``--policy policy.yaml``), validated with located errors."""
    document = load_document(name)
    return _policy(document, document.data, ())


def _problems(doc: Document, exc: ValidationError) -> list[Problem]:
    found: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if p != "[key]")
        kind = err["type"]
        if kind == "extra_forbidden":
            found.append(doc.problem(loc, _unknown_key(loc), key=True))
        elif kind == "missing":
            found.append(doc.problem(loc[:-1], f"`{loc[-1]}` is required" + _where(loc[:-1])))
        elif kind == "model_type":
            found.append(
                doc.problem(
                    loc, "must be a mapping of keys (`key: value`), not a single value or a list"
                )
            )
        elif kind == "list_type":
            found.append(doc.problem(loc, "must be a list (`[a, b]` or `- a` lines)"))
        elif kind == "dict_type":
            found.append(doc.problem(loc, "must be a mapping (`key: value` lines)"))
        elif kind == "too_short":
            found.append(doc.problem(loc, "must list at least one item"))
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            found.append(doc.problem(loc, f"must be one of {expected}"))
        else:
            found.append(doc.problem(loc, err["msg"]))
    found = _merge_misspelt(found)
    found.sort(key=lambda p: (p.line or 0, p.column or 0))
    return found


def _merge_misspelt(found: list[Problem]) -> list[Problem]:
    """Drop "`x` is required" where an unknown key nearby is already suggested as `x`."""
    suggested = {
        (p.field.rpartition(".")[0], p.message.split("did you mean `")[1].split("`")[0])
        for p in found
        if "did you mean `" in p.message
    }
    return [
        p
        for p in found
        if not (
            p.message.endswith(" is required" + _where_text(p.field))
            and (p.field, p.message.split("`")[1]) in suggested
        )
    ]


def _where_text(dotted_path: str) -> str:
    return f" in `{dotted_path}`" if dotted_path else ""


def _where(path: Path) -> str:
    return f" in `{'.'.join(str(p) for p in path)}`" if path else ""


def _unknown_key(loc: Path) -> str:
    name = str(loc[-1])
    allowed = fields_at(loc[:-1])
    near = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    hint = f"; did you mean `{near[0]}`?" if near else ""
    valid = f" (valid keys: {', '.join(allowed)})" if allowed and not near else ""
    return f"unknown key `{shown(name)}`{hint}{valid}"
