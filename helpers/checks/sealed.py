"""Answers kept out of plain sight in the student copy (``tools/make_student_copy.py``).

Model answers and feedback that states an answer are stored sealed (compressed, mixed with a key stream)
and opened by :func:`unseal` (:data:`hidden` marks such a text in the source). An accepted value is an
:class:`AnswerKey`: in the copy it holds only a salted hash of the value's normal form. This keeps an
answer from a glance or a search; it is not cryptography against a determined reader, who can try every
year until one matches.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import numbers
import zlib
from typing import Any

__all__ = ["HASHED", "SEALED", "AnswerKey", "canonical", "fingerprint", "hidden", "seal", "unseal"]

SEALED = "sealed:"
HASHED = "hashed:"


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


hidden = unseal
"""Marks a feedback text that states an answer: the student copy stores its argument sealed."""


def canonical(value: Any) -> str:
    """An answer's normal form, the one that is hashed: a date as its day, case and spaces ignored.

    >>> canonical(" Withdrawal "), canonical(1987.0), canonical(dt.datetime(2001, 5, 31))
    ('withdrawal', '1987', '2001-05-31')
    >>> canonical({"b", "a"}), canonical(("a", 2.5))
    ('{a,b}', '[a,2.5]')
    """
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if isinstance(value, numbers.Real) and not isinstance(value, bool) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return "[" + ",".join(map(canonical, value)) + "]"
    if isinstance(value, set | frozenset):
        return "{" + ",".join(sorted(map(canonical, value))) + "}"
    return " ".join(str(value).casefold().split())


def fingerprint(value: Any, salt: str) -> str:
    """``value`` as the student copy stores it: ``hashed:<salt>:<sha-256 of salt and normal form>``."""
    return f"{HASHED}{salt}:{hashlib.sha256(f'{salt}|{canonical(value)}'.encode()).hexdigest()}"


class AnswerKey:
    """An accepted answer: equal to every value of the same :func:`canonical` form, and to nothing else.

    Built from the value itself, or (in the student copy) from its :func:`fingerprint`; both behave alike.

    >>> key, copied = AnswerKey("withdrawal"), AnswerKey(fingerprint("withdrawal", "salt"))
    >>> key == "Withdrawal", copied == "Withdrawal", copied == "suspension", "withdrawal" in str(copied)
    (True, True, False, False)
    """

    __hash__ = None  # type: ignore[assignment]

    def __init__(self, value: Any, salt: str = "") -> None:
        stored = value if isinstance(value, str) and value.startswith(HASHED) else fingerprint(value, salt)
        self._salt, _, self._digest = stored[len(HASHED) :].rpartition(":")

    def __eq__(self, other: object) -> bool:
        return fingerprint(other, self._salt).rpartition(":")[2] == self._digest

    def __repr__(self) -> str:
        return "AnswerKey(...)"
