"""Re-screening, the use case: after a new list version or rule set, screen again what was
screened in the last SANCTIONS_RESCREEN_DAYS and every open case, and report what changed.

Above the jobs and cases use cases (it runs as a job of kind ``rescreen`` and re-screens cases
through :class:`~service.cases.Casework`); the edges call it.
"""

from service.rescreen.delta import ListDelta, Selector, list_delta
from service.rescreen.process import rescreening
from service.rescreen.record import keep, keep_job_results
from service.rescreen.service import KIND, Plan, RescreenNotFound, Rescreens, Unqueued
from service.rescreen.summary import compare, summary

__all__ = [
    "KIND",
    "ListDelta",
    "Plan",
    "RescreenNotFound",
    "Rescreens",
    "Selector",
    "Unqueued",
    "compare",
    "keep",
    "keep_job_results",
    "list_delta",
    "rescreening",
    "summary",
]
