"""Deterministic generator of sample organizations for cxaudit (see generate_sample.py)."""
