"""The Celery worker, an edge: task messages carry a job id and a chunk number, and each task
makes one call into :mod:`service.jobs`. Results go to the database, never a result backend."""

from service.worker.celery import make_celery
from service.worker.queue import CeleryQueue

__all__ = ["CeleryQueue", "make_celery"]
