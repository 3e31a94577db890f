"""Form pieces shared by every feature: the French base form, French-typed numbers, the one
way to put a service's problems on a form, and the one way to handle a form's POST.

- `form_post(form, call, success, redirect_to)`: validate, call the service, commit and 303,
  or roll back and leave every problem on the form (the view renders it with 422).
- `committed(success)`: around the service call of a plain POST that flashes and redirects.
- `put_problems(form, error)`: each problem of an `Invalid` next to its field, all at once.
- `validated(form)`: inside `committed()`, the fields' own problems as an `Invalid`.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from flask import flash, redirect
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import Field, StringField
from wtforms.meta import DefaultMeta
from wtforms.validators import Regexp

from webapp.core.errors import FORM, DomainError, Invalid
from webapp.extensions import db

T = TypeVar("T")

# An optional « Code postal » field (offers, profiles): its format; the service checks that
# it belongs to the chosen commune.
POSTAL_CODE = Regexp(r"^\s*\d{5}\s*$", message="Code postal : 5 chiffres attendus (ex. 13129).")
POSTAL_CODE_INPUT = {"inputmode": "numeric", "autocomplete": "postal-code", "maxlength": 5}


class FrenchMeta(DefaultMeta):
    """WTForms' own French messages ("N'est pas une date valide.")."""

    locales = ("fr",)

    def get_translations(self, form):
        return DefaultMeta.get_translations(self, form)


class FrenchForm(FlaskForm):
    """The base of every form: CSRF-protected, with WTForms' own messages in French."""

    class Meta(FrenchMeta):
        pass


class DecimalCommaField(StringField):
    """A number typed the French way: 12,5 as well as 12.5."""

    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").strip().replace(",", ".")
        self.data = None
        if text:
            try:
                self.data = float(text)
            except ValueError:
                self.data = None
                raise ValueError("Indiquez un nombre, par ex. 12 ou 12,5.") from None

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return f"{self.data:g}".replace(".", ",")


def optional_int(value) -> int | None:
    """A select or hidden field that may be empty: `""` -> None, `"12"` -> 12."""
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError("Choisissez une valeur dans la liste.") from None


def _walk(fields) -> Iterator[Field]:
    for field in fields:
        if field.type in ("FormField", "FieldList"):
            yield from _walk(field)
        else:
            yield field


def field_named(form, name: str) -> Field | None:
    """The field a problem names: `title`, a nested `targets-0-rome_code`, or what the form's
    own `field_at(name)` says; None for the form as a whole or a name it does not have."""
    if name == FORM:
        return None
    if hasattr(form, "field_at"):
        return form.field_at(name)
    field = form._fields.get(name)
    if field is not None and field.type not in ("FormField", "FieldList"):
        return field
    prefix = getattr(form, "_prefix", "")
    return next((f for f in _walk(form) if f.name in (name, prefix + name)), None)


def put_problems(form, error: DomainError, *, besides_fields: bool = False) -> None:
    """Every problem of `error` on `form` at once, next to its field (the form-level errors for
    the rest); what was typed stays. `besides_fields`: leave alone a field already in error."""
    problems = error.problems if isinstance(error, Invalid) else {FORM: error.message}
    for name, message in problems.items():
        field = field_named(form, name)
        if field is None:
            if message not in form.form_errors:
                form.form_errors = [*form.form_errors, message]
        elif not (besides_fields and field.errors) and message not in field.errors:
            field.errors = [*field.errors, message]


def _messages(errors) -> list[str]:
    """The messages of a field's errors, flat (a FormField's are a dict, a FieldList's a list)."""
    if isinstance(errors, dict):
        return [m for value in errors.values() for m in _messages(value)]
    if isinstance(errors, list | tuple):
        return [m for value in errors for m in _messages(value)]
    return [errors]


def validated(form) -> None:
    """For a plain POST, inside `committed()`: Invalid naming every field that failed its
    validators (flashed, since the page the POST came from is not rendered again)."""
    if form.validate_on_submit():
        return
    problems = {}
    for name, messages in form.errors.items():
        label = form[name].label.text if name in form else ""
        problems[name or FORM] = " ".join(f"{label} : {m}" if label else m
                                          for m in _messages(messages))
    raise Invalid(problems or {FORM: "Le formulaire n'a pas pu être lu : réessayez."})


@dataclass
class Post:
    """What became of a POST's service call: `ok` once committed, else the refusal."""

    ok: bool = False
    error: DomainError | None = None


@contextmanager
def committed(success: str | Callable[[], str] | None, form=None,
              passes: tuple[type[DomainError], ...] = ()) -> Iterator[Post]:
    """Around one service call of a POST: commit and flash `success`, or roll back and show the
    service's French refusal: flashed (a plain POST, which redirects either way), or put on
    `form` when given (the view renders it again). The refusals in `passes` (a conflict the
    view shows its own way) propagate, after the rollback."""
    post = Post()
    try:
        yield post
    except DomainError as error:
        db.session.rollback()
        post.error = error
        if isinstance(error, passes):
            raise
        if form is None:
            flash(error.message, "error")
        else:
            put_problems(form, error)
    else:
        db.session.commit()
        post.ok = True
        if success:
            flash(success() if callable(success) else success, "success")


def form_post(form, call: Callable[[], T], success: str | Callable[[T], str] | None,
              redirect_to: Callable[[T], str], *, check: Callable[[], object] | None = None,
              passes: tuple[type[DomainError], ...] = ()) -> Response | None:
    """A form's POST: validate the fields, call the service, commit, flash `success` and answer
    303 to `redirect_to(result)`. None when the view should render the form: a GET, or a refused
    POST (rolled back, every problem on the form: answer 422). The refusals in `passes`
    propagate (see `committed`).

    `check`: the service's checks, fit for fields that failed their validators (often `call`
    itself, when the typed values default safely): run anyway and, nothing kept, its problems
    join the fields' own, so an empty form shows everything missing at once.
    """
    if not form.is_submitted():
        return None
    if not form.validate():
        if check is not None and "csrf_token" not in form.errors:
            try:
                check()
            except Invalid as error:
                put_problems(form, error, besides_fields=True)
            except DomainError:
                pass  # a refusal the valid form will meet again, once the fields are right
            db.session.rollback()
        return None
    result: list[T] = []
    said = None if success is None else (
        lambda: success(result[0]) if callable(success) else success)
    with committed(said, form, passes) as post:
        result.append(call())
    if not post.ok:
        return None
    return redirect(redirect_to(result[0]), code=303)
