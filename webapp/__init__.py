"""Passerelle: the task-force employment platform of the Bouches-du-Rhône."""

from importlib import import_module
from pathlib import Path

from flask import Flask

from webapp.config import INSTANCE_DIR, REPOSITORY_ROOT, Config
from webapp.core.secret_key import resolve_secret_key

# Every table, in the order of the features (each may point at the ones before it).
MODEL_MODULES = (
    "core.models",
    "core.notify",
    "reference.models",
    "accounts.organisation_models",
    "accounts.models",
    "companies.models",
    "companies.account_models",
    "offers.models",
    "needs.models",
    "profiles.models",
    "shortlists.models",
    "events.models",
    "cellule.models",
    "promotions.models",
    "immersions.models",
    "prospection.models",
    "notifications.models",
    "api.models",
)


def import_models() -> None:
    """Import every model module, so that SQLAlchemy and Alembic know every table."""
    for module in MODEL_MODULES:
        import_module(f"webapp.{module}")


def create_app(config: type[Config] | None = None) -> Flask:
    """Build the Flask app: wiring only; the one I/O is reading (or creating) the key file."""
    app = Flask(
        __name__,
        template_folder=str(REPOSITORY_ROOT / "templates"),
        static_folder=str(REPOSITORY_ROOT / "static"),
        instance_path=str(INSTANCE_DIR),
    )
    app.config.from_object(config or Config)
    app.config.from_prefixed_env("PASSERELLE")
    import_models()
    app.config["SECRET_KEY"] = resolve_secret_key(
        app.config.get("SECRET_KEY"), app.config.get("TESTING", False), Path(app.instance_path))
    register_extensions(app)
    register_url_converters(app)
    register_blueprints(app)
    register_contributions()
    register_cli(app)
    register_errorhandlers(app)
    register_security(app)
    register_template_helpers(app)
    register_operations(app)
    return app


def register_extensions(app: Flask) -> None:
    from webapp.core import connection_pool
    from webapp.core.queue import configure_queue
    from webapp.extensions import csrf, db, login_manager, migrate

    db.init_app(app)
    with app.app_context():
        connection_pool.init_app(app, db.engine)
    migrate.init_app(app, db, directory=str(REPOSITORY_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    configure_queue(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = "Connectez-vous pour accéder à cette page."
    login_manager.login_message_category = "info"

    from webapp.accounts.sessions import load_session_user
    from webapp.core import ratelimit

    ratelimit.init_app(app)
    login_manager.user_loader(load_session_user)

    from webapp.core import read_requests
    from webapp.profiles import shown

    read_requests.init_app(app)  # before shown: runs after it, and commits what it wrote
    shown.init_app(app)  # the access-log rows of a request, written in one INSERT


# The pages of each feature: one blueprint per folder, defined in its `routes` module, and the
# other modules of the folder that add views to it.
VIEWS = {
    "reference": ("routes",),
    "accounts": ("routes", "login_routes", "admin_routes", "audit_routes"),
    "companies": ("routes", "account_routes"),
    "offers": ("routes", "form_routes", "import_routes", "merge_routes", "rome_confirm"),
    "needs": ("routes",),
    "profiles": ("routes",),
    "shortlists": ("routes",),
    "events": ("routes",),
    "cellule": ("routes", "session_routes", "agenda_routes", "minutes_routes", "proposal_routes"),
    "promotions": ("routes",),
    "immersions": ("routes",),
    "prospection": ("routes", "contact_routes", "target_routes"),
    "dashboard": ("routes",),
    "employer_space": ("routes", "need_routes", "card_routes", "colleague_routes"),
    "notifications": ("routes", "password_routes", "calendar_routes"),
    "api": ("routes", "offers_api", "companies_api", "reference_api", "matching_api", "docs_api",
            "admin_routes", "needs_api", "events_api", "indicators_api"),
    "operations": ("routes",),
    "help": ("routes",),
}


def register_url_converters(app: Flask) -> None:
    from webapp.core import converters

    converters.init_app(app)


def register_blueprints(app: Flask) -> None:
    for feature, modules in VIEWS.items():
        views = [import_module(f"webapp.{feature}.{module}") for module in modules]
        app.register_blueprint(views[0].blueprint)


def register_contributions() -> None:
    from webapp.contributions import fill_registries

    fill_registries()


def register_cli(app: Flask) -> None:
    from webapp.cli import COMMAND_GROUPS

    for group in COMMAND_GROUPS:
        app.cli.add_command(group)


def register_errorhandlers(app: Flask) -> None:
    from webapp.core import error_pages

    error_pages.init_app(app)


def register_security(app: Flask) -> None:
    from webapp.core import input_guard, security_headers

    input_guard.init_app(app)
    security_headers.init_app(app)


def register_operations(app: Flask) -> None:
    """What an operator needs: request log lines, error reports, cached static files."""
    from webapp.core import request_log, static_files
    from webapp.operations.error_reporting import init_error_reporting

    request_log.init_app(app)
    init_error_reporting(app)
    static_files.init_app(app)


def register_template_helpers(app: Flask) -> None:
    from ingestion.urls import is_web_url
    from webapp.core import formatting
    from webapp.core.navigation import navigation_for
    from webapp.core.permissions import may
    from webapp.core.record_urls import record_url

    app.jinja_env.filters["date_fr"] = formatting.date_fr
    app.jinja_env.filters["datetime_fr"] = formatting.datetime_fr
    app.jinja_env.filters["number_fr"] = formatting.number_fr
    app.jinja_env.globals["may"] = may
    app.jinja_env.globals["navigation_for"] = navigation_for
    app.jinja_env.globals["record_url"] = record_url
    app.jinja_env.tests["web_url"] = is_web_url
