import pytest
from django.core.management import CommandError, call_command

from nidaa.accounts.models import Organization
from nidaa.calls.models import Call
from nidaa.cli import main
from tests.calls.conftest import TOR_TEXT


@pytest.fixture
def tor_file(tmp_path):
    path = tmp_path / "tdr-formateur.txt"
    path.write_text(TOR_TEXT, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_cli_import_creates_the_organisation_and_publishes(fake_extractor, tor_file, capsys):
    assert main(["tor", "import", str(tor_file), "--org", "nouvelle-asso", "--publish"]) == 0
    organization = Organization.objects.get(slug="nouvelle-asso")
    call = Call.objects.get()
    assert call.organization == organization
    assert call.status == "published"
    assert capsys.readouterr().out == (
        f"{call.pk}\tRecrutement d'un formateur pour un atelier sur la gouvernance locale\tpublished\n"
    )


@pytest.mark.django_db
def test_cli_import_without_publish_leaves_drafts(fake_extractor, tor_file, org, capsys):
    call_command("import_tor", str(tor_file), "--org", org.slug)
    assert Call.objects.get().status == "draft"
    assert Organization.objects.count() == 1


@pytest.mark.django_db
def test_cli_import_reports_each_failure_and_goes_on(fake_extractor, tor_file, tmp_path, capsys):
    missing = tmp_path / "absent.txt"
    with pytest.raises(CommandError, match="1 of 2 files could not be imported"):
        call_command("import_tor", str(missing), str(tor_file), "--org", "asso")
    captured = capsys.readouterr()
    assert f"{missing}: error: No such file or directory" in captured.err
    assert captured.out.endswith("\tdraft\n")
    assert Call.objects.count() == 1


@pytest.mark.django_db
def test_cli_exit_status_is_1_when_a_file_fails(fake_extractor, tmp_path):
    with pytest.raises(SystemExit) as exited:
        main(["tor", "import", str(tmp_path / "absent.txt"), "--org", "asso"])
    assert exited.value.code == 1
