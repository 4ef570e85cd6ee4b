"""The one registry of output formats: what each result type offers, and one writer per format.

A result type offers what it can (:class:`Offer`): tables for people, a JSON document, JSON
Lines, rows (for CSV and Markdown, and JSON where there is no document), a page. The formats a
result can be written in follow from what it offers (:func:`formats_of`), and :func:`write`
picks the writer. A command's ``--format`` accepts exactly its result's formats, and anything
else is refused by :func:`check`, the one place that does (exit 2).

Offers name their functions by import string ("module:function"), so this registry costs
nothing to import: a run loads only the writer and the functions its format needs.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from breachcalc.errors import UsageError


@dataclass(frozen=True)
class Offer:
    """What one result type offers, each as ``"module:function"`` (None where it has none).

    Attributes:
        draw: ``(result, console)``: the tables for people (``table``), drawn on a rich console.
        tables: ``(result, stream)``: the text for people, where it is more than one drawing.
        document: ``result → dict``: the JSON document (``json``); one given as an iterator
            (several assessments) is written as an array, each item as it is made, and one
            given as text (a JSON Schema) as it is.
        lines: ``result → iterable of dicts``: one compact JSON document per line (``jsonl``).
        rows: ``result → Rows``: CSV and Markdown; JSON, JSON Lines and the table too where
            there is no document, lines or tables.
        page: ``(result, fmt) → str``: a whole page (``html``, ``markdown``).
        printed: ``(result, path)``: the page printed to a file (``pdf``).
        text: ``(result, fmt) → str``: a file of its own kind (``yaml``: a breach file).
    """

    draw: str | None = None
    tables: str | None = None
    document: str | None = None
    lines: str | None = None
    rows: str | None = None
    page: str | None = None
    printed: str | None = None
    text: str | None = None


R = "breachcalc.render."
OFFERS: dict[str, Offer] = {
    "Assessments": Offer(
        tables=R + "tables:assessments_tables",
        document=R + "json:assessments_document",
        lines=R + "json:assessments_lines",
        rows=R + "rows:assessment_rows",
    ),
    "Explanation": Offer(
        draw=R + "explain:draw_explanation",
        document=R + "explain:explanation_document",
        lines=R + "json:one_line",
    ),
    "Simulation": Offer(
        draw=R + "simulation:simulation_tables",
        document=R + "simulation:simulation_document",
        lines=R + "json:one_line",
        rows=R + "rows:simulation_rows",
    ),
    "Comparison": Offer(
        document=R + "json:comparison_document",
        lines=R + "json:comparison_lines",
        rows=R + "rows:comparison_rows",
    ),
    "Sweep": Offer(rows=R + "rows:sweep_rows"),
    "Sensitivity": Offer(tables=R + "tables:tornado", rows=R + "rows:sensitivity_rows"),
    "PortfolioResult": Offer(
        draw=R + "portfolio:portfolio_tables", document=R + "portfolio:portfolio_document"
    ),
    "HistoryListing": Offer(
        tables=R + "history:listing_tables",
        document=R + "history:listing_document",
        lines=R + "history:listing_lines",
        rows=R + "history:listing_rows",
    ),
    "Backtest": Offer(draw=R + "history:backtest_tables", document=R + "history:backtest_document"),
    "VectorScore": Offer(
        draw=R + "explain:draw_vector",
        document=R + "explain:vector_document",
        lines=R + "json:one_line",
    ),
    "Catalogue": Offer(
        draw=R + "catalogue:draw_catalogue",
        document=R + "catalogue:catalogue_document",
        lines=R + "catalogue:catalogue_lines",
        rows=R + "catalogue:catalogue_rows",
    ),
    "LawOfTheDay": Offer(
        draw=R + "law:law_tables", document=R + "law:law_document", lines=R + "json:one_line"
    ),
    "Briefing": Offer(page=R + "report:page", printed=R + "report:print_briefing"),
    "JsonSchema": Offer(document=R + "schemas:schema_document"),
    "BreachFile": Offer(text=R + "template:write_breach_file"),
}
"""Result type (by class name) → what it offers."""

ORDER = ("table", "json", "jsonl", "csv", "html", "markdown", "pdf", "yaml")
FILES = {"pdf"}
"""Formats written to a file (``-o``), never to a stream: :func:`write_file`."""


def formats_of(kind: str) -> tuple[str, ...]:
    """The formats a result type can be written in, in :data:`ORDER`."""
    offer = OFFERS[kind]

    def has(fmt: str) -> bool:
        if fmt in FILES:
            return offer.printed is not None
        return any(getattr(offer, name) is not None for name, _way in WRITERS[fmt])

    return tuple(fmt for fmt in ORDER if has(fmt))


def document_of(result: Any) -> Any:
    """``result``'s JSON document: an assessment's, or that of any result type that offers one.

    Raises:
        TypeError: a value with no JSON document.
    """
    kind = type(result).__name__
    if kind == "Assessment":
        from breachcalc.render.json import assessment_document

        return assessment_document(result)
    offer = OFFERS.get(kind)
    if offer is None or offer.document is None:
        raise TypeError(f"no JSON document for {kind}; give an assessment or another result")
    return load(offer.document)(result)


def check(kind: str, fmt: str, command: str) -> str:
    """``fmt`` (any case) if ``kind`` can be written in it; else a usage error naming the
    formats ``command`` writes (exit 2)."""
    known = formats_of(kind)
    chosen = fmt.strip().lower()
    if chosen not in known:
        raise UsageError(f"`{command}` writes {', '.join(known)}; not {fmt}")
    return chosen


def load(path: str) -> Callable[..., Any]:
    module, name = path.split(":")
    found: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return found


def color() -> bool | None:
    """False when NO_COLOR is set (non-empty); None lets rich decide from the stream."""
    return False if os.environ.get("NO_COLOR") else None


def write(result: Any, fmt: str, out: TextIO) -> None:
    """Write ``result`` to ``out`` in ``fmt``: the one writer of each format."""
    offer = OFFERS[type(result).__name__]
    if fmt not in formats_of(type(result).__name__) or fmt in FILES:
        raise UsageError(f"{type(result).__name__} cannot be written as {fmt} to a stream")
    name, way = next((n, w) for n, w in WRITERS[fmt] if getattr(offer, n) is not None)
    way(load(getattr(offer, name)), result, out)


def write_file(
    result: Any, fmt: str, target: Path, inputs: Iterable[str | Path | None] = ()
) -> None:
    """Write ``result`` in a format of :data:`FILES` (a printed PDF) to ``target``, atomically,
    never over one of ``inputs``."""
    from breachcalc.render.files import refuse_inputs

    offer = OFFERS[type(result).__name__]
    if fmt not in formats_of(type(result).__name__) or fmt not in FILES:
        raise UsageError(f"{type(result).__name__} cannot be written as {fmt} to a file")
    refuse_inputs(target, inputs)
    load(offer.printed or "")(result, target)


def plot(result: Any, target: Path, inputs: Iterable[str | Path | None] = ()) -> None:
    """Draw ``result``'s chart (a simulation's loss-exceedance curve and histogram, or the
    back-test's intervals) into ``target`` (.png or .svg), never over one of ``inputs``."""
    from breachcalc.errors import OutputError
    from breachcalc.render.charts import write_backtest_plot, write_plot
    from breachcalc.render.files import refuse_inputs

    refuse_inputs(target, inputs)
    try:
        if type(result).__name__ == "Backtest":
            write_backtest_plot(result, target)
        else:
            write_plot(result, target, result.name)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None


Way = Callable[[Callable[..., Any], Any, TextIO], None]
"""How a format writes a result with one of its offers: ``(offered function, result, out)``."""


def _drawn(draw: Callable[..., Any], result: Any, out: TextIO) -> None:
    from functools import partial

    from breachcalc.render.tables import write_tables

    write_tables(out, partial(draw, result), color=color())


def _streamed(tables: Callable[..., Any], result: Any, out: TextIO) -> None:
    tables(result, out)


def _document(made: Callable[..., Any], result: Any, out: TextIO) -> None:
    from breachcalc.render.json import dumps

    document = made(result)
    if isinstance(document, Iterator):
        _array(document, out)
        return
    out.write((document if isinstance(document, str) else dumps(document)) + "\n")


def _array(items: Iterator[Any], out: TextIO) -> None:
    """``[item, ...]`` as ``dumps`` writes a list, each item written as it comes; nothing at
    all when there is no item (every input refused, each reported: the command fails)."""
    from breachcalc.render.json import dumps

    written = False
    for item in items:
        text = dumps(item).replace("\n", "\n  ")
        out.write(("[\n  " if not written else ",\n  ") + text)
        written = True
    if written:
        out.write("\n]\n")


def _lines(made: Callable[..., Any], result: Any, out: TextIO) -> None:
    from breachcalc.render.json import dumps

    for line in made(result):
        out.write(dumps(line, indent=None) + "\n")


def _rows(writer: str) -> Way:
    """Rows written by ``render/rows.py``'s ``writer`` (``write_csv``, ``write_json``, ...)."""

    def way(rows: Callable[..., Any], result: Any, out: TextIO) -> None:
        load(R + "rows:" + writer)(out, rows(result))

    return way


def _page(fmt: str) -> Way:
    """A whole page of ``fmt``."""

    def way(page: Callable[..., Any], result: Any, out: TextIO) -> None:
        out.write(page(result, fmt))

    return way


WRITERS: dict[str, tuple[tuple[str, Way], ...]] = {
    "table": (("draw", _drawn), ("tables", _streamed), ("rows", _rows("write_table"))),
    "json": (("document", _document), ("rows", _rows("write_json"))),
    "jsonl": (("lines", _lines), ("rows", _rows("write_jsonl"))),
    "csv": (("rows", _rows("write_csv")),),
    "html": (("page", _page("html")),),
    "markdown": (("page", _page("markdown")), ("rows", _rows("write_markdown"))),
    "yaml": (("text", _page("yaml")),),
}
"""Format → its one writer: the offers it can write from, in order of preference (the first
the result has is used), each with how. A result can be written in a format when it has one
of them (:func:`formats_of`)."""
