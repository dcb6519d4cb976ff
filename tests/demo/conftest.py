"""The demo loader imports ToRs through the calls services: the calls tests'
stand-in extractor and temporary media."""

from tests.calls.conftest import fake_extractor, media_in_tmp  # noqa: F401
