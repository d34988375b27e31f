"""``create_app(settings=None)``: the Flask app of the service, the API and the officers' pages.

The rule tree is loaded when the app is built; a broken one raises ``RuleSetError`` and the app
is not built at all (fail closed). The database is migrated to the newest schema first.
"""

from __future__ import annotations

from flask import Flask

from service import __version__
from service.api import install_api, observability
from service.api.state import AppState
from service.cases import Casework, Officers
from service.jobs import Jobs, job_metrics
from service.rescreen import Rescreens
from service.ruletree import RuleTree, check_pin, load_tree
from service.screening import LiveScreener, Screener
from service.settings import Settings
from service.store import Store, open_store
from service.web import install_web
from service.worker import CeleryQueue, make_celery


def create_app(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    screener: Screener | None = None,
    tree: RuleTree | None = None,
) -> Flask:
    """Build the app; ``store``/``screener``/``tree`` let tests share one (a PostgreSQL schema,
    compiled rules). An injected screener switches to the stored lists on first use."""
    settings = settings or Settings.from_env()
    observability.configure_logging(settings.log_level)
    if store is None:
        store = open_store(settings)
    else:
        store.upgrade()
    # RuleSetError (or ListError) propagates: the app refuses to start (fail closed).
    tree = tree or load_tree(settings.rules)
    check_pin(tree, settings.rules_version)
    live = LiveScreener(settings, store, tree, screener)
    metrics = observability.Metrics()
    metrics.rules.info({"version": tree.version, "engine": __version__})
    app = Flask("service")
    app.json.sort_keys = False  # type: ignore[attr-defined]
    state = AppState(settings, store, tree, live, metrics)
    app.extensions["sanctions"] = state
    metrics.track_list_age(state.list_age)
    # the cases use case and the officers' accounts, shared by the API and the web pages
    app.extensions["cases"] = Casework(store, settings, live, tree)
    app.extensions["officers"] = Officers(
        store,
        max_failures=settings.login_max_failures,
        lock_minutes=settings.login_lock_minutes,
        session_minutes=settings.session_minutes,
    )
    # jobs: stored here, screened by worker processes; the API only sends task messages
    jobs = Jobs(store, settings, CeleryQueue(make_celery(settings), settings))
    state.jobs = jobs
    state.rescreens = Rescreens(store, settings, tree, jobs)
    metrics.track_jobs(lambda: job_metrics(jobs))
    install_api(app, settings, metrics)
    install_web(app)
    return app
