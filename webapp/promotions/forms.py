"""Forms of the promotion pages: choosing the employer, sending, recording a step, answering."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, TextAreaField
from wtforms.validators import Length, Optional

from webapp.core.choices import choices
from webapp.core.dates import STEP, DateField
from webapp.core.forms import DecimalCommaField, FrenchMeta
from webapp.offers.models import HIRE_CONTRACTS
from webapp.promotions.models import MEETING_KINDS, NOT_HIRED_REASONS, NOT_INTERESTED_REASONS


class PromotionFormBase(FlaskForm):
    class Meta(FrenchMeta):
        pass


class EmployerChoiceForm(PromotionFormBase):
    company_id = HiddenField("Employeur")
    offer_id = HiddenField()


class SendForm(PromotionFormBase):
    version = HiddenField()
    confirmed = HiddenField(default="")


class StepForm(PromotionFormBase):
    kind = HiddenField()
    on = DateField("Date", validators=[Optional()], horizon=STEP)
    # the step's service checks the values: a form only shows the fields of its kind
    meeting = SelectField(
        "L'employeur propose", choices=choices(MEETING_KINDS.items()), validate_choice=False
    )
    not_interested_reason = SelectField(
        "Motif",
        choices=choices([("", "— Choisir —"), *NOT_INTERESTED_REASONS.items()]),
        validate_choice=False,
    )
    not_hired_reason = SelectField(
        "Motif",
        choices=choices([("", "— Choisir —"), *NOT_HIRED_REASONS.items()]),
        validate_choice=False,
    )
    contract = SelectField(
        "Contrat signé",
        choices=choices([("", "— Choisir —"), *HIRE_CONTRACTS.items()]),
        validate_choice=False,
    )
    hours_per_week = DecimalCommaField("Heures par semaine")
    note = TextAreaField("Précisions", validators=[Length(max=1000)])
    version = HiddenField()

    def field_at(self, name: str):
        """The field a step problem names: `reason` is the reason list of the step's kind."""
        if name == "reason":
            return self.not_hired_reason if self.kind.data == "not_hired" else self.not_interested_reason
        return self._fields.get(name)

    def reason(self) -> str:
        """The reason list that goes with the step's kind."""
        if self.kind.data == "not_interested":
            return self.not_interested_reason.data or ""
        return self.not_hired_reason.data or "" if self.kind.data == "not_hired" else ""


class AnswerForm(PromotionFormBase):
    kind = RadioField(
        "Votre réponse",
        choices=choices(
            [
                ("interested", "Je suis intéressé(e) : je propose une rencontre"),
                ("not_interested", "Je ne suis pas intéressé(e)"),
            ]
        ),
    )
    meeting = SelectField(
        "Type de rencontre proposée", choices=choices(MEETING_KINDS.items()), validate_choice=False
    )
    on = DateField("Date proposée", validators=[Optional()])
    reason = SelectField(
        "Motif (si vous n'êtes pas intéressé(e))",
        choices=choices([("", "— Choisir —"), *NOT_INTERESTED_REASONS.items()]),
        validate_choice=False,
    )
    note = TextAreaField("Un mot pour la task force (facultatif)", validators=[Length(max=1000)])
    version = HiddenField()


class CorrectionForm(PromotionFormBase):
    """Correcting the date or the note of a step its author noted."""

    step_id = HiddenField()
    on = DateField("Date corrigée", validators=[Optional()], horizon=STEP)
    note = TextAreaField("Note", validators=[Length(max=1000)])
