"""The data key of an encrypted data folder: kept by the operating system, recoverable with a recovery key.

The key is 32 random bytes. The OS credential store (``keyring``: Windows Credential Manager, protected by DPAPI
for the logged-in user; macOS Keychain; Secret Service on Linux) keeps it, so the clerk types nothing at start-up.
The folder's ``encryption.json`` holds no secret usable alone: the key wrapped (XOR with an HKDF-SHA256 pad) under
the **recovery key** (160 random bits shown once as 8 groups of 4 letters/digits, to print and keep), so that
the folder opens on another PC or after a Windows reinstall. Losing both the PC's store and the recovery key loses
the data: that is what encryption means, and the README says it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

from thidua_desktop.core.errors import KeyUnavailableError, UserError
from thidua_desktop.core.storage import atomic

log = logging.getLogger(__name__)

KEY_FILE = "encryption.json"
SERVICE = "ThiDuaDesktop"
PLAIN_ENV = "THIDUA_NEW_FOLDERS_PLAIN"
"""Set (the test suite does) to create new data folders unencrypted; encryption stays on by default."""
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed from paper
RECOVERY_GROUPS = 8


@dataclass(frozen=True)
class FolderKey:
    key: bytes
    recovery_key: str = ""
    """Set only when the key was just created: to show once."""


def key_file(root: Path) -> Path:
    return Path(root) / KEY_FILE


def is_encrypted_folder(root: Path) -> bool:
    return key_file(root).exists()


def store_available() -> bool:
    """Whether the OS credential store can keep a key (none in a headless Linux session, for example)."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0
    except Exception:  # noqa: BLE001 - any failure of the store means "not available"
        return False


def new_folders_encrypted() -> bool:
    return not os.environ.get(PLAIN_ENV) and store_available()


def _account(folder_id: str) -> str:
    return f"khoa-du-lieu-{folder_id}"


def derive(secret: bytes, salt: bytes, info: bytes) -> bytes:
    """HKDF-SHA256 (RFC 5869), one 32-byte block: from a random secret, keys for separate uses."""
    prk = hmac.new(salt or b"\x00" * 32, secret, hashlib.sha256).digest()
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()


def _pad(recovery: bytes, folder_id: str, nonce: bytes) -> bytes:
    """The one-time pad that wraps the key: HKDF of the recovery key, fresh with each nonce."""
    return derive(recovery, folder_id.encode() + nonce, b"thidua recovery wrap v1")


def _xor(left: bytes, right: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(left, right, strict=True))


def _check(key: bytes, folder_id: str) -> str:
    return hmac.new(key, f"thidua check {folder_id}".encode(), hashlib.sha256).hexdigest()


def format_recovery(raw: bytes) -> str:
    number = int.from_bytes(raw, "big")
    letters = []
    for _ in range(RECOVERY_GROUPS * 4):
        number, digit = divmod(number, len(RECOVERY_ALPHABET))
        letters.append(RECOVERY_ALPHABET[digit])
    text = "".join(reversed(letters))
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery(text: str) -> bytes:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(cleaned) != RECOVERY_GROUPS * 4 or any(ch not in RECOVERY_ALPHABET for ch in cleaned):
        raise UserError(
            "Khóa khôi phục gồm 8 nhóm, mỗi nhóm 4 chữ hoặc số (ví dụ ABCD-EFGH-…); hãy gõ lại theo bản đã in."
        )
    number = 0
    for ch in cleaned:
        number = number * len(RECOVERY_ALPHABET) + RECOVERY_ALPHABET.index(ch)
    return number.to_bytes(20, "big")


def _read(root: Path) -> dict[str, str]:
    path = key_file(root)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != 1:
            raise ValueError("format")
        return {k: str(v) for k, v in data.items()}
    except (OSError, ValueError) as exc:
        raise UserError(f"Không đọc được tệp khóa «{path}» của thư mục dữ liệu đã mã hóa: {exc}.") from exc


def _write(root: Path, folder_id: str, key: bytes, recovery: bytes) -> None:
    nonce = secrets.token_bytes(16)
    wrapped = _xor(key, _pad(recovery, folder_id, nonce))
    payload = {
        "format": 1,
        "folder_id": folder_id,
        "cipher": "sqlcipher4",
        "nonce": base64.b64encode(nonce).decode(),
        "wrapped_key": base64.b64encode(wrapped).decode(),
        "check": _check(key, folder_id),
        "note": "Khóa dữ liệu đã được bọc bằng khóa khôi phục; tệp này một mình không mở được dữ liệu.",
    }
    atomic.write_text(key_file(root), json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def _save_in_store(folder_id: str, key: bytes) -> None:
    import keyring

    try:
        keyring.set_password(SERVICE, _account(folder_id), key.hex())
    except Exception as exc:  # noqa: BLE001 - the store's own errors vary by platform
        raise UserError(f"Không lưu được khóa vào kho khóa của hệ điều hành: {exc}.") from exc


def create_key(root: Path) -> FolderKey:
    """A new key for ``root``: saved in the OS store first, then ``encryption.json``; the recovery key to show."""
    folder_id = str(uuid.uuid4())
    key, recovery = secrets.token_bytes(32), secrets.token_bytes(20)
    _save_in_store(folder_id, key)
    _write(root, folder_id, key, recovery)
    log.info("Đã tạo khóa mã hóa cho thư mục dữ liệu %s", root)
    return FolderKey(key, format_recovery(recovery))


def load_key(root: Path) -> bytes | None:
    """The key of an encrypted folder from the OS store; None for a plain folder.

    Raises ``KeyUnavailableError`` when this PC does not have it (the folder was copied from another PC).
    """
    if not is_encrypted_folder(root):
        return None
    data = _read(root)
    folder_id = data["folder_id"]
    stored: str | None = None
    if store_available():
        import keyring

        try:
            stored = keyring.get_password(SERVICE, _account(folder_id))
        except Exception as exc:  # noqa: BLE001
            log.warning("Kho khóa của hệ điều hành không trả lời: %s", exc)
    if stored:
        key = bytes.fromhex(stored)
        if hmac.compare_digest(_check(key, folder_id), data["check"]):
            return key
    raise KeyUnavailableError(
        f"Thư mục dữ liệu «{root}» đã được mã hóa và máy này chưa có khóa của nó (ví dụ thư mục được chép từ máy "
        "khác). Hãy nhập khóa khôi phục đã in khi bật mã hóa (dòng lệnh: thidua encryption unlock KHÓA)."
    )


def unlock(root: Path, recovery_text: str) -> bytes:
    """Open the folder's key with the recovery key and keep it in this PC's credential store."""
    data = _read(root)
    folder_id = data["folder_id"]
    pad = _pad(parse_recovery(recovery_text), folder_id, base64.b64decode(data["nonce"]))
    key = _xor(base64.b64decode(data["wrapped_key"]), pad)
    if not hmac.compare_digest(_check(key, folder_id), data["check"]):
        raise UserError(f"Khóa khôi phục không đúng với thư mục dữ liệu «{root}».")
    _save_in_store(folder_id, key)
    return key


def new_recovery_key(root: Path, key: bytes) -> str:
    """Replace the recovery key (the old one stops working); the new one, to show once."""
    data = _read(root)
    recovery = secrets.token_bytes(20)
    _write(root, data["folder_id"], key, recovery)
    return format_recovery(recovery)
