from tests.tor.corpus import corpus  # noqa: F401 - the fixture of the tests that read the real calls
