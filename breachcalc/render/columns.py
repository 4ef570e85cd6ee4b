"""The column names of the row-shaped JSON documents (sensitivity, sweep), written once for the
commands and their schemas; a module with no imports, so the command line can use it cheaply."""

SENSITIVITY_COLUMNS = (
    "input",
    "value",
    "low",
    "high",
    "total_low",
    "total_high",
    "swing",
    "currency",
    "skipped",
)
SWEEP_OUTPUTS = (
    "per_person",
    "total",
    "currency",
    "total_reporting",
    "reporting_currency",
    "exposure",
    "exposure_reporting",
    "tier",
)
"""``sensitivity`` columns, then ``sweep``'s key outputs (after the varied inputs)."""
