"""breachcalc: the impact of a personal-data breach, from a small YAML file.

The package is a library first. :mod:`breachcalc.api` is the front door for code:
``load_breach`` reads and validates a description, ``assess`` computes every figure.
The command line (:mod:`breachcalc.cli`) is a thin adapter over the same functions.
"""

__version__ = "0.1.0"
