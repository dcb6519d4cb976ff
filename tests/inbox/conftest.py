"""The mail tests share the applications tests' fixtures: media in a temporary
folder, an open call, an applicant."""

from tests.applications.conftest import _media_in_tmp, applicant, applicant_client, call  # noqa: F401
