"""Named limits on what breachcalc will read. Every refusal message names the limit it hit.

A breach description is a few dozen lines; these bounds are orders of magnitude above any real
file and far below what could exhaust memory or time. They are constants, not options: a file
that needs more is almost certainly not a breach description.
"""

MAX_INPUT_BYTES = 1_048_576
"""Largest input file or stdin stream, in bytes (1 MiB)."""

MAX_DEPTH = 32
"""Deepest nesting of mappings and lists."""

MAX_NODES = 20_000
"""Most YAML values in one document, counting every use of an alias (stops alias bombs)."""

MAX_STRING_CHARS = 10_000
"""Longest text value, in characters."""

MAX_LIST_ITEMS = 1_000
"""Longest list (data categories, voucher parts, rates)."""

MAX_NUMBER_CHARS = 40
"""Longest written number, in characters (digits, sign, point, exponent)."""

MAX_EXPONENT = 18
"""Largest power of ten a number may carry (1e18); smallest is its negative."""

MAX_AFFECTED = 100_000_000_000
"""Most people or accounts in one breach (100 billion, over ten times the world's population)."""

MAX_AMOUNT = 10**18
"""Largest money amount or rate figure accepted in an input."""

MAX_TRIALS = 10_000_000
"""Most Monte Carlo trials in one run (about 80 MB per simulated line at this size)."""

MAX_GRID_ROWS = 1_000_000
"""Most rows in one ``sweep`` (every combination of the --vary values)."""
