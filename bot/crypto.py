"""Keys, encryption at rest and pseudonyms.

* A key ring holds the current 32-byte secret and any old ones. Each secret yields, through
  HKDF, an AES-256-GCM key (with a 4-character key id stored in front of every ciphertext)
  and an HMAC key for pseudonyms.
* Ciphertexts are bound to their table and column by the associated data, so a value copied
  into another column does not decrypt.
* A person is ``HMAC-SHA256(pseudonym key, telegram user id)``: the same person maps to the
  same subject, and the id cannot be enumerated back without the key (ENISA 2019, 3.2).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

__all__ = [
    "DecryptionError",
    "KeyRing",
    "active_keyring",
    "generate_secret",
    "install_keyring",
]

_KID_LEN = 4
_NONCE_LEN = 12


class DecryptionError(Exception):
    """A stored value did not decrypt: wrong key, wrong column, or tampering."""


def generate_secret() -> str:
    """32 random bytes, URL-safe base64 without padding."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()


def _derive(secret: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(secret)


@dataclass(frozen=True, slots=True)
class _Key:
    kid: bytes
    aead: AESGCM
    pseudonym: bytes


def _key(secret: bytes) -> _Key:
    kid = base64.b32encode(hashlib.sha256(b"lastivka-kid" + secret).digest())[:_KID_LEN]
    return _Key(
        kid=kid,
        aead=AESGCM(_derive(secret, b"lastivka/aes-256-gcm")),
        pseudonym=_derive(secret, b"lastivka/pseudonym"),
    )


class KeyRing:
    """The current key (encrypts, makes pseudonyms) and old keys (still decrypt)."""

    def __init__(self, current: bytes, old: Sequence[bytes] = ()) -> None:
        self._current = _key(current)
        self._old = tuple({k.kid: k for k in map(_key, old) if k.kid != self._current.kid}.values())
        self._by_kid = {k.kid: k for k in self._old}
        self._by_kid[self._current.kid] = self._current

    @property
    def current_kid(self) -> str:
        return self._current.kid.decode()

    @property
    def old_kids(self) -> tuple[str, ...]:
        """The ids of the old keys (they decrypt, and their pseudonyms are still recognised)."""
        return tuple(k.kid.decode() for k in self._old)

    @staticmethod
    def key_id_of(blob: bytes) -> str:
        """The id of the key a stored value was encrypted with, read without decrypting."""
        return bytes(blob[:_KID_LEN]).decode("ascii", errors="replace")

    def encrypt(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(_NONCE_LEN)
        return self._current.kid + nonce + self._current.aead.encrypt(nonce, plaintext, aad)

    def decrypt(self, blob: bytes, aad: bytes) -> bytes:
        key = self._by_kid.get(bytes(blob[:_KID_LEN]))
        if key is None:
            raise DecryptionError("stored value was encrypted with a key not in the key ring")
        nonce = bytes(blob[_KID_LEN : _KID_LEN + _NONCE_LEN])
        try:
            return key.aead.decrypt(nonce, bytes(blob[_KID_LEN + _NONCE_LEN :]), aad)
        except InvalidTag as exc:
            raise DecryptionError("stored value failed authentication") from exc

    def pseudonym(self, namespace: str, identifier: int | str) -> str:
        """A stable pseudonym for an external id, e.g. ``pseudonym("tg", user_id)``."""
        return _pseudonym(self._current, namespace, identifier)

    def old_pseudonyms(self, namespace: str, identifier: int | str) -> list[str]:
        """The pseudonyms each old key made for the id: what rows not yet rotated hold."""
        return [_pseudonym(key, namespace, identifier) for key in self._old]


def _pseudonym(key: _Key, namespace: str, identifier: int | str) -> str:
    message = f"{namespace}:{identifier}".encode()
    return hmac.new(key.pseudonym, message, hashlib.sha256).hexdigest()


class _Holder:
    keyring: KeyRing | None = None


def install_keyring(keyring: KeyRing) -> None:
    """Make the key ring the one encrypted columns use (done once at start-up)."""
    _Holder.keyring = keyring


def active_keyring() -> KeyRing:
    if _Holder.keyring is None:
        raise RuntimeError("no key ring installed: call bot.crypto.install_keyring first")
    return _Holder.keyring
