"""Promotion de profils: the CRE's cards to employers and their pipeline, the employer's side."""
