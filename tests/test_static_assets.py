from django.contrib.staticfiles import finders


def test_project_stylesheet_and_scripts_are_found_by_staticfiles():
    for asset in ("nidaa/nidaa.css", "nidaa/calls-review.js"):
        assert finders.find(asset), asset
