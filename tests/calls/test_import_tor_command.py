import os
import subprocess
import sys
from pathlib import Path

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
    call_command("import_tor", str(tor_file), "--org", "nouvelle-asso", "--publish")
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


def test_nidaa_tor_import_end_to_end_prints_one_line_per_file_and_exits_1_on_failure(tmp_path):
    """The real command line, in its own process and database, through the real reader."""
    env = {
        **os.environ,
        "NIDAA_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    nidaa = str(Path(sys.executable).parent / "nidaa")
    subprocess.run([nidaa, "manage", "migrate", "-v", "0"], env=env, check=True)
    good = tmp_path / "tdr.txt"
    good.write_text(TOR_TEXT, encoding="utf-8")
    missing = tmp_path / "absent.txt"
    result = subprocess.run(
        [nidaa, "tor", "import", str(good), str(missing), "--org", "asso-cli", "--publish"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert result.stdout.endswith("\tpublished\n")
    assert result.stdout.count("\n") == 1
    assert f"{missing}: error: No such file or directory" in result.stderr
    assert "created organisation asso-cli" in result.stderr


def test_nidaa_tor_import_is_routed_to_the_import_tor_command(monkeypatch):
    seen = []
    monkeypatch.setattr("nidaa.cli._django", lambda argv: seen.append(argv) or 0)
    assert main(["tor", "import", "a.txt", "--org", "asso", "--publish"]) == 0
    assert seen == [["import_tor", "a.txt", "--org", "asso", "--publish"]]
