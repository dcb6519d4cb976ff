"""PostgreSQL keeps each call's search vector in its row (migration 0007):
testing a row against a search must not cost a TOAST look-up. A later
migration that recreates the column must set the storage again."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL storage setting")
def test_the_search_vector_is_stored_in_the_row():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = 'calls_call'::regclass AND attname = 'search_vector'"
        )
        assert cursor.fetchone() == ("m",)  # MAIN: in the row, compressed if need be
