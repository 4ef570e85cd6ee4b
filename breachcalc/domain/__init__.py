"""The domain: the validated breach, money, ranges, severity, notices, fines, cost lines,
exposure and the assessment. Pure functions over validated models: no I/O, no printing."""
