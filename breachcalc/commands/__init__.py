"""One module per command. Each exports the command function and its ``EPILOG`` (examples);
:mod:`breachcalc.cli` registers them. Command functions only parse arguments, call the library
and render; heavy imports stay inside the function bodies so start-up stays fast."""
