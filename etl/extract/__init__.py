"""Extraction: pure, typed steps from a report's bytes to an `Extraction` (no database, no I/O but reading).

read → normalise, fold script → structure (sections, sentences) → figures (+ tables) → metadata
→ matching (figure → catalogue indicator) → checks; `pipeline` chains them.
"""
