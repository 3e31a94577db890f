"""Notifications: what the platform tells people (in the app and by e-mail), their preferences,
the e-mail delivery by the task queue, password reset and the calendar feeds."""
