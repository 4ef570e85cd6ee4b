"""Rendering: the one place results become text (JSON, tables). Nothing here computes a figure."""
