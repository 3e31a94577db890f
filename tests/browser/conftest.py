"""A real server on loopback with the demo territory, driven by Debian's Chromium."""

import os
import threading
from pathlib import Path

import pytest
import time_machine
from werkzeug.serving import make_server

from tests.clock import NOW
from tests.conftest import make_config
from webapp import create_app
from webapp.demo import load_demo
from webapp.extensions import db
from webapp.reference.loader import load_reference_data

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def browser_config(database_url: str) -> type:
    """The test configuration with CSRF protection on, as in production: the browser sends the
    token from the forms and from the hx-headers of <body>."""
    return type("BrowserConfig", (make_config(database_url),), {"WTF_CSRF_ENABLED": True})


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """The site's app with the demo data, for the whole run (tests that play the worker use it).

    Its clock starts at tests.clock.NOW and runs on (tick), so that dates typed by the tests
    and the server's own agree whatever the date of the machine."""
    traveller = time_machine.travel(NOW, tick=True)
    traveller.start()
    database_file = tmp_path_factory.mktemp("browser") / "site.sqlite"
    application = create_app(browser_config(f"sqlite:///{database_file}"))
    with application.app_context():
        db.create_all()
        load_reference_data()
        load_demo(seed=2026)
        db.session.commit()
    yield application
    traveller.stop()


@pytest.fixture(scope="session")
def live_server(live_app):
    """The site served on a free loopback port for the whole run."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect

    # Assertions wait on the page's state; a loaded CI machine may take seconds to answer.
    expect.set_options(timeout=15_000)
    if not CHROMIUM.exists():
        message = "Chromium absent : apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="fr-FR")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def log_in(page):
    """Log in through the real form as a demo account."""
    from webapp.demo import DEMO_PASSWORD

    def _log_in(email: str):
        page.goto("/connexion")
        page.get_by_label("Adresse e-mail").fill(email)
        page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_url("**/")

    return _log_in
