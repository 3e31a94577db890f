"""The API's own description: the OpenAPI document and a readable page, both without a token
(they describe the API, they hold no data) and served offline (no external script)."""

from flask import render_template

from webapp.api.models import SCOPES
from webapp.api.openapi import openapi_document
from webapp.api.routes import endpoint


@endpoint("GET", "/openapi.json", summary="Le document OpenAPI 3.1 de l'API", scope=None)
def openapi_json():
    return openapi_document()


@endpoint("GET", "/docs", summary="La documentation lisible de l'API", scope=None)
def documentation():
    document = openapi_document()
    operations = [(path, method.upper(), operation)
                  for path, methods in document["paths"].items()
                  for method, operation in methods.items()]
    return render_template("api/docs.html", document=document, operations=operations,
                           scopes=SCOPES)
