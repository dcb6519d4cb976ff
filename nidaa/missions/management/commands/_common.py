"""What the ``nidaa missions ...`` commands share: loading by id, reading a
file, printing row errors as ``row N: reason``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from nidaa.missions.models import Mission, Session
from nidaa.missions.services.errors import MissionError

# A spreadsheet is read whole; the reader refuses anything bigger anyway.
MAX_FILE = 20 * 1024 * 1024


def read_file(name: str) -> bytes:
    path = Path(name)
    try:
        if path.stat().st_size > MAX_FILE:
            raise CommandError(f"{name}: larger than {MAX_FILE // (1024 * 1024)} MB")
        return path.read_bytes()
    except FileNotFoundError as error:
        raise CommandError(f"{name}: no such file") from error
    except IsADirectoryError as error:
        raise CommandError(f"{name}: is a directory") from error
    except OSError as error:
        raise CommandError(f"{name}: cannot read ({error.strerror or error})") from error


def mission(mission_id: int) -> Mission:
    try:
        return Mission.objects.select_related("call", "organization").get(pk=mission_id)
    except Mission.DoesNotExist as error:
        raise CommandError(f"--mission {mission_id}: no such mission") from error


def session(session_id: int) -> Session:
    try:
        return Session.objects.select_related("mission", "module", "zone").get(pk=session_id)
    except Session.DoesNotExist as error:
        raise CommandError(f"--session {session_id}: no such session") from error


def refuse(error: MissionError) -> CommandError:
    return CommandError(str(error))


def row_errors(command: Any, errors: list[Any]) -> None:
    for error in errors:
        command.stderr.write(f"row {error.row}: {error.message}")
