"""The JSON API for partner systems (`/api/v1`): tokens, resources, OpenAPI document."""
