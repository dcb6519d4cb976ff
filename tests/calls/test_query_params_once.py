"""A CallQuery works out its parameters and query string once (a page asks
several times); what it hands out must not be a way to change it."""

from datetime import date

from nidaa.calls.query import CallQuery


def test_a_query_s_parameters_cannot_be_changed_through_what_it_returns():
    query = CallQuery(q="projet", call_type="trainer", deadline_after=date(2026, 1, 2))
    assert query.to_querystring() == "q=projet&type=trainer&deadline_after=2026-01-02"
    params = query.to_params()
    params["q"] = "autre"
    params["state"] = "open"
    assert query.to_params() == {"q": "projet", "type": "trainer", "deadline_after": "2026-01-02"}
    assert query.to_querystring() == "q=projet&type=trainer&deadline_after=2026-01-02"
    assert query.filters_set is True  # type and deadline are filters of the disclosure
    assert query.is_empty is False
    assert CallQuery().is_empty is True
    assert CallQuery(q="x", issuer="org").filters_set is False
