"""The profile form (with a help line per field, in an AE's words) and the caseload filters."""

from dataclasses import asdict

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from webapp.core.choices import choices
from webapp.core.dates import AVAILABILITY, HIRE, SINCE, SUPPORT_ENTRY, DateConfirmation, DateField
from webapp.core.forms import (
    POSTAL_CODE,
    POSTAL_CODE_INPUT,
    DecimalCommaField,
    FrenchMeta,
    optional_int,
)
from webapp.offers.models import CONTRACTS
from webapp.profiles.caseload import READINESS_FILTERS, SORTS, STATUS_FILTERS, CaseloadFilters
from webapp.profiles.history import MAX_TARGETS
from webapp.profiles.models import BARRIERS, PARCOURS, PROFILE_STATUSES, TRAVEL_MODES
from webapp.profiles.rules import NOTELESS_BARRIERS, ProfileData, TargetData

BARRIER_HELP = {
    "mobility": "Par ex. « pas de permis », « quartier mal desservi le matin ».",
    "childcare": "Cocher limite les horaires proposés (pas de nuit ni de tôt le matin imposés).",
    "health": ("Cochez seulement s'il existe une contrainte de santé pour certains postes. "
               "N'écrivez jamais de diagnostic ni aucun détail médical : il n'y a pas de note ici."),
    "housing": "Par ex. « hébergement temporaire ».",
    "digital": "Par ex. « pas d'ordinateur », « peu à l'aise avec les démarches en ligne ».",
    "language": "Par ex. « français oral à renforcer ».",
    "other": "Un mot sur la difficulté, sans détail personnel.",
}


class TargetForm(Form):
    class Meta(FrenchMeta):
        pass

    rome_code = StringField("Métier visé", description=(
        "Tapez le métier dans les mots de la personne (« femme de ménage », « cariste ») "
        "et choisissez dans la liste."))
    experience_months = IntegerField(
        "Expérience dans ce métier (mois)", default=0,
        validators=[Optional(), NumberRange(0, 600, "Entre 0 et 600 mois.")],
        description="Toutes expériences confondues, bénévolat et stages compris.")
    skills = TextAreaField("Savoir-faire dans ce métier", validators=[Length(max=1000)],
                           description="Ce que la personne sait faire, en quelques mots.")


class BarriersForm(Form):
    class Meta(FrenchMeta):
        pass

    def rows(self) -> list[tuple]:
        """(flag field, note field or None) for each barrier, in display order."""
        return [(self[key], self[f"{key}_note"] if key not in NOTELESS_BARRIERS else None)
                for key in BARRIERS]


for _key, _label in BARRIERS.items():
    setattr(BarriersForm, _key, BooleanField(_label, description=BARRIER_HELP[_key]))
    if _key not in NOTELESS_BARRIERS:
        setattr(BarriersForm, f"{_key}_note", StringField(
            f"Note ({_label.lower()})", validators=[Length(max=200)]))


class ProfileForm(FlaskForm):
    class Meta(FrenchMeta):
        pass

    version = HiddenField()
    date_confirmed = DateConfirmation()  # "oui": an unusual date, confirmed
    organisation_id = SelectField("Organisation", coerce=optional_int)
    label = StringField("Nom d'usage", validators=[
        DataRequired("Indiquez le prénom et l'initiale du nom."), Length(max=60)],
        description="Le prénom et l'initiale du nom, par ex. « Karima B. ». Jamais le nom complet.")
    external_ref = StringField("Référence du dossier", validators=[Length(max=80)], description=(
        "Le numéro du dossier au Département ou à France Travail, pour retrouver la personne. "
        "Les chargés de relations entreprises ne le voient pas."))
    ae_id = SelectField("Accompagnateur référent", coerce=optional_int,
                        description="L'AE qui suit la personne et voit son profil.")
    commune_insee = StringField("Commune de résidence", description=(
        "Tapez le nom ou le code postal et choisissez dans la liste ; "
        "elle sert à calculer les trajets et donne le pôle."))
    postal_code = StringField("Code postal", validators=[Optional(), POSTAL_CODE],
                              render_kw=POSTAL_CODE_INPUT, description=(
        "Facultatif : dans une commune étendue (Arles : 13129 Salin-de-Giraud, 13200 la "
        "ville…), il rend les trajets plus justes."))
    parcours = SelectField("Parcours", choices=choices(PARCOURS.items()),
                           description="Le parcours d'insertion décidé avec la personne.")
    entry_date = DateField("Entrée en accompagnement", validators=[Optional()], horizon=SUPPORT_ENTRY,
                           description="La date du premier rendez-vous d'accompagnement.")
    weekly_activity_hours = DecimalCommaField(
        "Heures d'activité prévues par semaine",
        description="Le temps d'activité prévu dans le contrat d'engagement (souvent 15 h).")
    targets = FieldList(FormField(TargetForm), min_entries=MAX_TARGETS, max_entries=MAX_TARGETS)
    target_titles = TextAreaField("Métiers dans ses mots", description=(
        "Un métier par ligne, tel que la personne le dit, s'il n'est pas dans la liste."))
    mobility_modes = SelectMultipleField(
        "Modes de déplacement", choices=choices(TRAVEL_MODES.items()),
        widget=ListWidget(prefix_label=False), option_widget=CheckboxInput(),
        description="Tous les moyens que la personne peut utiliser pour aller travailler.")
    max_minutes = IntegerField("Temps de trajet maximal (minutes, aller)", default=45,
                               description="Au-delà, un poste n'est pas proposé. 3 heures au plus.")
    max_km = DecimalCommaField("Distance maximale (km)",
                               description="Facultatif : seulement si la personne fixe une limite en km.")
    driving_licence = BooleanField("Permis B")
    vehicle = BooleanField("Véhicule à disposition")
    min_hours_per_week = DecimalCommaField("Heures par semaine, au moins",
                                           description="En dessous, le poste ne lui convient pas.")
    max_hours_per_week = DecimalCommaField("Heures par semaine, au plus",
                                           description="Au-delà, le poste ne lui convient pas.")
    can_night = BooleanField("Peut travailler de nuit")
    can_weekend = BooleanField("Peut travailler le week-end")
    can_early_morning = BooleanField("Peut commencer tôt le matin (avant 7 h)")
    can_split_shift = BooleanField("Accepte les horaires coupés")
    available_from = DateField("Disponible à partir du", validators=[Optional()], horizon=AVAILABILITY,
                               description="Vide si la personne est disponible tout de suite.")
    barriers = FormField(BarriersForm)
    qualifications = TextAreaField("Diplômes et qualifications", validators=[Length(max=2000)],
                                   description="Diplômes, titres, habilitations (CACES, SST…).")
    languages = StringField("Langues parlées", validators=[Length(max=200)],
                            description="Par ex. « français, arabe ».")
    job_ready = BooleanField("Proche de l'emploi", description=(
        "La personne peut être présentée à un employeur dès maintenant."))
    job_ready_since = DateField("Proche de l'emploi depuis le", validators=[Optional()], horizon=SINCE,
                                description="Vide : la date du jour.")
    status = SelectField("Situation", choices=choices(PROFILE_STATUSES.items()))
    hired_contract = SelectField("Contrat signé",
                                 choices=choices([("", "—"), *CONTRACTS.items()]),
                                 description="Seulement si la personne est embauchée.")
    hired_on = DateField("Date d'embauche", validators=[Optional()], horizon=HIRE)
    left_reason = StringField("Motif de sortie", validators=[Length(max=200)], description=(
        "Seulement en cas de sortie, par ex. « déménagement hors du département »."))
    consent_promotion = BooleanField("La personne accepte d'être présentée aux employeurs", description=(
        "À cocher seulement après lui avoir expliqué. Sans son accord, son profil reste "
        "entre professionnels de l'accompagnement. Chaque changement est daté et signé."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for rank, entry in enumerate(self.targets, start=1):
            entry.rome_code.label.text = f"Métier visé n° {rank}"

    def to_data(self) -> ProfileData:
        """The typed values as the profile service takes them."""
        targets = tuple(
            TargetData(entry.rome_code.data.strip().upper(), entry.experience_months.data or 0,
                       entry.skills.data or "")
            for entry in self.targets if (entry.rome_code.data or "").strip()
        )
        barriers = {key: (self.barriers[f"{key}_note"].data or "" if key not in NOTELESS_BARRIERS
                          else "") for key in BARRIERS if self.barriers[key].data}
        return ProfileData(
            label=self.label.data or "", external_ref=self.external_ref.data or "",
            ae_id=self.ae_id.data, commune_insee=(self.commune_insee.data or "").strip() or None,
            postal_code=(self.postal_code.data or "").strip() or None,
            parcours=self.parcours.data, entry_date=self.entry_date.data,
            weekly_activity_hours=self.weekly_activity_hours.data, targets=targets,
            target_titles=tuple(line.strip() for line in (self.target_titles.data or "").splitlines()
                                if line.strip()),
            mobility_modes=tuple(self.mobility_modes.data or ()),
            max_minutes=self.max_minutes.data, max_km=self.max_km.data,
            driving_licence=self.driving_licence.data, vehicle=self.vehicle.data,
            min_hours_per_week=self.min_hours_per_week.data,
            max_hours_per_week=self.max_hours_per_week.data,
            can_night=self.can_night.data, can_weekend=self.can_weekend.data,
            can_early_morning=self.can_early_morning.data, can_split_shift=self.can_split_shift.data,
            available_from=self.available_from.data, barriers=barriers,
            qualifications=self.qualifications.data or "", languages=self.languages.data or "",
            job_ready=self.job_ready.data, job_ready_since=self.job_ready_since.data,
            status=self.status.data, hired_contract=self.hired_contract.data or None,
            hired_on=self.hired_on.data, left_reason=self.left_reason.data or "",
            consent_promotion=self.consent_promotion.data,
        )

    def field_at(self, path: str):
        """The form field a service problem names (`targets.0.rome_code`, `barriers.mobility`)."""
        parts = path.split(".")
        if parts[0] == "targets":
            index = int(parts[1]) if len(parts) > 1 else 0
            entry = self.targets[min(index, MAX_TARGETS - 1)]
            return entry[parts[2]] if len(parts) > 2 else entry.rome_code
        if parts[0] == "barriers":
            key = parts[1] if len(parts) > 1 else "other"
            return self.barriers[f"{key}_note"] if f"{key}_note" in self.barriers else self.barriers[key]
        return self._fields.get(parts[0], self.label)


def form_values(data: ProfileData, version: int | None) -> dict:
    """What a new or edit form starts with, from a profile's values."""
    values = asdict(data)
    targets = [asdict(t) for t in data.targets]
    values["targets"] = targets + [{"rome_code": "", "experience_months": 0, "skills": ""}] * (
        MAX_TARGETS - len(targets))
    values["target_titles"] = "\n".join(data.target_titles)
    values["mobility_modes"] = list(data.mobility_modes)
    values["barriers"] = {**{key: key in data.barriers for key in BARRIERS},
                          **{f"{key}_note": note for key, note in data.barriers.items()}}
    values["hired_contract"] = data.hired_contract or ""
    values["version"] = version
    return values


class CaseloadFilterForm(Form):
    """The caseload's filters, read from the query string so that the URL keeps them."""

    class Meta(FrenchMeta):
        pass

    q = StringField("Rechercher", description="Nom d'usage ou référence.")
    status = SelectField("Situation", choices=choices(STATUS_FILTERS.items()), default="")
    readiness = SelectField("Proche de l'emploi", choices=choices(READINESS_FILTERS.items()),
                            default="")
    parcours = SelectField("Parcours", choices=choices([("", "Tous"), *PARCOURS.items()]),
                           default="")
    ae_id = SelectField("Référent", coerce=optional_int, validators=[Optional()])
    stale = BooleanField("À mettre à jour seulement")
    sort = SelectField("Trier par", choices=choices((k, v[0]) for k, v in SORTS.items()),
                       default="nom")

    def to_filters(self, page: int) -> CaseloadFilters:
        """The filters as the caseload service takes them (unknown values fall back to all)."""
        return CaseloadFilters(
            status=self.status.data or "", readiness=self.readiness.data or "",
            parcours=self.parcours.data or "", stale=self.stale.data, q=self.q.data or "",
            ae_id=self.ae_id.data, sort=self.sort.data or "nom", page=page)
