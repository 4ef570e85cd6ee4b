"""Input: the safe YAML reader, cross-field checks, the loader (YAML to validated models, with
file, line and field in every error), overrides and variants, and sweep grids."""
