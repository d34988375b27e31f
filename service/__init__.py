"""Sanctions screening: UN Security Council measures as rules, the Consolidated List, goods."""

__version__ = "0.1.0"
