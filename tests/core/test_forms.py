"""The one field-problem error and the one way to put it on a form."""

import pytest
from wtforms import FieldList, FormField, StringField
from wtforms.validators import DataRequired

from webapp.core.errors import FORM, Invalid
from webapp.core.forms import FrenchForm, put_problems, validated


class _Contact(FrenchForm):
    class Meta(FrenchForm.Meta):
        csrf = False

    name = StringField("Nom")


class _Form(FrenchForm):
    class Meta(FrenchForm.Meta):
        csrf = False

    title = StringField("Intitulé")
    place = StringField("Lieu")
    contacts = FieldList(FormField(_Contact), min_entries=2)


def test_invalid_carries_every_problem_by_field_and_says_them_all():
    error = Invalid({"title": "Intitulé : indiquez-le.", "place": "Lieu : choisissez-le."})
    assert error.problems == {"title": "Intitulé : indiquez-le.", "place": "Lieu : choisissez-le."}
    assert error.message == "Intitulé : indiquez-le. Lieu : choisissez-le."
    assert Invalid("Cette offre est close.").problems == {FORM: "Cette offre est close."}
    assert Invalid("Date : indiquez-la.", "on").problems == {"on": "Date : indiquez-la."}
    pairs = Invalid([("on", "Date : indiquez-la."), ("on", "Date : un jour ouvré.")])
    assert pairs.problems == {"on": "Date : indiquez-la. Date : un jour ouvré."}
    with pytest.raises(ValueError):
        Invalid({})


def test_put_problems_puts_each_next_to_its_field_and_the_rest_on_the_form(app):
    with app.test_request_context(method="POST", data={"title": "Plongeur H/F"}):
        form = _Form()
        form.validate()
        put_problems(form, Invalid({
            "title": "Intitulé : déjà pris.", "contacts-1-name": "Nom du contact : indiquez-le.",
            "nowhere": "Cette offre a été fusionnée.", FORM: "Rien n'a été enregistré."}))
        assert form.title.errors == ["Intitulé : déjà pris."]
        assert form.contacts[1].form.name.errors == ["Nom du contact : indiquez-le."]
        assert form.form_errors == ["Cette offre a été fusionnée.", "Rien n'a été enregistré."]
        assert form.title.data == "Plongeur H/F"


def test_validated_names_every_field_that_failed_its_validators(app):
    class _Required(FrenchForm):
        class Meta(FrenchForm.Meta):
            csrf = False

        title = StringField("Intitulé", validators=[DataRequired("Indiquez-le.")])
        place = StringField("Lieu", validators=[DataRequired("Choisissez-le.")])

    with app.test_request_context(method="POST", data={}), pytest.raises(Invalid) as refused:
        validated(_Required())
    assert refused.value.problems == {"title": "Intitulé : Indiquez-le.", "place": "Lieu : Choisissez-le."}
