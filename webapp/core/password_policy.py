"""What a new password must be: long enough, not built on the e-mail, not guessable
(zxcvbn's estimate, which knows dictionaries, keyboard walks, dates and repetitions)."""

from zxcvbn import zxcvbn

from webapp.core.errors import Invalid

MIN_LENGTH = 12
MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable", about 10^8 guesses
CHECKED_LENGTH = 72  # zxcvbn slows down quadratically; the start of a long password suffices

RULE = f"{MIN_LENGTH} caractères au moins, sans votre adresse e-mail, difficile à deviner"


def password_problem(password: str, email: str = "", other_words: tuple[str, ...] = ()) -> str:
    """The French reason the password is refused, or "" when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"Le mot de passe doit compter au moins {MIN_LENGTH} caractères."
    local_part = email.strip().lower().split("@")[0]
    if len(local_part) >= 3 and local_part in password.lower():
        return "Le mot de passe ne doit pas contenir votre adresse e-mail."
    words = [word for word in (email.strip().lower(), local_part, *other_words) if word]
    if zxcvbn(password[:CHECKED_LENGTH], user_inputs=words)["score"] < MIN_SCORE:
        return (
            "Ce mot de passe est trop facile à deviner : allongez-le, par exemple avec "
            "plusieurs mots sans rapport entre eux, des chiffres et des signes."
        )
    return ""


def check_password(password: str, email: str = "", other_words: tuple[str, ...] = ()) -> None:
    """Invalid (on the password field) when the password breaks the rule."""
    if problem := password_problem(password, email, other_words):
        raise Invalid(problem, "password")
