"""Forms of the employer directory: a company with its contacts, the list filters, a merge."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from webapp.companies.directory import CompanyValues, ContactValues
from webapp.companies.models import COMPANY_LABELS, SIZE_BANDS
from webapp.core.choices import choices
from webapp.core.forms import FrenchMeta


class ContactForm(Form):
    class Meta(FrenchMeta):
        pass

    id = HiddenField()
    name = StringField("Nom", validators=[Length(max=120)])
    role = StringField("Fonction", validators=[Length(max=120)])
    phone = StringField("Téléphone", validators=[Length(max=30)])
    email = EmailField("E-mail", validators=[Optional(), Email("Adresse e-mail invalide."), Length(max=254)])
    remove = BooleanField("Retirer ce contact")

    def validate_name(self, field) -> None:
        if not (field.data or "").strip() and not self.remove.data and (
                self.role.data or self.phone.data or self.email.data):
            raise ValidationError("Indiquez le nom du contact (ou videz la ligne).")

    def value(self) -> ContactValues | None:
        if self.remove.data:
            return None
        return ContactValues(name=self.name.data or "", role=self.role.data or "",
                             phone=self.phone.data or "", email=self.email.data or "",
                             id=int(self.id.data) if str(self.id.data or "").isdigit() else None)


class CompanyForm(FlaskForm):
    class Meta(FrenchMeta):
        pass

    version = HiddenField()
    name = StringField("Raison sociale ou enseigne", validators=[
        DataRequired("Indiquez le nom de l'entreprise."), Length(max=200)])
    siret = StringField("SIRET", validators=[Length(max=20)], description=(
        "14 chiffres, espaces permis. Vérifié : une faute de frappe est signalée."))
    naf_code = SelectField("Secteur d'activité (division NAF)", coerce=lambda v: v or None)
    commune_insee = StringField("Commune", description="Tapez la commune ou le code postal et choisissez.")
    address = StringField("Adresse", validators=[Length(max=250)])
    size_band = SelectField("Effectif", coerce=lambda v: v or None,
                            choices=choices([("", "Non renseigné"), *SIZE_BANDS.items()]))
    welcomes_immersion = BooleanField(COMPANY_LABELS["welcomes_immersion"],
                                      description="Accueille des immersions (PMSMP).")
    club_member = BooleanField(COMPANY_LABELS["club_member"], description="Membre du club des entreprises.")
    social_clause = BooleanField(COMPANY_LABELS["social_clause"],
                                 description="Acheteur ou titulaire d'un marché avec clause sociale.")
    emplois_en_provence = BooleanField(COMPANY_LABELS["emplois_en_provence"],
                                       description="A signé la charte Emplois en Provence.")
    pacte_objectifs = BooleanField(COMPANY_LABELS["pacte_objectifs"],
                                   description="A signé un pacte d'objectifs.")
    notes = TextAreaField("Notes", validators=[Length(max=4000)])
    contacts = FieldList(FormField(ContactForm), min_entries=2)

    def values(self) -> CompanyValues:
        """The typed company, for the service."""
        return CompanyValues(
            name=self.name.data or "", commune_insee=(self.commune_insee.data or "").strip(),
            siret=(self.siret.data or "").strip() or None, naf_code=self.naf_code.data,
            address=self.address.data or "", size_band=self.size_band.data,
            welcomes_immersion=self.welcomes_immersion.data, club_member=self.club_member.data,
            social_clause=self.social_clause.data, emplois_en_provence=self.emplois_en_provence.data,
            pacte_objectifs=self.pacte_objectifs.data, notes=self.notes.data or "",
            contacts=tuple(v for entry in self.contacts if (v := entry.form.value()) is not None),
        )


class DirectoryFilterForm(FlaskForm):
    class Meta(FrenchMeta):
        csrf = False

    q = StringField("Nom ou SIRET")
    commune = StringField("Commune")
    label = SelectField("Label", choices=choices([("", "Tous"), *COMPANY_LABELS.items()]))


class MergeForm(FlaskForm):
    absorbed_id = StringField("Fiche à absorber", validators=[DataRequired("Choisissez la fiche à absorber.")],
                              description="Le numéro de la fiche en double (dans son adresse : /entreprises/123).")
