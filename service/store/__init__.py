"""Persistence: SQLAlchemy models, migrations, and one repository per aggregate.

``open_store(settings)`` gives a :class:`Store`: the database and its repositories
(``store.keys``, ``store.lists``, …). The database is the source of truth; every process opens
its own store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from service.store.audit import AuditRecord, AuditRepository
from service.store.cases import (
    ActionRecord,
    CaseFilter,
    CaseRecord,
    CaseRepository,
    DecisionRecord,
    SnapshotRepository,
)
from service.store.database import Database, StoreError
from service.store.jobs import DeliveryRecord, JobRecord, JobRepository, WorkItem
from service.store.keys import KeyInfo, KeyRepository, hash_key
from service.store.lists import ListInfo, ListRepository
from service.store.officers import OfficerRecord, OfficerRepository, SessionRecord
from service.store.rescreens import (
    RescreenRecord,
    RescreenRepository,
    ScreeningRecord,
    ScreeningRepository,
)

if TYPE_CHECKING:
    from service.settings import Settings

__all__ = [
    "ActionRecord",
    "AuditRecord",
    "CaseFilter",
    "CaseRecord",
    "Database",
    "DecisionRecord",
    "DeliveryRecord",
    "JobRecord",
    "KeyInfo",
    "ListInfo",
    "OfficerRecord",
    "RescreenRecord",
    "ScreeningRecord",
    "SessionRecord",
    "Store",
    "StoreError",
    "WorkItem",
    "hash_key",
    "open_store",
]


class Store:
    """A database and the repositories over it."""

    def __init__(self, url: str, *, schema: str | None = None) -> None:
        self.db = Database(url, schema=schema)
        self.keys = KeyRepository(self.db)
        self.lists = ListRepository(self.db)
        self.cases = CaseRepository(self.db)
        self.audit = AuditRepository(self.db)
        self.officers = OfficerRepository(self.db)
        self.snapshots = SnapshotRepository(self.db)
        self.jobs = JobRepository(self.db)
        self.screenings = ScreeningRepository(self.db)
        self.rescreens = RescreenRepository(self.db)

    def upgrade(self) -> None:
        """Create or migrate the tables to the newest schema (idempotent)."""
        self.db.upgrade()

    def ping(self) -> None:
        self.db.ping()

    def dispose(self) -> None:
        self.db.dispose()


def open_store(settings: Settings, *, upgrade: bool = True) -> Store:
    """The store the settings name, migrated to the newest schema (SANCTIONS_HOME created for
    SQLite); ``upgrade=False`` opens it as it is."""
    if settings.database_url.startswith("sqlite:///"):
        settings.home.mkdir(parents=True, exist_ok=True)
    store = Store(settings.database_url)
    if upgrade:
        store.upgrade()
    return store
