"""``GET /v1/rescreens`` and ``GET /v1/rescreens/{id}``: what a list or rule change did to the
decisions kept for re-screening and to the open cases. A key sees the re-screenings it started
(by loading a list), an admin every one."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import RAISE, Schema, fields, validate

from service.api.auth import requires
from service.api.jobs import owner
from service.api.problems import NotFound
from service.api.state import state
from service.rescreen import RescreenNotFound, Rescreens

blp = Blueprint("rescreens", __name__, url_prefix="/v1/rescreens",
                description="Re-screening after a list or rule change")  # fmt: skip


class RescreenQuerySchema(Schema):
    items = fields.Integer(load_default=100, validate=validate.Range(min=0, max=10_000),
                           metadata={"description": "changed items to list (0: none)"})  # fmt: skip


class RescreenListQuerySchema(Schema):
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=1000))


class RescreenSchema(Schema):
    id = fields.String(required=True)
    status = fields.String(required=True, metadata={
        "description": "running, done, done_with_errors, failed or cancelled"})  # fmt: skip
    trigger = fields.String(required=True, metadata={"description": "list, rules or manual"})
    mode = fields.String(required=True, metadata={
        "description": "shortcut: only screenings the list delta can affect were screened again; "
                       "full: all of them (the rules changed, or asked for)"})  # fmt: skip
    created_at = fields.String(required=True, metadata={"format": "date-time"})
    finished_at = fields.String(allow_none=True, metadata={"format": "date-time"})
    job_id = fields.String(allow_none=True, metadata={"description": "the job of kind rescreen"})
    owner = fields.String()
    versions = fields.Dict(required=True, metadata={
        "description": "`before`: the versions the screenings held (`rules list` -> count); "
                       "`after`: the rules and list versions screened with"})  # fmt: skip
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True, metadata={
        "description": "examined (kept screenings and open cases looked at), selected (sent "
                       "through the pipeline), screened, changed, errors, unaffected"})  # fmt: skip
    outcomes = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={
        "description": "changed outcomes, e.g. `clear->prohibited`: 4"})  # fmt: skip
    rules = fields.List(fields.Dict(), metadata={
        "description": "per older rule set the screenings held: `before` (its version) and "
                       "`changed` (ids of the rules added, removed or changed; null when its "
                       "snapshot is not stored and everything under it was screened again)"})  # fmt: skip
    entries = fields.List(fields.Dict(), metadata={
        "description": "list entries added, changed (with the fields) or removed, each with the "
                       "number of decisions whose matches it changed"})  # fmt: skip
    summary = fields.String(required=True, metadata={"example": "312 decisions changed: 4 now "
                            "prohibited, 9 no longer match un KPe.031 after its delisting"})  # fmt: skip
    items = fields.List(fields.Dict(), metadata={
        "description": "changed items: reference, screening or case id, outcome before and "
                       "after, findings and matches that appeared or disappeared, reason"})  # fmt: skip
    links = fields.Dict()


class RescreenListSchema(Schema):
    items = fields.List(fields.Nested(RescreenSchema), required=True)


def rescreens() -> Rescreens:
    found = state().rescreens
    assert found is not None, "create_app sets the re-screening use case"
    return found


def _out(rescreen_id: str, items: int) -> dict[str, Any]:
    try:
        record = rescreens().get(rescreen_id, owner())
    except RescreenNotFound as exc:
        raise NotFound(str(exc)) from None
    body = rescreens().report(record, items)
    links = {"self": url_for("rescreens.Rescreen", rescreen_id=record.id)}
    if record.job_id:
        links["job"] = url_for("jobs.Job", job_id=record.job_id)
    body["links"] = links
    return body


@blp.route("")
class RescreenList(MethodView):
    @requires("screener")
    @blp.arguments(RescreenListQuerySchema, location="query", error_status_code=400, unknown=RAISE)
    @blp.response(200, RescreenListSchema)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """Re-screenings, newest first, without their items (an admin sees every one)."""
        return {"items": [_out(r.id, 0) for r in rescreens().list(owner(), query["limit"])]}


@blp.route("/<rescreen_id>")
class Rescreen(MethodView):
    @requires("screener")
    @blp.arguments(RescreenQuerySchema, location="query", error_status_code=400, unknown=RAISE)
    @blp.response(200, RescreenSchema)
    def get(self, query: dict[str, Any], rescreen_id: str) -> dict[str, Any]:
        """The impact of one re-screening: counts, the entries added, changed and removed and
        the decisions each changed, and the changed items with their reason."""
        return _out(rescreen_id, query["items"])
