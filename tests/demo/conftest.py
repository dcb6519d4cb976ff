"""The demo loader imports ToRs through the calls services: the calls tests'
stand-in extractor."""

from tests.calls.conftest import fake_extractor  # noqa: F401 - fixtures
