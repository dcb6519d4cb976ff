"""Exit 0 if the PostgreSQL server behind a DATABASE_URL answers, 1 otherwise."""

import sys

import dj_database_url
import psycopg

cfg = dj_database_url.parse(sys.argv[1])
try:
    psycopg.connect(
        host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], dbname="postgres", connect_timeout=3
    ).close()
except psycopg.Error:
    sys.exit(1)
