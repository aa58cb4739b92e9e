"""国密 primitives for personal data at rest, through `cryptography` (OpenSSL's SM4 and SM3).

- Field values: SM4-GCM (128-bit key, 96-bit random nonce, 128-bit tag), written as
  ``v1:<keyid>:<base64(nonce | ciphertext | tag)>``. The key id is the first 8 hex digits of
  SM3(key), so a value names the key that sealed it and older keys stay readable.
- Blind indexes: HMAC-SM3 (hex) of a normalised value under a separate key, for exact look-ups
  without the clear value.
- Backups: SM4-GCM over a stream, under a third key.

The keys come from settings (FIELD_ENCRYPTION_KEYS, BLIND_INDEX_KEY, BACKUP_ENCRYPTION_KEY),
which read them from the environment (README, Data protection).
"""

import base64
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings

SM4_KEY_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16
VERSION = "v1"
BACKUP_MAGIC = b"BJSM4GCM1\n"
_CHUNK = 1024 * 1024


class DecryptionError(ValueError):
    """A value that no key on the keyring opens, or that was changed after sealing."""


def sm3(data: bytes) -> bytes:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize()


def hmac_sm3(key: bytes, data: bytes) -> bytes:
    mac = hmac.HMAC(key, hashes.SM3())
    mac.update(data)
    return mac.finalize()


def key_id(key: bytes) -> str:
    """A short public name for a key: the first 8 hex digits of its SM3 digest."""
    return sm3(key).hex()[:8]


def sm4_gcm_encrypt(key: bytes, plaintext: bytes, nonce: bytes | None = None) -> bytes:
    """nonce | ciphertext | tag. The nonce is random unless given (tests only)."""
    nonce = nonce if nonce is not None else os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    ciphertext = encryptor.update(plaintext) + encryptor.finalize()
    return nonce + ciphertext + encryptor.tag


def sm4_gcm_decrypt(key: bytes, sealed: bytes) -> bytes:
    if len(sealed) < NONCE_BYTES + TAG_BYTES:
        raise DecryptionError("密文过短，已损坏。")
    nonce, ciphertext, tag = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:-TAG_BYTES], sealed[-16:]
    decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, tag)).decryptor()
    try:
        return decryptor.update(ciphertext) + decryptor.finalize()
    except InvalidTag:
        raise DecryptionError("密文校验失败：数据被改动，或密钥不对。") from None


@dataclass(frozen=True)
class Keyring:
    """The current key (first) and older keys still accepted for reading."""

    keys: tuple[bytes, ...]

    def __post_init__(self) -> None:
        if not self.keys:
            raise ValueError("A keyring needs at least one key.")

    @property
    def current_id(self) -> str:
        return key_id(self.keys[0])

    def by_id(self) -> dict[str, bytes]:
        return {key_id(key): key for key in self.keys}

    def encrypt(self, text: str) -> str:
        sealed = sm4_gcm_encrypt(self.keys[0], text.encode("utf-8"))
        return f"{VERSION}:{self.current_id}:{base64.b64encode(sealed).decode('ascii')}"

    def decrypt(self, token: str) -> str:
        try:
            version, kid, payload = token.split(":", 2)
        except ValueError:
            raise DecryptionError("不是加密字段的格式（v1:密钥编号:密文）。") from None
        if version != VERSION:
            raise DecryptionError(f"不认识的密文版本 {version!r}。")
        key = self.by_id().get(kid)
        if key is None:
            raise DecryptionError(
                f"密钥 {kid} 不在 FIELD_ENCRYPTION_KEYS 中；把旧密钥加在列表后面即可读取。"
            )
        return sm4_gcm_decrypt(key, base64.b64decode(payload)).decode("utf-8")

    def is_current(self, token: str) -> bool:
        return is_encrypted(token) and token.split(":", 2)[1] == self.current_id


def is_encrypted(value: str) -> bool:
    return value.startswith(f"{VERSION}:") and value.count(":") >= 2


def field_keyring() -> Keyring:
    return Keyring(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt_field(text: str) -> str:
    return field_keyring().encrypt(text)


def decrypt_field(token: str) -> str:
    return field_keyring().decrypt(token)


def blind_index(normalised: str) -> str:
    """HMAC-SM3 (64 hex digits) of an already normalised value; '' stays '' (nothing to find)."""
    if normalised == "":
        return ""
    return hmac_sm3(settings.BLIND_INDEX_KEY, normalised.encode("utf-8")).hex()


# --- Streams (backups) -------------------------------------------------------------------------


def encrypt_stream(key: bytes, source: BinaryIO, target: BinaryIO) -> None:
    """MAGIC | nonce | ciphertext | tag, in 1 MB chunks (an archive never sits in memory)."""
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    target.write(BACKUP_MAGIC + nonce)
    for chunk in iter(lambda: source.read(_CHUNK), b""):
        target.write(encryptor.update(chunk))
    target.write(encryptor.finalize() + encryptor.tag)


def decrypt_stream(key: bytes, source: BinaryIO, target: BinaryIO, size: int) -> None:
    """Opens what encrypt_stream wrote; raises DecryptionError (and the target must be discarded)
    when the tag does not match — the file was changed or the key is wrong."""
    header = source.read(len(BACKUP_MAGIC) + NONCE_BYTES)
    if not header.startswith(BACKUP_MAGIC):
        raise DecryptionError("这不是加密备份文件（文件头不对）。")
    nonce = header[len(BACKUP_MAGIC) :]
    remaining = size - len(header) - TAG_BYTES
    if remaining < 0:
        raise DecryptionError("备份文件过短，已损坏。")
    decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).decryptor()
    for chunk in _read_exactly(source, remaining):
        target.write(decryptor.update(chunk))
    tag = source.read(TAG_BYTES)
    try:
        target.write(decryptor.finalize_with_tag(tag))
    except InvalidTag:
        raise DecryptionError(
            "备份文件校验失败：文件被改动，或 BACKUP_ENCRYPTION_KEY 不对。"
        ) from None


def _read_exactly(source: BinaryIO, count: int) -> Iterator[bytes]:
    while count > 0:
        chunk = source.read(min(_CHUNK, count))
        if not chunk:
            raise DecryptionError("备份文件不完整。")
        count -= len(chunk)
        yield chunk


def generate_key() -> str:
    """A new random 128-bit SM4 key, base64, for FIELD_ENCRYPTION_KEYS and the other keys."""
    return base64.b64encode(os.urandom(SM4_KEY_BYTES)).decode("ascii")


def random_keys_env() -> dict[str, str]:
    """Fresh keys for a throw-away environment (benchmarks, audits, scale tests)."""

    def fresh(length: int) -> str:
        return base64.b64encode(os.urandom(length)).decode("ascii")

    return {
        "FIELD_ENCRYPTION_KEYS": fresh(SM4_KEY_BYTES),
        "BLIND_INDEX_KEY": fresh(32),
        "BACKUP_ENCRYPTION_KEY": fresh(SM4_KEY_BYTES),
    }


if __name__ == "__main__":
    # `eval "$(python -m bijiang_social.crypto)"`: fresh keys for a throw-away shell (CI).
    for name, value in random_keys_env().items():
        print(f"export {name}={value}")
