"""In a real browser (Debian's headless Chromium driven by Playwright), against a real server:
an officer submits the September 2022 artillery-shells case, reads it prohibited with its
citations, cannot clear it alone, a second officer's approval clears it, and the audit trail
shows every step. Every page passes axe-core's accessibility checks."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from service.cases import verify

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
AXE = (Path(__file__).resolve().parents[1] / "fixtures" / "axe" / "axe.min.js").read_text()
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def server(app) -> Iterator[str]:
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(10)


@pytest.fixture
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium (see .ci/run)")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def new_page(browser):
    # bypass_csp: the pages forbid inline scripts; the test injects axe-core as one
    page = browser.new_context(bypass_csp=True).new_page()
    page.set_default_timeout(15_000)
    return page


def accessible(page) -> None:
    """axe-core finds no violation on the page as it is now."""
    page.add_script_tag(content=AXE)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    problems = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
                for v in result["violations"]]  # fmt: skip
    assert problems == [], f"{page.url}: {problems}"


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/ui/cases")  # sent to the sign-in page and back
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")  # the keyboard alone signs in
    page.wait_for_url(f"{base}/ui/cases")


def submit_seed(page, base: str, seed: dict) -> None:
    page.get_by_role("link", name="Submit a case").click()
    accessible(page)
    page.get_by_label("Reference", exact=True).fill(seed["reference"])
    page.get_by_label("Date", exact=True).fill(seed["date"])
    page.get_by_label("Description", exact=True).fill(seed["description"])
    for i, party in enumerate(seed["parties"]):
        for field in ("role", "type", "category"):
            page.select_option(f"#party-{i}-{field}", party[field])
        page.fill(f"#party-{i}-name", party["name"])
        page.fill(f"#party-{i}-country", party["country"])
    line = seed["goods"][0]
    page.fill("#goods-0-description", line["description"])
    page.fill("#goods-0-hs_code", line["hs_code"])
    page.fill("#goods-0-quantity", str(line["quantity"]))
    page.fill("#goods-0-unit", line["unit"])
    route = seed["route"]
    page.get_by_label("Origin", exact=True).fill(route["origin"])
    page.get_by_label("Destination", exact=True).fill(route["destination"])
    for field in ("name", "imo", "flag"):
        page.fill(f"#vessel-{field}", route["vessel"][field])
    auth = seed["authorizations"][0]
    page.get_by_label("Authorisation type").fill(auth["type"])
    page.get_by_label("Authorisation regime").fill(auth["regime"])
    page.get_by_label("Authorisation reference").fill(auth["reference"])
    page.get_by_role("button", name="Submit and screen").click()
    page.wait_for_url(f"{base}/ui/cases/*")


def test_two_officers_clear_the_artillery_shells_case(app, server, browser, seed):
    alice = new_page(browser)
    alice.goto(f"{server}/ui/login")
    accessible(alice)
    sign_in(alice, server, "alice")
    accessible(alice)  # the queue
    submit_seed(alice, server, seed)

    # she reads it: prohibited, with its citations linked to the resolution texts
    assert "The case was opened and screened" in alice.get_by_role("status").inner_text()
    facts = alice.locator("dl.facts")
    assert "prohibited" in facts.inner_text().lower() and "open" in facts.inner_text()
    citation = alice.get_by_role("link", name="S/RES/1718 (2006) op. 8(b)").first
    assert citation.get_attribute("href") == "https://undocs.org/S/RES/1718(2006)"
    assert "KOREA MINING DEVELOPMENT TRADING CORPORATION" in alice.content()
    accessible(alice)

    # she cannot clear it alone: the clearance waits for a second officer ...
    alice.get_by_label("Action", exact=True).select_option("clear")
    alice.get_by_label("Reason code").select_option("authorized")
    alice.get_by_label("Reason", exact=True).fill("covered by the Committee's exemption")
    alice.get_by_label("Authorisation reference").fill("1718/EXEMPTION/2023/12")
    alice.get_by_label("Authorisation expiry").fill("2030-12-31")
    alice.get_by_role("button", name="Record action").click()
    alice.wait_for_url("**/ui/cases/1?done=clear")
    assert "Waiting for a second officer" in alice.content()
    assert alice.locator("dd.status").inner_text() == "pending approval"
    # ... and she may not approve her own request, though she holds the approver role
    alice.get_by_label("Your reason").fill("I checked it myself")
    alice.get_by_role("button", name="Approve decision #1").click()
    alert = alice.get_by_role("alert").inner_text()
    assert "nobody may approve their own request" in alert
    accessible(alice)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "case-page.png"
    alice.goto(f"{server}/ui/cases/1")
    alice.screenshot(path=str(shot), full_page=True)
    print(f"screenshot of the case page: {shot}")

    # a second officer approves the very decision, and the case is cleared
    bob = new_page(browser)
    sign_in(bob, server, "bob")
    bob.get_by_role("link", name="#1").click()
    bob.get_by_label("Your reason").fill("exemption reference checked with the Committee")
    bob.get_by_role("button", name="Approve decision #1").click()
    bob.wait_for_url("**/ui/cases/1?done=approve")
    assert bob.locator("dd.status").inner_text() == "cleared"

    # the audit trail shows every step, hash-chained
    bob.get_by_role("link", name="Audit trail").click()
    accessible(bob)
    rows = bob.locator("table.audit tbody tr").all_inner_texts()
    steps = [(r.split("\t")[2], r.split("\t")[3]) for r in rows]
    assert steps == [
        ("officer:alice", "case.created"),
        ("officer:alice", "decision.recorded"),
        ("officer:alice", "action.clear"),
        ("officer:bob", "action.approve"),
    ]
    assert verify(app.extensions["cases"].store).ok
    stored = app.extensions["cases"].view(1)
    assert stored["transaction"]["parties"] == seed["parties"]
    assert json.dumps(stored["decision"]["versions"])  # the versions that made it
