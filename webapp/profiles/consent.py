"""The gates a profile passes to leave its AE: the person's consent, and explicit shares."""

from webapp.accounts.models import User
from webapp.core.errors import NotAllowed
from webapp.extensions import db
from webapp.profiles.models import Profile, ProfileShare

PROMOTABLE_STATUSES = frozenset({"accompaniment", "proposed", "promoted", "immersion"})


def can_be_promoted(profile: Profile) -> bool:
    """True when the profile may leave the platform's professionals (employers, partners)."""
    return profile.consent_promotion and profile.status in PROMOTABLE_STATUSES


def promotable_clause():
    """SQL: the profiles `can_be_promoted` accepts."""
    return Profile.consent_promotion.is_(True) & Profile.status.in_(PROMOTABLE_STATUSES)


def require_promotable(profile: Profile) -> None:
    """NotAllowed, in French, when the profile may not be shown outside the professionals."""
    if not profile.consent_promotion:
        raise NotAllowed(f"{profile.display_label} n'a pas donné son accord pour être présenté(e) "
                         "aux employeurs : son profil reste entre professionnels.")
    if profile.status not in PROMOTABLE_STATUSES:
        raise NotAllowed(f"{profile.display_label} est « {profile.status_label} » : "
                         "son profil ne peut pas être présenté.")


def share_profile(profile: Profile, user: User, reason: str, by: User | None) -> ProfileShare:
    """Let `user` see the profile (cellule emploi, promotion); idempotent."""
    for share in profile.shares:
        if share.user_id == user.id and share.reason == reason:
            return share
    share = ProfileShare(profile=profile, user=user, reason=reason, granted_by_id=by.id if by else None)
    db.session.add(share)
    db.session.flush()
    return share


def unshare_profile(profile: Profile, user: User, reason: str | None = None) -> None:
    """Withdraw the shares of the profile with `user` (all reasons when none is given)."""
    for share in list(profile.shares):
        if share.user_id == user.id and reason in (None, share.reason):
            profile.shares.remove(share)
    db.session.flush()
