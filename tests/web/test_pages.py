"""Sign-in, CSRF, lock-out, sessions, the case pages and HTML error pages."""

from __future__ import annotations

from pathlib import Path

from service.cases import Actor


def test_pages_need_a_session(app):
    client = app.test_client()
    r = client.get("/ui/cases")
    assert r.status_code == 303 and r.headers["Location"] == "/ui/login?next=/ui/cases"
    assert client.get("/ui/").headers["Location"] == "/ui/login"


def test_sign_in_sets_a_server_side_session(app, sign_in):
    client = app.test_client()
    r = sign_in(client, "alice")
    assert r.status_code == 303 and r.headers["Location"] == "/ui/cases"
    cookie = client.get_cookie("sanctions_session", path="/ui")
    assert cookie.http_only and cookie.same_site == "Strict"
    page = client.get("/ui/cases")
    assert page.status_code == 200 and "Alice Officer" in page.get_data(as_text=True)
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    # the cookie holds a secret; the database only its sha256
    database = Path(app.extensions["cases"].store.db.url.removeprefix("sqlite:///"))
    assert cookie.value.encode() not in database.read_bytes()


def test_forms_without_the_csrf_token_are_refused(app, sign_in, token):
    client = app.test_client()
    page = client.get("/ui/login")
    r = client.post("/ui/login", data={"csrf_token": "forged", "username": "alice",
                                       "password": "correct horse battery staple"})  # fmt: skip
    assert r.status_code == 400 and r.mimetype == "text/html"
    assert "did not come from this site" in r.get_data(as_text=True)
    assert page.status_code == 200
    sign_in(client, "alice")
    r = client.post("/ui/logout", data={"csrf_token": "forged"})
    assert r.status_code == 400
    assert client.get("/ui/cases").status_code == 200  # still signed in


def test_wrong_passwords_lock_the_account(app, sign_in):
    client = app.test_client()
    first = sign_in(client, "alice", "wrong password!!")
    assert first.status_code == 401 and "username or the password is wrong" in first.get_data(
        as_text=True
    )
    assert (
        sign_in(client, "nobody", "wrong password!!").get_data(as_text=True).count("is wrong") == 1
    )
    sign_in(client, "alice", "wrong password!!")
    third = sign_in(client, "alice", "wrong password!!")
    assert "now locked" in third.get_data(as_text=True)
    locked = sign_in(client, "alice")  # the right password, too late
    assert locked.status_code == 401 and "locked" in locked.get_data(as_text=True)
    assert sign_in(app.test_client(), "bob").status_code == 303  # others are not affected


def test_sign_out_ends_the_session(app, sign_in, token):
    client = app.test_client()
    sign_in(client, "alice")
    page = client.get("/ui/cases").get_data(as_text=True)
    r = client.post("/ui/logout", data={"csrf_token": token(page)})
    assert r.status_code == 303 and r.headers["Location"] == "/ui/login"
    assert client.get("/ui/cases").status_code == 303


def test_errors_are_pages_under_ui_and_problems_elsewhere(app, sign_in):
    client = app.test_client()
    sign_in(client, "alice")
    r = client.get("/ui/cases/12345")
    assert (
        r.status_code == 404
        and r.mimetype == "text/html"
        and "no case 12345" in r.get_data(as_text=True)
    )
    assert client.get("/ui/nothing-here").mimetype == "text/html"
    assert client.get("/v1/nothing-here").mimetype == "application/problem+json"


def test_submit_shows_the_parser_errors(app, sign_in, token):
    client = app.test_client()
    sign_in(client, "alice")
    form = client.get("/ui/cases/new").get_data(as_text=True)
    r = client.post("/ui/cases/new", data={"csrf_token": token(form), "goods-0-description": "rice",
                                           "goods-0-hs_code": "12x", "route-origin": "Atlantis"})  # fmt: skip
    html = r.get_data(as_text=True)
    assert r.status_code == 400 and "goods[0].hs_code" in html and "route.origin" in html
    assert 'value="rice"' in html  # what was typed is kept
    more = client.post("/ui/cases/new", data={"csrf_token": token(form), "more": "1",
                                              "party_rows": "3", "goods_rows": "3"})  # fmt: skip
    assert 'id="party-5-name"' in more.get_data(as_text=True)


def test_the_case_page_refuses_a_lone_clearance_with_reasons(app, sign_in, token, seed):
    client = app.test_client()
    sign_in(client, "alice")
    case = app.extensions["cases"].create(seed, Actor("officer:alice", "approver"))
    page = client.get(f"/ui/cases/{case['id']}").get_data(as_text=True)
    assert "prohibited" in page and "S/RES/1718 (2006)" in page
    r = client.post(f"/ui/cases/{case['id']}/actions",
                    data={"csrf_token": token(page), "action": "clear", "reason_code": "authorized",
                          "reason": "ok"})  # fmt: skip
    html = r.get_data(as_text=True)
    assert r.status_code == 400 and "Not recorded" in html and "reference" in html
