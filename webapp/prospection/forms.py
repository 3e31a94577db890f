"""Forms of the prospection plan: an exchange (and the move it carries), a planned action, a new
target or lead, requests, reassignment, « ne pas solliciter », the list's filters."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from webapp.companies.directory import CompanyValues
from webapp.companies.models import SIZE_BANDS
from webapp.core.choices import choices
from webapp.core.dates import DateField
from webapp.core.forms import DecimalCommaField, FrenchMeta
from webapp.needs.lifecycle import NEED_CONTRACTS
from webapp.prospection.actions import ActionInput
from webapp.prospection.contacts import ContactInput
from webapp.prospection.models import (
    ACTION_KINDS,
    CONTACT_CHANNELS,
    CONTACT_OUTCOMES,
    TARGET_STAGES,
)


def optional_int(value) -> int | None:
    """An id typed or sent back by a form, None when absent or not a number."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


class ProspectionForm(FlaskForm):
    class Meta(FrenchMeta):
        pass


class ContactForm(ProspectionForm):
    """An exchange with a company, and the need detected during it."""

    contacted_on = DateField("Date de l'échange", validators=[Optional()])
    channel = SelectField("Canal", validate_choice=False, choices=choices(CONTACT_CHANNELS.items()))
    person_met = StringField("Personne rencontrée", validators=[Length(max=120)],
                             description="Nom et fonction, par ex. « Mme Durand, gérante ».")
    summary = TextAreaField("Ce qui s'est dit", validators=[Length(max=4000)])
    outcome = SelectField("Suite donnée", validate_choice=False,
                          choices=choices(CONTACT_OUTCOMES.items()))
    need_rome_code = HiddenField("Métier du besoin repéré")
    need_positions = IntegerField("Nombre de postes", validators=[Optional()])
    need_hours = DecimalCommaField("Heures par semaine", validators=[Optional()])
    need_start_on = DateField("Début souhaité", validators=[Optional()])
    need_contract = SelectField("Contrat envisagé", validate_choice=False,
                                choices=choices([("", "Non précisé"), *NEED_CONTRACTS.items()]))
    confirm = BooleanField("Je confirme : consigner cet échange malgré l'avertissement")

    def contact(self) -> ContactInput:
        """The typed exchange, for the service."""
        return ContactInput(
            contacted_on=self.contacted_on.data, channel=self.channel.data or "",
            summary=self.summary.data or "", outcome=self.outcome.data or "",
            person_met=self.person_met.data or "",
            need_rome_code=(self.need_rome_code.data or "").strip() or None,
            need_positions=self.need_positions.data, need_hours=self.need_hours.data,
            need_start_on=self.need_start_on.data, need_contract=self.need_contract.data or None)


class MoveForm(ContactForm):
    """A stage change and the log entry that explains it."""

    stage = SelectField("Nouvelle étape", validate_choice=False,
                        choices=choices(TARGET_STAGES.items()))
    dropped_reason = TextAreaField("Motif de l'abandon", validators=[Length(max=2000)],
                                   description="Obligatoire pour l'étape « Abandonné ».")
    version = HiddenField()


class ActionForm(ProspectionForm):
    kind = SelectField("Action", validate_choice=False, choices=choices(ACTION_KINDS.items()))
    due_on = DateField("Date prévue", validators=[Optional()])
    owner_id = SelectField("Responsable", coerce=optional_int, validate_choice=False)
    note = StringField("Précision", validators=[Length(max=500)])

    def action(self) -> ActionInput:
        return ActionInput(kind=self.kind.data or "", due_on=self.due_on.data,
                           owner_id=self.owner_id.data, note=self.note.data or "")


class TargetForm(ProspectionForm):
    """A company of the directory put in the plan, with its lead CRE."""

    lead_id = SelectField("CRE pilote", coerce=optional_int, validate_choice=False)


class NewLeadForm(TargetForm):
    """A company not yet in the directory: the directory's duplicate check applies."""

    name = StringField("Raison sociale ou enseigne", validators=[
        DataRequired("Nom : indiquez le nom de l'entreprise."), Length(max=200)])
    siret = StringField("SIRET (facultatif)", validators=[Length(max=20)])
    naf_code = SelectField("Secteur d'activité (division NAF)", coerce=lambda v: v or None,
                           validate_choice=False)
    commune_insee = HiddenField("Commune")
    size_band = SelectField("Effectif", coerce=lambda v: v or None,
                            choices=choices([("", "Non renseigné"), *SIZE_BANDS.items()]))

    def values(self) -> CompanyValues:
        return CompanyValues(name=self.name.data or "",
                             siret=(self.siret.data or "").strip() or None,
                             naf_code=self.naf_code.data,
                             commune_insee=(self.commune_insee.data or "").strip(),
                             size_band=self.size_band.data)


class RequestForm(ProspectionForm):
    kind = HiddenField(validators=[DataRequired()])
    message = StringField("Message au pilote (facultatif)", validators=[Length(max=500)])


class DecisionForm(ProspectionForm):
    accept = HiddenField()


class ReassignForm(ProspectionForm):
    lead_id = SelectField("Nouveau CRE pilote", coerce=optional_int, validate_choice=False)
    version = HiddenField()


class DoNotSolicitForm(ProspectionForm):
    until = DateField("Ne pas solliciter jusqu'au", validators=[Optional()])
    reason = TextAreaField("Motif", validators=[Length(max=2000)],
                           description="Par ex. « Sollicitée par trois structures en mars ; "
                                       "recontacter après la saison ».")


class FilterForm(FlaskForm):
    class Meta(FrenchMeta):
        csrf = False

    q = StringField("Entreprise ou SIRET")
    stage = SelectField("Étape", choices=choices([("", "Toutes"), *TARGET_STAGES.items()]))
    organisation = SelectField("Organisation du pilote", coerce=optional_int,
                               validate_choice=False)
    lead = SelectField("CRE", coerce=optional_int, validate_choice=False)
    mine = BooleanField("Seulement les cibles que je suis")
