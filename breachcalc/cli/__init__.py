"""The command line: a thin adapter over the library.

:mod:`breachcalc.cli.app` holds the app and its ``main``; one module per command beside it,
each its options, one :mod:`breachcalc.api` call and one ``render`` write.
"""
