"""Clients for each persona by name, so view tests can be parametrised over them."""

from django.test import Client

PERSONAS = ("owner", "member", "evaluator", "outsider", "anonymous")


def client_as(request, persona: str, **kwargs) -> Client:
    client = Client(**kwargs)
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client
