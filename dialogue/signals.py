"""Keeps each partnership's working group in step (filled in below)."""
