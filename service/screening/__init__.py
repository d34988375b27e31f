"""Screening, the use case: parse a transaction, classify, match parties, evaluate, decide.

Also list versions (read, check, store, current) and building a screener from settings. The
edges (API, CLI, worker, web pages) call this package and never each other.
"""

from service.screening.build import CACHE_SIZE, LiveScreener, build_screener, party_screen
from service.screening.errors import ListRefused, ScreeningError
from service.screening.screener import Decision, PartyResults, Screener
from service.screening.transaction import Transaction, TransactionError, parse_transaction

__all__ = [
    "CACHE_SIZE",
    "Decision",
    "ListRefused",
    "LiveScreener",
    "PartyResults",
    "Screener",
    "ScreeningError",
    "Transaction",
    "TransactionError",
    "build_screener",
    "parse_transaction",
    "party_screen",
]
