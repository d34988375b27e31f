"""``/v1/screening-jobs``: submit a batch (JSON array, JSON Lines or CSV), follow it, stream its
results in input order, cancel it, see its webhook deliveries.

A key sees only the jobs it submitted, unless it is an admin. The body is read as a stream
(up to SANCTIONS_JOB_MAX_BODY) and stored in batches; the broker being down answers 503 with
Retry-After, while ``POST /v1/screenings`` goes on working.
"""

from __future__ import annotations

from typing import Any

from flask import Response, g, request, stream_with_context, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import RAISE

from service.api.auth import RANK, requires
from service.api.examples import SEED_TRANSACTION
from service.api.job_schemas import (
    DeliveryListSchema,
    JobListQuerySchema,
    JobListSchema,
    JobSchema,
    JobSubmitQuerySchema,
    ResultsQuerySchema,
)
from service.api.problems import UnsupportedMediaType
from service.api.state import state
from service.jobs import Jobs, Owner, format_of, view
from service.jobs.results import csv_rows, jsonl
from service.jobs.webhooks import secret_for
from service.store import JobRecord

blp = Blueprint("jobs", __name__, url_prefix="/v1/screening-jobs",
                description="Screening jobs: batches screened in the background")  # fmt: skip

CSV_EXAMPLE = ("reference,date,seller_name,seller_country,buyer_name,buyer_country,"
               "goods_description,hs_code,quantity,unit\n"
               "PO-1,2022-09-22,Korea Mining Development Trading Corporation,KP,"
               "Ministry of Defence,RU,152 mm artillery shells,930690,1000000,pieces\n")  # fmt: skip
BODY_DOC = {
    "required": True,
    "description": "The items: a JSON array of transactions, JSON Lines (one per line), or CSV "
    "with a header row (the layout is in the README, section Jobs). At most "
    "SANCTIONS_JOB_MAX_ITEMS items; a bad item gets an error result, the others go on.",
    "content": {
        "application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Transaction"}},
                             "example": [SEED_TRANSACTION]},
        "application/x-ndjson": {"schema": {"type": "string"}},
        "text/csv": {"schema": {"type": "string"}, "example": CSV_EXAMPLE},
    },
}  # fmt: skip
UNAVAILABLE = {
    "description": "The job queue (broker) is down: retry after the Retry-After seconds",
    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
    "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
}


def jobs() -> Jobs:
    found = state().jobs
    assert found is not None, "create_app sets the jobs use case"
    return found


def owner() -> Owner:
    key = g.api_key
    return Owner(key.id, f"key:{key.name}#{key.id}", admin=RANK[key.role] >= RANK["admin"])


def _out(job: JobRecord) -> dict[str, Any]:
    body = view(job)
    url = url_for("jobs.Job", job_id=job.id)
    body["status_url"] = url
    body["links"] = {"self": url, "results": url_for("jobs.Results", job_id=job.id),
                     "deliveries": url_for("jobs.Deliveries", job_id=job.id)}  # fmt: skip
    return body


@blp.route("")
class JobsView(MethodView):
    @requires("screener")
    @blp.arguments(JobSubmitQuerySchema, location="query", error_status_code=400, unknown=RAISE)
    @blp.doc(requestBody=BODY_DOC, responses={"503": UNAVAILABLE})
    @blp.response(202, JobSchema)
    def post(self, query: dict[str, Any]) -> Any:
        """Submit a batch; it is stored, cut into chunks and screened by the workers."""
        fmt = format_of(request.content_type)
        if fmt is None:
            raise UnsupportedMediaType(
                "send application/json (an array), application/x-ndjson or text/csv"
            )
        request.max_content_length = jobs().settings.job_max_body
        secret = request.headers.get("Authorization", "").partition(" ")[2].strip()
        job = jobs().submit(request.stream.read, fmt, owner(),
                            callback_url=query.get("callback_url"),
                            webhook_secret=secret_for(secret))  # fmt: skip
        return _out(job), 202, {"Location": url_for("jobs.Job", job_id=job.id)}

    @requires("screener")
    @blp.arguments(JobListQuerySchema, location="query", error_status_code=400, unknown=RAISE)
    @blp.response(200, JobListSchema)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """This key's jobs, newest first (an admin key sees every key's)."""
        return {"items": [_out(j) for j in jobs().list(owner(), query["limit"])]}


@blp.route("/<job_id>")
class Job(MethodView):
    @requires("screener")
    @blp.response(200, JobSchema)
    def get(self, job_id: str) -> dict[str, Any]:
        """Status, counts, rate and estimated finish (re-enqueues lost chunks when due)."""
        jobs().maybe_reconcile()
        return _out(jobs().get(job_id, owner()))

    @requires("screener")
    @blp.response(200, JobSchema)
    def delete(self, job_id: str) -> dict[str, Any]:
        """Cancel the job: chunks not yet started are skipped; results so far are kept."""
        return _out(jobs().cancel(job_id, owner()))


@blp.route("/<job_id>/results")
class Results(MethodView):
    @requires("screener")
    @blp.arguments(ResultsQuerySchema, location="query", error_status_code=400, unknown=RAISE)
    @blp.doc(responses={"200": {"description": "One line per item, in input order, up to the "
                                "first item without a result yet",
                                "content": {"application/x-ndjson": {}, "text/csv": {}}}})  # fmt: skip
    def get(self, query: dict[str, Any], job_id: str) -> Response:
        """Results as JSON Lines (or ``?format=csv``), streamed; resume with ``?from=N``."""
        job = jobs().get(job_id, owner())
        lines = jobs().results(job.id, query["start"])
        if query["format"] == "csv":
            body, mime = csv_rows(lines), "text/csv"
        else:
            body, mime = jsonl(lines), "application/x-ndjson"
        return Response(stream_with_context(body), mimetype=mime)


@blp.route("/<job_id>/deliveries")
class Deliveries(MethodView):
    @requires("screener")
    @blp.response(200, DeliveryListSchema)
    def get(self, job_id: str) -> dict[str, Any]:
        """Every attempt to deliver the job's completion webhook."""
        job = jobs().get(job_id, owner())
        return {"items": jobs().store.jobs.deliveries(job.id)}
