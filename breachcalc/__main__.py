"""``python -m breachcalc`` runs the same command line as the console script."""

from breachcalc.cli import main

main()
