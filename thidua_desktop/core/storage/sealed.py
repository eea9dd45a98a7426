"""Encrypted attachment files: AES-256-GCM in 1 MiB chunks, with the data folder's key.

Layout: ``TDENC1\\n``, an 8-byte random file nonce, then chunks, each ``length (4 bytes) + ciphertext + tag``. The
nonce of chunk *n* is the file nonce followed by *n* (4 bytes); the last chunk is authenticated as last, so a file
cut short or with chunks swapped fails to open instead of giving wrong bytes. A file without the header is plain (a
folder being converted, or one never encrypted): both are read.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from thidua_desktop.core.errors import UserError

MAGIC = b"TDENC1\n"
CHUNK = 1 << 20
_LAST, _MORE = b"last", b"more"


def _cipher(key: bytes) -> AESGCM:
    return AESGCM(
        HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"thidua attachments v1").derive(key)
    )


def is_sealed(path: Path) -> bool:
    with Path(path).open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def seal(source: Path, target: Path, key: bytes) -> None:
    """Write ``source`` encrypted into ``target`` (a temporary file the caller renames)."""
    cipher, prefix = _cipher(key), secrets.token_bytes(8)
    with Path(source).open("rb") as reader, Path(target).open("wb") as writer:
        writer.write(MAGIC + prefix)
        chunk, number = reader.read(CHUNK), 0
        while True:
            following = reader.read(CHUNK)
            last = not following
            sealed = cipher.encrypt(prefix + number.to_bytes(4, "big"), chunk, _LAST if last else _MORE)
            writer.write(len(sealed).to_bytes(4, "big") + sealed)
            if last:
                return
            chunk, number = following, number + 1


def _read_exact(handle: BinaryIO, size: int) -> bytes:
    data = handle.read(size)
    if len(data) != size:
        raise InvalidTag
    return data


def chunks(path: Path, key: bytes | None) -> Iterator[bytes]:
    """The plain bytes of a stored file, sealed or not. A damaged or altered sealed file raises ``UserError``."""
    with Path(path).open("rb") as handle:
        if handle.read(len(MAGIC)) != MAGIC:
            handle.seek(0)
            yield from iter(lambda: handle.read(CHUNK), b"")
            return
        if key is None:
            raise UserError(f"Tệp «{path}» đã được mã hóa mà chưa có khóa của thư mục dữ liệu.")
        cipher, number = _cipher(key), 0
        try:
            prefix = _read_exact(handle, 8)
            while True:
                size = int.from_bytes(_read_exact(handle, 4), "big")
                sealed = _read_exact(handle, size)
                last = handle.peek(1)[:1] == b"" if hasattr(handle, "peek") else False
                yield cipher.decrypt(prefix + number.to_bytes(4, "big"), sealed, _LAST if last else _MORE)
                if last:
                    return
                number += 1
        except InvalidTag as exc:
            raise UserError(
                f"Tệp «{path}» không giải mã được: tệp đã bị thay đổi, bị cắt ngắn hoặc không đúng khóa."
            ) from exc


def unseal(path: Path, target: Path, key: bytes | None) -> None:
    with Path(target).open("wb") as writer:
        for chunk in chunks(path, key):
            writer.write(chunk)
