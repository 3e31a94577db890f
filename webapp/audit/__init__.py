"""The administrator's reading of the profile access log."""
