"""Jobs, the use case: batches of items screened in the background, chunk by chunk.

No Celery here: the worker (``service.worker``) and the edges hand in a :class:`Queue`. The
database is the source of truth; a message names a job and a chunk, nothing more.
"""

from service.jobs.errors import JobError
from service.jobs.health import heartbeat_period, job_metrics, workers_alive
from service.jobs.progress import rate, view
from service.jobs.queue import Queue, QueueDown
from service.jobs.reader import FORMATS, JobInputError, format_of, read_items
from service.jobs.run import Processor, run_chunk, screening
from service.jobs.service import Jobs, Owner

__all__ = [
    "FORMATS",
    "JobError",
    "JobInputError",
    "Jobs",
    "Owner",
    "Processor",
    "Queue",
    "QueueDown",
    "format_of",
    "heartbeat_period",
    "job_metrics",
    "rate",
    "read_items",
    "run_chunk",
    "screening",
    "view",
    "workers_alive",
]
