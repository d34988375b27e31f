"""The pages: sign-in and sign-out, the queue, submit a case, the case, its audit trail, its report.

Each view reads the form, makes one call into ``service.cases`` and renders one template; a
refused action re-renders its page with the reasons, with the status the API would give.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, current_app, g, redirect, render_template, request
from jinja2 import ChoiceLoader, FileSystemLoader
from werkzeug.exceptions import BadRequest

from service.cases import (
    ACTIONS,
    OFFICER_ROLES,
    REASONS,
    STATUSES,
    CaseError,
    Casework,
    NotAllowed,
    render_report,
)
from service.cases.report import LOADER as CASE_TEMPLATES
from service.screening.transaction import TransactionError
from service.store import CaseFilter
from service.vocabulary import (
    OUTCOMES,
    PARTY_CATEGORIES,
    PARTY_TYPES,
    PURPOSES,
    ROLES,
    TRANSACTION_TYPES,
)
from service.web import forms, session
from service.web.errors import CASE_STATUS

PAGE_SIZE = 50
FOUR_EYES_REASONS = {"approve": "four_eyes_agreed", "reject": "four_eyes_refused"}
OFFICER_ACTIONS = tuple(a for a in ACTIONS if a not in FOUR_EYES_REASONS)
# Pages may load styles and scripts from /ui/static only; nothing may frame them.
CSP = ("default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")  # fmt: skip


class PagesBlueprint(Blueprint):
    """A blueprint whose templates also include the case templates of ``service.cases``."""

    @property
    def jinja_loader(self) -> ChoiceLoader | None:  # type: ignore[override]
        assert self.template_folder is not None
        return ChoiceLoader([FileSystemLoader(f"{self.root_path}/{self.template_folder}"),
                             CASE_TEMPLATES])  # fmt: skip


blp = PagesBlueprint("web", __name__, template_folder="templates", static_folder="static")
blp.before_request(session.load)


@blp.after_request
def _headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.endpoint != "web.static":
        response.headers["Cache-Control"] = "no-store"
    return response


@blp.context_processor
def _context() -> dict[str, Any]:
    return {"officer": g.get("officer"), "csrf_token": g.get("csrf"), "statuses": STATUSES,
            "outcomes": OUTCOMES}  # fmt: skip


def casework() -> Casework:
    found: Casework = current_app.extensions["cases"]
    return found


def page(template: str, status: int = 200, **values: Any) -> Response:
    return Response(render_template(f"web/{template}", **values), status=status,
                    mimetype="text/html")  # fmt: skip


# --- sign-in ---------------------------------------------------------------------------------


@blp.get("/")
def home() -> Response:
    return redirect("/ui/cases" if g.officer else "/ui/login", 303)  # type: ignore[return-value]


@blp.get("/login")
def login_form() -> Response:
    return _login_page(200, None, "")


def _login_page(status: int, error: str | None, username: str) -> Response:
    token = session.login_token()
    response = page("login.html", status, error=error, username=username, login_token=token,
                    next=request.values.get("next", ""))  # fmt: skip
    session.set_cookie(response, session.LOGIN_COOKIE, token, max_age=3600)
    return response


@blp.post("/login")
def login() -> Response:
    g.officer = None  # a sign-in form is checked against the login cookie
    session.check_csrf()
    username = request.form.get("username", "")
    try:
        signed = session.officers().sign_in(username, request.form.get("password", ""))
    except NotAllowed as exc:
        return _login_page(401, exc.message, username)
    response = redirect(session.safe_next(request.form.get("next")), 303)
    session.set_cookie(response, session.SESSION_COOKIE, signed.secret)  # type: ignore[arg-type]
    response.delete_cookie(session.LOGIN_COOKIE, path="/ui")
    return response  # type: ignore[return-value]


@blp.post("/logout")
def logout() -> Response:
    session.check_csrf()
    secret = request.cookies.get(session.SESSION_COOKIE, "")
    if secret:
        session.officers().sign_out(secret)
    response = redirect("/ui/login", 303)
    response.delete_cookie(session.SESSION_COOKIE, path="/ui")
    return response  # type: ignore[return-value]


# --- the queue -------------------------------------------------------------------------------


@blp.get("/cases")
@session.signed_in
def queue() -> Response:
    args = request.args
    where = CaseFilter(
        status=_choice(args.get("status"), STATUSES),
        outcome=_choice(args.get("outcome"), OUTCOMES),
        assignee=args.get("assignee", "").strip()[:200] or None,
        regime=args.get("regime", "").strip()[:40] or None,
        date_from=_date(args.get("date_from")),
        date_to=_date(args.get("date_to")),
        text=args.get("q", "").strip()[:100] or None,
    )
    number = max(1, min(_int(args.get("page"), 1), 100_000))
    store = casework().store
    rows, total = store.cases.find(where, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    query = {k: v for k, v in args.items() if k != "page" and v}
    return page("queue.html", cases=rows, total=total, page=number, pages=pages, query=query,
                counts=store.cases.counts(), where=where)  # fmt: skip


def _choice(value: str | None, allowed: tuple[str, ...]) -> str | None:
    return value if value in allowed else None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value: str | None, default: int) -> int:
    return int(value) if value and value.isdigit() else default


# --- submit a case ---------------------------------------------------------------------------


def _submit_page(status: int = 200, errors: dict[str, str] | None = None) -> Response:
    form = request.form if request.method == "POST" else request.args
    more = 3 if form.get("more") else 0
    parties = min(_int(form.get("party_rows"), 3) + more, forms.MAX_PARTY_ROWS)
    goods = min(_int(form.get("goods_rows"), 3) + more, forms.MAX_GOODS_ROWS)
    return page("submit.html", status, form=form, errors=errors or {}, party_rows=parties,
                goods_rows=goods, roles=ROLES, party_types=PARTY_TYPES,
                categories=PARTY_CATEGORIES, types=TRANSACTION_TYPES, purposes=PURPOSES)  # fmt: skip


@blp.get("/cases/new")
@session.signed_in
def submit_form() -> Response:
    return _submit_page()


@blp.post("/cases/new")
@session.signed_in
def submit() -> Response:
    session.check_csrf()
    if request.form.get("more"):  # "add rows" re-shows the form with what was typed
        return _submit_page()
    transaction = forms.transaction(request.form)
    try:
        view = casework().create(transaction, session.current_actor())
    except TransactionError as exc:
        return _submit_page(400, exc.errors)
    return redirect(f"/ui/cases/{view['id']}?done=created", 303)  # type: ignore[return-value]


# --- a case ----------------------------------------------------------------------------------


def _case_page(case_id: int, status: int = 200, error: CaseError | None = None) -> Response:
    work = casework()
    case = work.view(case_id)
    matches = [
        (f"{block['index']}|{m['list']}|{m['reference']}", block["index"], m)
        for block in (case["decision"] or {}).get("parties", [])
        for m in block.get("matches", [])
    ]
    form = request.form if error is not None else {}
    return page("case.html", status, case=case, tx=case["transaction"] or {},
                audit=work.audit(case_id), error=error, form=form, matches=matches,
                actions=OFFICER_ACTIONS, reasons=REASONS, done=request.args.get("done"),
                can_approve=g.officer.role in ("approver", "admin"))  # fmt: skip


@blp.get("/cases/<int:case_id>")
@session.signed_in
def case(case_id: int) -> Response:
    return _case_page(case_id)


@blp.post("/cases/<int:case_id>/actions")
@session.signed_in
def act(case_id: int) -> Response:
    session.check_csrf()
    form = request.form.copy()
    if form.get("action") in FOUR_EYES_REASONS and not form.get("reason_code"):
        form["reason_code"] = FOUR_EYES_REASONS[form["action"]]
    try:
        wanted = forms.action(form)
    except ValueError as exc:
        raise BadRequest(str(exc)) from exc
    try:
        casework().act(case_id, wanted, session.current_actor())
    except CaseError as exc:
        if exc.kind == "not_found":
            raise
        return _case_page(case_id, CASE_STATUS.get(exc.kind, 400), exc)
    return redirect(f"/ui/cases/{case_id}?done={wanted.action}", 303)  # type: ignore[return-value]


@blp.get("/cases/<int:case_id>/audit")
@session.signed_in
def audit(case_id: int) -> Response:
    work = casework()
    return page("audit.html", case=work.view(case_id, full=False), audit=work.audit(case_id))


@blp.get("/cases/<int:case_id>/report")
@session.signed_in
def report(case_id: int) -> Response:
    work = casework()
    response = Response(render_report(work.view(case_id), work.audit(case_id)),
                        mimetype="text/html")  # fmt: skip
    # the printable report carries its own styles, inline
    response.headers["Content-Security-Policy"] = CSP.replace(
        "style-src 'self'", "style-src 'self' 'unsafe-inline'"
    )
    return response


__all__ = ["OFFICER_ROLES", "blp"]
