"""Audit trail of every write: who, when, what changed (before → after). See audit/recorder.py."""
