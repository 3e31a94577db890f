"""Passerelle: the task-force employment platform of the Bouches-du-Rhône."""

from flask import Flask

from webapp.config import INSTANCE_DIR, REPOSITORY_ROOT, Config


def create_app(config: type[Config] | None = None) -> Flask:
    """Build the Flask app: wiring only, no I/O."""
    app = Flask(
        __name__,
        template_folder=str(REPOSITORY_ROOT / "templates"),
        static_folder=str(REPOSITORY_ROOT / "static"),
        instance_path=str(INSTANCE_DIR),
    )
    app.config.from_object(config or Config)
    app.config.from_prefixed_env("PASSERELLE")
    register_extensions(app)
    register_blueprints(app)
    register_cli(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    return app


def register_extensions(app: Flask) -> None:
    from webapp.extensions import csrf, db, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(REPOSITORY_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Connectez-vous pour accéder à cette page."
    login_manager.login_message_category = "info"

    from webapp.core import ratelimit
    from webapp.services.sessions import load_session_user

    ratelimit.init_app(app)
    login_manager.user_loader(load_session_user)


def register_blueprints(app: Flask) -> None:
    from webapp.admin.routes import blueprint as admin
    from webapp.api.routes import blueprint as api
    from webapp.auth.routes import blueprint as auth
    from webapp.home.routes import blueprint as home

    for blueprint in (auth, home, admin, api):
        app.register_blueprint(blueprint)

    from webapp.needs import account_routes, colleague_routes, employer_routes
    from webapp.needs import routes as need_routes

    for blueprint in (need_routes.blueprint, employer_routes.blueprint, account_routes.blueprint):
        app.register_blueprint(blueprint)
    app.register_blueprint(colleague_routes.blueprint)

    from webapp.audit.routes import blueprint as audit
    from webapp.profiles.routes import blueprint as profiles

    for blueprint in (profiles, audit):
        app.register_blueprint(blueprint)

    from webapp.employers.routes import blueprint as employers
    from webapp.offers.routes import blueprint as offers

    for blueprint in (offers, employers):
        app.register_blueprint(blueprint)

    from webapp.shortlists.routes import blueprint as shortlists

    app.register_blueprint(shortlists)

    from webapp.prospection.routes import blueprint as prospection

    app.register_blueprint(prospection)

    from webapp.immersions.routes import blueprint as immersions

    app.register_blueprint(immersions)

    from webapp.cellule.routes import blueprint as cellule
    from webapp.promotions import employer_routes as employer_cards
    from webapp.promotions.routes import blueprint as promotions

    for blueprint in (cellule, promotions, employer_cards.blueprint):
        app.register_blueprint(blueprint)

    from webapp.dashboard.routes import blueprint as dashboard

    app.register_blueprint(dashboard)


def register_cli(app: Flask) -> None:
    from webapp.cli import COMMAND_GROUPS

    for group in COMMAND_GROUPS:
        app.cli.add_command(group)


def register_errorhandlers(app: Flask) -> None:
    from flask import render_template

    def render_error(error):
        code = getattr(error, "code", 500) or 500
        return render_template(f"errors/{code}.html"), code

    for code in (403, 404, 500):
        app.register_error_handler(code, render_error)


def register_template_helpers(app: Flask) -> None:
    from webapp import formatting
    from webapp.navigation import navigation_for
    from webapp.permissions import may

    app.jinja_env.filters["date_fr"] = formatting.date_fr
    app.jinja_env.filters["datetime_fr"] = formatting.datetime_fr
    app.jinja_env.filters["number_fr"] = formatting.number_fr
    app.jinja_env.globals["may"] = may
    app.jinja_env.globals["navigation_for"] = navigation_for
