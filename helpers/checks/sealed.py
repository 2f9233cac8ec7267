"""Text kept out of plain sight in the student copy (``tools/make_student_copy.py``): model answers are
stored sealed (compressed, mixed with a key stream) and opened by :func:`unseal`. This keeps an answer from
a glance or a search; it is not cryptography against a determined reader.
"""

from __future__ import annotations

import base64
import hashlib
import zlib

__all__ = ["SEALED", "seal", "unseal"]

SEALED = "sealed:"


def _mix(data: bytes, key: str) -> bytes:
    stream = b"".join(
        hashlib.sha256(f"inf-treaty|{key}|{n}".encode()).digest() for n in range(len(data) // 32 + 1)
    )
    return bytes(a ^ b for a, b in zip(data, stream, strict=False))


def seal(text: str, key: str = "") -> str:
    """``text`` sealed with ``key``.

    >>> sealed = seal("A model answer.")
    >>> sealed.startswith(SEALED), "model" in sealed, unseal(sealed)
    (True, False, 'A model answer.')
    """
    return SEALED + base64.urlsafe_b64encode(_mix(zlib.compress(text.encode("utf-8")), key)).decode("ascii")


def unseal(text: str, key: str = "") -> str | None:
    """The text inside a sealed ``text``; a text that is not sealed as it is; None for the wrong ``key``.

    >>> unseal(seal("Yes.", key="a"), key="a"), unseal(seal("Yes.", key="a"), key="b"), unseal("plain")
    ('Yes.', None, 'plain')
    """
    if not isinstance(text, str) or not text.startswith(SEALED):
        return text
    try:
        mixed = base64.urlsafe_b64decode(text[len(SEALED) :].encode("ascii"))
        return zlib.decompress(_mix(mixed, key)).decode("utf-8")
    except (ValueError, zlib.error, UnicodeDecodeError):
        return None
