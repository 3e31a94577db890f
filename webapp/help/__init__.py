"""Help and public information: a short guide per role, the accessibility statement, the legal
notice and the personal-data page, reachable from every page's footer without logging in."""
