"""Reference data: the TOML files under ``data/`` and the typed loaders for them
(:mod:`breachcalc.reference.tables`). No raw TOML is read anywhere else."""
