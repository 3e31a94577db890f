"""The one rule for a stored web address: http or https only (no `javascript:`, `data:`...)."""

from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")
URL_MAX_LENGTH = 300


def web_url_problem(url: str, label: str = "lien vers l'offre d'origine") -> str | None:
    """Why `url` cannot be stored as a link (a French message naming `label`), or None."""
    text = (url or "").strip()
    if not text:
        return None
    if len(text) > URL_MAX_LENGTH:
        return f"{label} : {URL_MAX_LENGTH} caractères au plus"
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if (parts is None or parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc
            or any(ch.isspace() or ord(ch) < 32 for ch in text)):
        return f"{label} : indiquez une adresse web commençant par http:// ou https://"
    return None


def is_web_url(url: str | None) -> bool:
    """True for a non-empty http(s) address that may be rendered as a link."""
    return bool(url) and web_url_problem(url) is None
