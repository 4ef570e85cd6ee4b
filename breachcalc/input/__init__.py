"""Input: what a file may say. The breach and policy models and their field types (with the JSON
Schema they publish), exchange rates and ranges, the one path walker, the safe YAML reader,
overrides and variants, sweep grids; and the loader (YAML to validated models, with file, line
and field in every error) with the cross-field checks, the two modules above the domain."""
