"""Open .docx/.odt containers without trusting them.

A zip's central directory says how many members there are and how big each
one unpacks; it is checked before a single byte is inflated, so a zip bomb
is refused in milliseconds. Member reads are also capped, in case a member
lies about its size.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator

from lxml import etree

from nidaa.tor.document import ReadError

MAX_MEMBERS = 5_000
MAX_TOTAL_UNCOMPRESSED = 100 * 1024 * 1024
MAX_MEMBER_UNCOMPRESSED = 60 * 1024 * 1024
# Deflated XML reaches ~20:1 and a page of repeated runs ~100:1; a bomb is
# in the thousands. Small members may compress further without harm.
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    ValueError,
    OSError,
    EOFError,
    NotImplementedError,  # compression methods zipfile does not know
    RuntimeError,  # encrypted members
)

# No DTDs, no entities, no network: OOXML and ODF never need them.
XML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


class SafeZip:
    """A zip whose directory has passed the size checks."""

    def __init__(self, data: bytes, kind: str, archive: zipfile.ZipFile | None = None) -> None:
        """``archive``: the same ``data`` already opened by :func:`open_zip`
        (telling the format opened it), so its directory is not read twice."""
        self.kind = kind
        try:
            self.zip = archive if archive is not None else zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except _ZIP_ERRORS as error:
            raise ReadError("corrupt", f"the {kind} file is damaged (not a readable zip)") from error
        if len(infos) > MAX_MEMBERS:
            raise ReadError("unsafe", f"the {kind} file has too many parts ({len(infos)}); refused")
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise ReadError(
                "unsafe",
                f"the {kind} file would unpack to {total // (1024 * 1024)} MB (zip bomb?); refused",
            )
        for info in infos:
            if info.file_size > MAX_MEMBER_UNCOMPRESSED or (
                info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)
            ):
                raise ReadError(
                    "unsafe", f"the {kind} file has a part that unpacks abnormally large (zip bomb?); refused"
                )
        self.names = {info.filename for info in infos}

    def read(self, name: str) -> bytes:
        """A member's bytes, never more than its checked declared size."""
        try:
            with self.zip.open(name) as member:
                data = member.read(MAX_MEMBER_UNCOMPRESSED + 1)
        except KeyError as error:
            raise ReadError("corrupt", f"the {self.kind} file is missing its part {name}") from error
        except _ZIP_ERRORS as error:
            raise ReadError("corrupt", f"the {self.kind} file is damaged ({name}: {error})") from error
        if len(data) > MAX_MEMBER_UNCOMPRESSED:
            raise ReadError("unsafe", f"the {self.kind} file has a part that unpacks abnormally large")
        return data

    def stream(self, name: str, size: int = 32 * 1024) -> Iterator[bytes]:
        """A member's bytes in pieces of ``size``, with the checks of
        :meth:`read`, for a caller that may stop before the end: a large part
        is then neither inflated whole nor held at once (a fresh buffer of
        hundreds of KB costs more in page faults than its inflating)."""
        try:
            member = self.zip.open(name)
        except KeyError as error:
            raise ReadError("corrupt", f"the {self.kind} file is missing its part {name}") from error
        except _ZIP_ERRORS as error:
            raise ReadError("corrupt", f"the {self.kind} file is damaged ({name}: {error})") from error
        total = 0
        with member:
            while True:
                try:
                    data = member.read(size)
                except _ZIP_ERRORS as error:
                    raise ReadError(
                        "corrupt", f"the {self.kind} file is damaged ({name}: {error})"
                    ) from error
                if not data:
                    return
                total += len(data)
                if total > MAX_MEMBER_UNCOMPRESSED:
                    raise ReadError(
                        "unsafe", f"the {self.kind} file has a part that unpacks abnormally large"
                    )
                yield data

    def xml(self, name: str) -> etree._Element:
        """A member parsed as XML with the hardened parser."""
        try:
            return etree.fromstring(self.read(name), parser=XML_PARSER)
        except etree.XMLSyntaxError as error:
            raise ReadError("corrupt", f"the {self.kind} file is damaged ({name}: {error})") from error


def open_zip(data: bytes) -> zipfile.ZipFile | None:
    """The zip opened (its directory read, nothing inflated), or None when it
    is not a readable zip (used to tell a .docx from an .odt or an .xlsx by
    content, then handed to :class:`SafeZip`)."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS:
        return None


def zip_names(data: bytes) -> set[str] | None:
    """The member names of a zip, or None when it is not a readable zip."""
    archive = open_zip(data)
    return None if archive is None else set(archive.namelist())
