"""The calls' pages by audience: ``public`` (catalogue, a call, an organisation)
and ``issuer`` (dashboard, import, review, status changes)."""
