"""``python -m breachcalc`` runs the same command line as the console script."""

import sys

try:
    from breachcalc.cli.app import main
except KeyboardInterrupt:  # Ctrl-C at the very start
    sys.stderr.write("interrupted\n")
    raise SystemExit(130) from None
except RuntimeError as error:  # Ctrl-C inside an import's own machinery arrives wrapped
    if not isinstance(error.__cause__ or error.__context__, KeyboardInterrupt):
        raise
    sys.stderr.write("interrupted\n")
    raise SystemExit(130) from None
except ImportError as error:  # a checkout run without its dependencies installed
    sys.stderr.write(
        f"breachcalc cannot start: {error}.\n"
        "Install it first, e.g. `pip install .` in the project folder (see README.md).\n"
    )
    raise SystemExit(70) from None

main()
