"""The indicators dashboard (/tableau-de-bord)."""
