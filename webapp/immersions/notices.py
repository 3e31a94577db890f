"""Who learns of an immersion: the host company's employer accounts (the job, dates and
reference, never the person) and the person's AE (the dates, the person by label only)."""

from webapp.accounts.models import User
from webapp.accounts.recipients import employer_user_ids
from webapp.core.formatting import date_fr
from webapp.core.notify import notify, record_path
from webapp.immersions.models import Immersion


def tell_proposed(immersion: Immersion, actor: User) -> None:
    dates = {"start": date_fr(immersion.start_date), "end": date_fr(immersion.end_date),
             "reference": immersion.reference}
    job = immersion.offer.title if immersion.offer is not None else immersion.rome.label
    if immersion.company_id is not None:
        notify("immersion_proposed", employer_user_ids(immersion.company_id),
               record_type="immersion", record_id=immersion.id,
               url=record_path("employer_space.index"), exclude=actor.id,
               params={**dates, "job": job})
    notify("meeting_set", [immersion.profile.ae_id], record_type="immersion",
           record_id=immersion.id, url=record_path("immersions.detail", immersion_id=immersion.id),
           exclude=actor.id,
           params={"meeting": "Immersion", "on": f"{dates['start']} (jusqu'au {dates['end']})",
                   "person": immersion.profile.display_label, "reference": immersion.reference,
                   "profile_id": immersion.profile_id})
