"""Writes of the cases app. Every function is keyword-only, atomic, and records what it did on the timeline."""
