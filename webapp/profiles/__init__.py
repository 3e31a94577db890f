"""Beneficiary profiles: the caseload, the profile page and form, the access-request export."""
