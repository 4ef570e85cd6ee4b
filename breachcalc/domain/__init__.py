"""The domain: money, severity, notices, fines, cost lines, exposure, insurance and the
assessment. Pure functions over the validated models of :mod:`breachcalc.input`: no I/O, no
printing."""
