"""Form pieces shared by every feature: the French base form, French-typed numbers, and the
plain-POST helper that commits a change or shows why it was refused."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import flash
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.meta import DefaultMeta

from webapp.core.errors import DomainError
from webapp.extensions import db


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


@contextmanager
def committed(success: str | Callable[[], str]) -> Iterator[None]:
    """Around one service call of a plain form POST: commit and flash `success`, or roll back
    and flash the service's French refusal (the view then redirects either way)."""
    try:
        yield
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(success() if callable(success) else success, "success")
