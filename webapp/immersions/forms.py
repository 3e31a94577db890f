"""Forms of the immersions area: the proposal with its weekly schedule, a step, the assessment."""

from flask_wtf import FlaskForm
from wtforms import (
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from webapp.core.choices import choices
from webapp.core.dates import HIRE, DateField
from webapp.core.forms import DecimalCommaField, FrenchMeta, optional_int
from webapp.immersions.followup import FOCUSES, ImmersionFilters
from webapp.immersions.models import (
    ANSWERS,
    ATTENDANCE,
    CONVENTION_KINDS,
    IMMERSION_OBJECTIVES,
    IMMERSION_OUTCOMES,
    IMMERSION_STATUSES,
    TUTOR_RATINGS,
)
from webapp.immersions.proposing import TutorInput
from webapp.immersions.schedule import PERIODS_PER_DAY, WeeklySchedule
from webapp.offers.models import HIRE_CONTRACTS

DAY_FIELDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PERIOD_FIELDS = (("start_1", "end_1"), ("start_2", "end_2"))
NO_CHOICE = [("", "— Choisir —")]


def _time() -> StringField:
    return StringField(render_kw={"type": "time", "step": 300}, validators=[Optional()])


class DayForm(Form):
    """Two periods of one weekday, each a start and an end ("09:00")."""

    start_1, end_1, start_2, end_2 = _time(), _time(), _time(), _time()


class TutorFields:
    """The tutor in the company, as the convention names them."""

    tutor_name = StringField("Tuteur ou tutrice : prénom et nom", validators=[Optional(), Length(max=120)])
    tutor_role = StringField("Sa fonction", validators=[Optional(), Length(max=120)])
    tutor_phone = StringField("Son téléphone", validators=[Optional(), Length(max=30)])
    tutor_email = StringField("Son e-mail", validators=[Optional(), Email("Adresse e-mail invalide."),
                                                        Length(max=254)])

    def tutor(self) -> TutorInput:
        return TutorInput(self.tutor_name.data or "", self.tutor_role.data or "",
                          self.tutor_phone.data or "", self.tutor_email.data or "")


class ImmersionForm(TutorFields, FlaskForm):
    class Meta(FrenchMeta):
        pass

    version = HiddenField()
    defaults_confirmed = HiddenField(default="")  # "oui": proposed as first shown, on purpose
    company_id = SelectField("Entreprise d'accueil", coerce=optional_int, validate_choice=False)
    rome_code = StringField("Métier découvert", validators=[DataRequired("Choisissez le métier.")],
                            description="Tapez le métier et choisissez-le dans la liste.")
    objective = SelectField("Objectif", choices=choices(IMMERSION_OBJECTIVES.items()))
    start_date = DateField("Premier jour", validators=[DataRequired("Indiquez le premier jour.")])
    end_date = DateField("Dernier jour", validators=[DataRequired("Indiquez le dernier jour.")])
    monday, tuesday, wednesday = FormField(DayForm), FormField(DayForm), FormField(DayForm)
    thursday, friday = FormField(DayForm), FormField(DayForm)
    saturday, sunday = FormField(DayForm), FormField(DayForm)
    activities = TextAreaField("Activités prévues", validators=[Optional(), Length(max=2000)],
                               description="Ce que la personne fera et observera (la convention le demande).")

    def days(self) -> list[FormField]:
        return [getattr(self, name) for name in DAY_FIELDS]

    def schedule_pairs(self) -> list[list[tuple[str, str]]]:
        """Seven days of (start, end) texts, as `parse_schedule` reads them."""
        return [[(day[start].data or "", day[end].data or "") for start, end in PERIOD_FIELDS]
                for day in self.days()]


def schedule_data(schedule: WeeklySchedule) -> dict[str, dict[str, str]]:
    """The form's data for a schedule (to prefill a new or edited proposal)."""
    data = {}
    for name, periods in zip(DAY_FIELDS, schedule.to_json(), strict=True):
        day: dict[str, str] = {}
        for (start, end), period in zip(PERIOD_FIELDS, periods[:PERIODS_PER_DAY], strict=False):
            day[start], day[end] = period
        data[name] = day
    return data


class StepForm(TutorFields, FlaskForm):
    """A step of the life cycle: a note (the reason when cancelling), the convention, the tutor."""

    class Meta(FrenchMeta):
        pass

    version = HiddenField()
    note = TextAreaField("Note", validators=[Optional(), Length(max=1000)])
    convention_kind = SelectField("Convention", choices=choices(CONVENTION_KINDS.items()),
                                  validate_choice=False)
    convention_reference = StringField("Référence de la convention signée",
                                       validators=[Optional(), Length(max=80)])


def _select(label: str, options: dict[str, str], message: str) -> SelectField:
    return SelectField(label, choices=choices(NO_CHOICE + list(options.items())),
                       validators=[DataRequired(message)])


class AssessmentForm(FlaskForm):
    class Meta(FrenchMeta):
        pass

    version = HiddenField()
    attendance = _select("Présence", ATTENDANCE, "Indiquez la présence.")
    days_attended = IntegerField("Jours de présence (si partielle)",
                                 validators=[Optional(), NumberRange(0, 60)])
    tutor_punctuality = _select("Ponctualité et assiduité", TUTOR_RATINGS, "Indiquez l'avis du tuteur.")
    tutor_teamwork = _select("Intégration dans l'équipe", TUTOR_RATINGS, "Indiquez l'avis du tuteur.")
    tutor_job_skills = _select("Gestes du métier", TUTOR_RATINGS, "Indiquez l'avis du tuteur.")
    tutor_would_hire = _select("Le tuteur embaucherait-il la personne ?", ANSWERS,
                               "Indiquez la réponse du tuteur.")
    tutor_comment = TextAreaField("Commentaire du tuteur", validators=[Optional(), Length(max=2000)])
    person_liked_job = _select("Le métier plaît-il à la personne ?", ANSWERS,
                               "Indiquez l'avis de la personne.")
    person_comment = TextAreaField("Ce qu'en dit la personne", validators=[Optional(), Length(max=2000)])
    outcome = _select("Suite donnée", IMMERSION_OUTCOMES, "Indiquez la suite donnée.")
    outcome_note = TextAreaField("Précisions", validators=[Optional(), Length(max=2000)])
    hired_contract = SelectField("Contrat signé (embauche)", choices=choices(NO_CHOICE + list(HIRE_CONTRACTS.items())),
                                 validators=[Optional()])
    hired_on = DateField("Date d'embauche", validators=[Optional()], horizon=HIRE)
    hired_hours_per_week = DecimalCommaField("Heures par semaine du contrat", validators=[Optional()])


class FilterForm(Form):
    """The filters of the immersions list (a GET form)."""

    class Meta(FrenchMeta):
        pass

    status = SelectField("Étape", choices=choices([("", "Toutes"), *IMMERSION_STATUSES.items()]))
    focus = SelectField("À suivre", choices=choices(FOCUSES.items()))

    profile_id = HiddenField()

    def filters(self) -> ImmersionFilters:
        profile = self.profile_id.data or ""
        return ImmersionFilters(status=self.status.data or "", focus=self.focus.data or "",
                                profile_id=int(profile) if profile.isdigit() else None)
