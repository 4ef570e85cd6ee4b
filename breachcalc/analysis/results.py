"""The results of the commands that gather several figures into one answer.

Each is what one :mod:`breachcalc.api` call returns and one ``render.write`` writes:

* :class:`Assessments`: the assessments of many files and their variants, labelled, made one
  file at a time as they are read (a file that is refused is reported and skipped);
* :class:`Sweep`: a grid of inputs, one row per combination, made as they are read;
* :class:`Sensitivity`: each input's swing of the whole exposure;
* :class:`Briefing`: what the board report is drawn from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from breachcalc.contract import record
from breachcalc.errors import InputError

if TYPE_CHECKING:
    from breachcalc.analysis.sensitivity import Swing
    from breachcalc.domain.assessment import Assessment
    from breachcalc.domain.money import Money
    from breachcalc.domain.simulation import Simulation


@record
class Labelled:
    """One scenario's assessment: its label (``file``, ``file#variant``), and whether the label
    is shown (a file with variants, or a chosen variant)."""

    label: str
    named: bool
    result: Assessment


@dataclass
class Assessments:
    """Assessments of one or more files, in order; made as they are iterated (several files are
    streamed, so memory does not grow with them), or all at once for a single file.

    Attributes:
        batches: per file, a function that returns its labelled assessments (raising
            :class:`~breachcalc.errors.InputError` for a file that is refused).
        on_error: told of each refused file (the command line prints it); the file is skipped.
        failed: whether any file was refused (set while iterating).
        single: one file holding one scenario (its JSON is that one document).
    """

    batches: Sequence[Callable[[], list[Labelled]]]
    on_error: Callable[[InputError], None] | None = None
    failed: bool = False
    single: bool = False
    _first: list[Labelled] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if len(self.batches) == 1:  # assessed before anything is written
            self._first = self._batch(self.batches[0])
            self.single = len(self._first) == 1

    def _batch(self, make: Callable[[], list[Labelled]]) -> list[Labelled]:
        try:
            return make()
        except InputError as error:
            if self.on_error is None:
                raise
            self.on_error(error)
            self.failed = True
            return []

    def __iter__(self) -> Iterator[Labelled]:
        if self._first is not None:
            yield from self._first
            return
        for make in self.batches:
            yield from self._batch(make)


@record
class Sweep:
    """A sweep: the varied inputs' names, then each combination's values and assessment, made
    as they are read."""

    inputs: tuple[str, ...]
    assessments: Iterable[tuple[tuple[Any, ...], Assessment]]


@record
class Sensitivity:
    """Every input's swing of the whole exposure, largest first, around ``total`` (the whole
    exposure at the file's values)."""

    swings: tuple[Swing, ...]
    total: Money


@record
class Briefing:
    """What the board report shows: the assessment, its simulation, the date to print, and the
    paper it is laid out for (``a4`` or ``letter``)."""

    result: Assessment
    simulation: Simulation
    date: str = ""
    paper: str = "a4"
