"""``explain`` and ``severity`` output: a rich Tree for people, a JSON document for programs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from breachcalc.analysis.explain import Step
from breachcalc.domain.severity import (
    VectorScore,
    band_count,
    number_text,
    scale_name,
    se_text,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.tree import Tree


def _text(step: Step) -> str:
    text = step.label
    if step.value:
        text += f": {step.value}"
    if step.why:
        text += f" — {step.why}"
    if step.source:
        text += f" [source: {step.source}]"
    return text


def _grow(tree: Tree, step: Step) -> None:
    for child in step.children:
        _grow(tree.add(_text(child)), child)


def draw_explanation(root: Step, out: Console) -> None:
    """The explanation as a tree, one node per step."""
    from rich.tree import Tree

    tree = Tree(_text(root))
    _grow(tree, root)
    out.print(tree)


def explanation_document(root: Step, vector: str) -> dict[str, Any]:
    """The JSON document of ``explain``."""
    from breachcalc.analysis.explain import Explanation
    from breachcalc.render.contract import enveloped
    from breachcalc.render.schemas import EXPLAIN_VERSION

    return enveloped(EXPLAIN_VERSION, Explanation(root, vector))


def vector_document(score: VectorScore) -> dict[str, Any]:
    """The JSON document of ``severity VECTOR``."""
    from breachcalc.render.contract import enveloped
    from breachcalc.render.schemas import SEVERITY_VERSION

    return enveloped(SEVERITY_VERSION, score, with_version=False)


def draw_vector(score: VectorScore, out: Console) -> None:
    """SE, level, tier and the factors of one vector, as a small table."""
    from rich import box
    from rich.table import Table

    f = score.factors
    table = Table(
        title=score.vector,
        box=box.SIMPLE_HEAD,
        show_header=False,
        title_justify="left",
        pad_edge=False,
    )
    table.add_column("figure", style="bold")
    table.add_column("value", overflow="fold")
    table.add_row(
        "SE",
        f"{se_text(score.se)} = DPC {f.dpc} × EI {number_text(f.ei)} + CB {se_text(f.cb)} "
        f"(C {number_text(f.c)} + I {number_text(f.i)} + A {number_text(f.a)} + "
        f"M {number_text(f.m)})",
    )
    table.add_row("ENISA level", score.level)
    band = f.scale_band
    if score.tier is not None and band is not None:
        table.add_row(
            "Tier", f"{score.tier} (scale band {band} of {band_count()}: {scale_name(band)})"
        )
    else:
        table.add_row("Tier", "not scored: add /S:1 to /S:5 (scale band) for the overall tier")
    out.print(table)
