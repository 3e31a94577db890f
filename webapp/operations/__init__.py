"""Running the platform: the health endpoint, backups and restores, error reporting."""
