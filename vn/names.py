"""Vietnamese names, for places and persons alike.

Names are stored as typed, in NFC. A search key drops the diacritics, maps đ to d,
lower-cases and collapses spaces, so `nguyen van a` finds `Nguyễn Văn A` on any
database and whatever normal form the input arrived in.
"""

import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "d"})


def clean_name(text: str) -> str:
    """Return the name in NFC with single spaces."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def search_key(text: str) -> str:
    """Return the diacritics-free, lower-case form of a name."""
    decomposed = unicodedata.normalize("NFD", (text or "").translate(_D))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(stripped.lower().split())


def user_display_name(user) -> str:
    """Return the user's name in Vietnamese order (family name first), or the username."""
    full = " ".join(part for part in (user.last_name, user.first_name) if part)
    return full or user.get_username()


# Characters no name, code, address or note needs, and that break pages, PDFs or the
# database later: control characters (NUL is refused by PostgreSQL), zero-width and
# bidirectional formatting characters (Cf), private-use and lone surrogates, and the
# Unicode line and paragraph separators. A note may hold tabs and line breaks.
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
_LINE_BREAKS = frozenset("\t\n\r")


def forbidden_characters(text: str, *, multiline: bool = False) -> list[str]:
    """Return the characters of the text a stored value must not hold, as U+XXXX."""
    allowed = _LINE_BREAKS if multiline else frozenset()
    found = {
        c
        for c in text or ""
        if unicodedata.category(c) in _FORBIDDEN_CATEGORIES and c not in allowed
    }
    return sorted(f"U+{ord(c):04X}" for c in found)


_REMOVED_CATEGORIES = frozenset({"Cf", "Cs", "Co"})  # invisible: dropped, not spaced


def strip_forbidden(text: str) -> str:
    """Return the text without the characters forbidden_characters names: invisible ones
    dropped, control characters and line separators read as a space. For values read from
    a file, where the officer cannot retype them; a form refuses them instead."""
    if text.isprintable():
        return text
    return "".join(
        ""
        if (category := unicodedata.category(c)) in _REMOVED_CATEGORIES
        else " "
        if category in _FORBIDDEN_CATEGORIES
        else c
        for c in text
    )
