"""Cost: 1,000 parties with long repetitive names in a 317 KB body held a sync worker for 56 s,
and JSON nested 100,000 deep was a 500. Each limit is refused with a problem naming it, and
the matcher's work per name is bounded; the bounds are asserted, not timed."""

from __future__ import annotations

import json

import pytest

from service.cli.serve import default_workers, serve
from service.parties.matcher import MAX_QUERY_TOKENS, MAX_REPEATS, _query_forms
from service.screening.build import CACHE_SIZE
from service.screening.transaction import (
    MAX_GOODS,
    MAX_NAME,
    MAX_NAME_WORDS,
    MAX_NAME_WORDS_TOTAL,
    MAX_PARTIES,
)

JSON = {"Content-Type": "application/json"}


def tx(**extra: object) -> dict:
    return {"date": "2024-01-01", "goods": [{"description": "coffee"}], **extra}


def test_the_thousand_party_attack_is_refused_naming_the_limit(client, auth) -> None:
    names = [{"name": ("ali abu " * 40)[:299] + str(i)} for i in range(1000)]
    body = json.dumps(tx(parties=names))
    assert len(body) > 300_000
    r = client.post("/v1/screenings", data=body, headers={**auth(), **JSON})
    assert r.status_code == 400
    assert (
        "limit" in r.get_json()["errors"]["parties"]
        and str(MAX_PARTIES) in r.get_json()["errors"]["parties"]
    )


@pytest.mark.parametrize(
    ("body", "path"),
    [
        (tx(parties=[{"name": "x"}] * (MAX_PARTIES + 1)), "parties"),
        (tx(goods=[{"description": "coffee"}] * (MAX_GOODS + 1)), "goods"),
        (tx(parties=[{"name": "x" * (MAX_NAME + 1)}]), "parties[0].name"),
        (tx(parties=[{"name": " ".join(["ali"] * (MAX_NAME_WORDS + 1))}]), "parties[0].name"),
        (tx(route={"vessel": {"name": "ab " * (MAX_NAME_WORDS + 1)}}), "route.vessel.name"),
        (tx(description="x" * 10_001), "description"),
        (tx(parties=[{"name": "a b c d e f g h"}] * (MAX_NAME_WORDS_TOTAL // 8 + 1)), "parties"),
    ],
    ids=[
        "parties",
        "goods",
        "name length",
        "name words",
        "vessel name words",
        "description",
        "name words in all",
    ],  # fmt: skip
)
def test_each_limit_is_a_400_naming_it(client, auth, body, path) -> None:
    r = client.post("/v1/screenings", json=body, headers=auth())
    assert r.status_code == 400 and r.mimetype == "application/problem+json"
    assert "limit" in r.get_json()["errors"][path]


@pytest.mark.parametrize("endpoint", ["/v1/screenings", "/v1/goods/classify"])
def test_deep_nesting_is_a_400_naming_the_limit_not_a_500(client, auth, endpoint) -> None:
    for body in ("[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000):
        r = client.post(endpoint, data=body, headers={**auth(), **JSON})
        assert r.status_code == 400, r.get_data(as_text=True)[:200]
        assert "max_depth" in r.get_json()["detail"]


@pytest.mark.parametrize("endpoint", ["/v1/screenings", "/v1/goods/classify"])
def test_a_number_of_thousands_of_digits_is_a_400_not_a_500(client, auth, endpoint) -> None:
    for field in ('"quantity": %s', '"hs_code": %s'):
        body = '{"description": "x", "goods": [{"description": "x", %s}]}' % (field % ("9" * 5000))
        r = client.post(endpoint, data=body, headers={**auth(), **JSON})
        assert r.status_code == 400 and "max_digits" in r.get_json()["detail"]


def test_brackets_inside_strings_do_not_count(client, auth) -> None:
    r = client.post("/v1/screenings", json=tx(description="[" * 5000), headers=auth())
    assert r.status_code == 200


def test_a_body_over_the_limit_is_413(make_app) -> None:
    app = make_app(max_body=2048)
    headers = {
        "Authorization": "Bearer " + app.extensions["sanctions"].store.keys.create("screener")
    }
    r = app.test_client().post("/v1/screenings", json=tx(description="x" * 5000), headers=headers)
    assert r.status_code == 413 and r.mimetype == "application/problem+json"


def test_the_matcher_bounds_the_tokens_of_a_query() -> None:
    forms = _query_forms(tuple(["ali"] * 200 + [f"t{i}" for i in range(100)]))
    for form in forms:
        assert len(form) <= MAX_QUERY_TOKENS
        assert max(form.count(t) for t in form) <= MAX_REPEATS


def test_the_matcher_answers_a_hostile_name_like_any_other(screener) -> None:
    matcher = screener.parties.matchers[0]

    def found(name: str) -> list[tuple[str, float]]:
        return [(m.reference, m.score) for m in matcher.match(name)]

    assert found("ali " * 75) == found("ali ali")


def test_caches_are_bounded(screener) -> None:
    """Each per-process cache has a fixed number of entries, each of bounded size (names are
    at most MAX_NAME characters, goods descriptions 2,000); bench/hostile.py reports RSS."""
    assert screener._classify.cache_info().maxsize == CACHE_SIZE
    assert screener.parties._match.cache_info().maxsize == CACHE_SIZE


def test_gunicorn_defaults_to_one_worker_per_core() -> None:
    import os

    option = next(p for p in serve.params if p.name == "workers")
    assert not isinstance(option.default, int)  # no fixed default: the core count
    assert default_workers() == len(os.sched_getaffinity(0))
