"""The cellule emploi: sessions, agenda, live session screen, minutes, putting people forward,
employment events."""
