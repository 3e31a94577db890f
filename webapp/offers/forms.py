"""Forms of the offers area: the offer, its status, the pool filters, the import and merges."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from markupsafe import Markup, escape
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import Select, html_params

from webapp.core.choices import choices
from webapp.core.dates import JOB_START, PUBLICATION_END, DateConfirmation, DateField
from webapp.core.forms import (
    POSTAL_CODE,
    POSTAL_CODE_INPUT,
    DecimalCommaField,
    FrenchMeta,
    optional_int,
)
from webapp.offers.importing import FORMATS
from webapp.offers.models import CONTRACTS, OFFER_STATUSES, VISIBILITIES
from webapp.offers.pool import (
    DAY_CHOICES,
    ENDING_CHOICES,
    EVERY_STATUS,
    RADIUS_CHOICES_KM,
    SORTS,
    PoolFilters,
)
from webapp.offers.values import OfferValues


class OfferForm(FlaskForm):
    class Meta(FrenchMeta):
        pass

    version = HiddenField()
    date_confirmed = DateConfirmation()  # "oui": an unusual date, confirmed
    organisation_id = SelectField("Organisation qui porte l'offre", coerce=optional_int, validate_choice=False)
    title = StringField("Intitulé", validators=[DataRequired("Indiquez l'intitulé de l'offre."),
                                                Length(max=200)],
                        description="Tel que l'employeur le dit, par ex. « Agent d'entretien H/F ».")
    rome_code = StringField("Métier (code ROME)", description=(
        "Tapez le métier (« femme de ménage », « cariste ») et choisissez dans la liste."))
    commune_insee = StringField("Lieu de travail", description=(
        "Tapez la commune ou le code postal et choisissez dans la liste."))
    postal_code = StringField("Code postal", validators=[Optional(), POSTAL_CODE],
                              render_kw=POSTAL_CODE_INPUT, description=(
        "Facultatif : le code postal du lieu de travail quand la commune est étendue "
        "(Arles : 13129 Salin-de-Giraud, 13200 la ville…), pour des trajets plus justes."))
    company_id = StringField("Entreprise", description=(
        "Tapez le nom ou le SIRET. Absente ? Créez d'abord sa fiche dans l'annuaire."))
    contact_id = SelectField("Contact dans l'entreprise", coerce=optional_int, validate_choice=False)
    contract = SelectField("Contrat", choices=choices(CONTRACTS.items()))
    hours_per_week = DecimalCommaField("Heures par semaine", description="Par ex. 24 ou 17,5.")
    night = BooleanField("Travail de nuit")
    weekend = BooleanField("Travail le week-end")
    early_morning = BooleanField("Tôt le matin (avant 7 h)")
    split_shift = BooleanField("Horaires coupés")
    requires_driving_licence = BooleanField("Permis B exigé")
    requires_vehicle = BooleanField("Véhicule personnel exigé")
    start_date = DateField("Date de début", validators=[Optional()], horizon=JOB_START)
    end_date = DateField("Date de fin de publication", validators=[Optional()], horizon=PUBLICATION_END, description=(
        "Passé ce jour, l'offre expire d'elle-même."))
    positions = IntegerField("Nombre de postes", default=1, validators=[
        DataRequired("Indiquez le nombre de postes."), NumberRange(1, 10_000, "Entre 1 et 10 000.")])
    positions_filled = IntegerField("Postes déjà pourvus", default=0, validators=[Optional()])
    immersion_possible = BooleanField("Une immersion (PMSMP) est possible avant l'embauche")
    description = TextAreaField("Description du poste", validators=[Length(max=5000)])
    salary = StringField("Salaire", validators=[Length(max=120)],
                         description="Par ex. « SMIC horaire » ou « 1 900 € brut par mois ».")
    skills = TextAreaField("Compétences attendues", validators=[Length(max=2000)],
                           description="Une par ligne.")
    visibility = SelectField("Visibilité", choices=choices(VISIBILITIES.items()), default="territory")
    external_ref = StringField("Référence externe", validators=[Length(max=80)],
                               description="Par ex. le numéro de l'offre chez France Travail.")
    source_url = StringField("Lien vers l'offre d'origine", validators=[Length(max=300)])

    def values(self) -> OfferValues:
        """The typed offer, for the service."""
        return OfferValues(
            title=self.title.data or "", rome_code=(self.rome_code.data or "").strip().upper() or None,
            commune_insee=(self.commune_insee.data or "").strip(), contract=self.contract.data,
            hours_per_week=self.hours_per_week.data, night=self.night.data,
            weekend=self.weekend.data, early_morning=self.early_morning.data,
            split_shift=self.split_shift.data,
            requires_driving_licence=self.requires_driving_licence.data,
            requires_vehicle=self.requires_vehicle.data, start_date=self.start_date.data,
            end_date=self.end_date.data, positions=self.positions.data or 1,
            positions_filled=self.positions_filled.data or 0,
            immersion_possible=self.immersion_possible.data,
            description=(self.description.data or "").strip(), salary=(self.salary.data or "").strip(),
            skills=(self.skills.data or "").strip(), company_id=_int_or_none(self.company_id.data),
            contact_id=self.contact_id.data, visibility=self.visibility.data,
            external_ref=(self.external_ref.data or "").strip() or None,
            source_url=(self.source_url.data or "").strip(),
            postal_code=(self.postal_code.data or "").strip() or None,
        )


def _int_or_none(text) -> int | None:
    text = str(text or "").strip()
    return int(text) if text.isdigit() else None


class StatusForm(FlaskForm):
    version = HiddenField()
    to_status = HiddenField()
    note = StringField("Commentaire (facultatif)", validators=[Length(max=500)])


POOL_STATUSES = [(EVERY_STATUS, "Tous les statuts"), *OFFER_STATUSES.items()]


class PlainSelect(Select):
    """WTForms' select with the same markup, without its per-option machinery (a `Choice`
    tuple and a sorted `html_params` call per option): the pool's filters draw some 200
    options on every page, which took a third of its CPU time."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", field.id)
        for flag in self.validation_attrs:
            if flag not in kwargs and getattr(field.flags, flag, False):
                kwargs[flag] = getattr(field.flags, flag)
        coerce, chosen = field.coerce, field.data
        options = "".join(
            f'<option {"selected " if coerce(choice.value) == chosen else ""}{_option_rest(choice)}'
            for choice in field.choices or ())
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{options}</select>")


_OPTION_TEXTS: dict[tuple, str] = {}  # (value, label) -> escaped `value="…">label</option>`


def _option_rest(choice) -> str:
    """An option's markup after `<option `, escaped once per process for each value and label
    (the pool's filters draw the same 200 options on every page)."""
    key = (choice.value, choice.label)
    text = _OPTION_TEXTS.get(key)
    if text is None:
        if len(_OPTION_TEXTS) > 5000:  # organisations renamed over months: stay small
            _OPTION_TEXTS.clear()
        text = _OPTION_TEXTS[key] = f'value="{escape(choice.value)}">{escape(choice.label or choice.value)}</option>'
    return text


class PlainSelectField(SelectField):
    """A select drawn by `PlainSelect`."""

    widget = PlainSelect()


class PoolFilterForm(FlaskForm):
    """The pool's filters, read from the URL; field names are the URL's parameters."""

    class Meta(FrenchMeta):
        csrf = False

    q = StringField("Rechercher dans l'intitulé et la description")
    famille = PlainSelectField("Famille de métiers", validate_choice=False)
    rome = StringField("Métier précis (code ROME)")
    commune = StringField("Autour de la commune")
    rayon = PlainSelectField("Rayon", coerce=int, default=20,
                             choices=choices((km, f"{km} km") for km in RADIUS_CHOICES_KM))
    contrat = PlainSelectField("Contrat", choices=choices([("", "Tous les contrats"), *CONTRACTS.items()]))
    statut = PlainSelectField("Statut", default="open", choices=choices(POOL_STATUSES))
    organisation = PlainSelectField("Organisation", coerce=optional_int, validate_choice=False)
    immersion = BooleanField("Immersion possible", false_values=("", "non", "false"))
    jours = PlainSelectField("Déposée depuis", coerce=optional_int, choices=choices(
        [("", "Peu importe"), *((d, f"moins de {d} jours") for d in DAY_CHOICES)]))
    expire = PlainSelectField("Fin de publication", coerce=optional_int, choices=choices(
        [("", "Peu importe"), *((d, f"d'ici {d} jours") for d in ENDING_CHOICES)]))
    tri = PlainSelectField("Trier par", default="recent", choices=choices(SORTS.items()))

    def filters(self) -> PoolFilters:
        """The filters to apply: a value that failed to parse filters nothing."""
        return PoolFilters(
            text=(self.q.data or "").strip()[:100], family=self._known_family(),
            rome_code=(self.rome.data or "").strip().upper(),
            commune_insee=(self.commune.data or "").strip(),
            radius_km=self.rayon.data if self.rayon.data in RADIUS_CHOICES_KM else 20,
            contract=self.contrat.data if self.contrat.data in CONTRACTS else "",
            status=self.statut.data if self.statut.data in (*OFFER_STATUSES, EVERY_STATUS) else "open",
            organisation_id=self.organisation.data,
            immersion=bool(self.immersion.data),
            days=self.jours.data if self.jours.data in DAY_CHOICES else None,
            ending_within=self.expire.data if self.expire.data in ENDING_CHOICES else None,
            sort=self.tri.data if self.tri.data in SORTS else "recent",
        )


    def _known_family(self) -> str:
        value = (self.famille.data or "").strip()
        return value if value in {choice.value for choice in self.famille.choices or []} else ""


class ImportForm(FlaskForm):
    class Meta(FrenchMeta):
        pass

    file = FileField("Fichier d'offres")
    format = SelectField("Format", choices=choices(FORMATS.items()))
    organisation_id = SelectField("Pour l'organisation", coerce=optional_int, validate_choice=False)


class ConfirmImportForm(FlaskForm):
    token = HiddenField()


class PairForm(FlaskForm):
    """Two offers of a flagged pair: which one is kept (merge) or both (not a duplicate)."""

    kept_id = HiddenField()
    absorbed_id = HiddenField()
