"""Turn file bytes into text: BOMs, UTF-8, legacy single-byte encodings, binary files, mojibake.

``decode_bytes(data)`` returns ``(text, encoding)`` or raises :class:`InputError` naming the
problem (binary file, damaged UTF-8, unknown encoding); UTF-16 without a BOM is recognised
by its byte pattern (``utf16_without_bom``). ``repair_mojibake(text)`` returns the
text with mojibake fixed by ftfy (curly quotes and line breaks left alone) and whether it
changed anything.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer
import ftfy
from ftfy.badness import is_bad


class InputError(ValueError):
    """An input that cannot be read as a document; the message says why."""


BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings common for regional news sources, tried when a file is not UTF-8.
LEGACY = ["cp1252", "cp1251", "latin_1", "cp1250", "cp1254", "koi8_r"]
MAGIC = {
    b"%PDF-": "PDF",
    b"PK\x03\x04": "ZIP/Office",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"\x1f\x8b": "gzip",
}
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Quick test for UTF-8 read as cp1252/latin-1 ("â€œ", "Ã©") or as cp1251 ("Ð", "РЎ").
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
    "\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|[\u0420\u0421][\u0402-\u040f\u0452-\u045f\u0490\u0491\u00a0-\u00bf\u2018-\u201e"
    "\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2116\u2122]"
)
_MOJIBAKE_LEADS = "ÂÃâÐÑРС"
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def check_binary(data: bytes) -> None:
    """Raise InputError when ``data`` starts like a binary file (magic number, NUL/control bytes)."""
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"binary file ({kind}), not text")
    head = data[:8192]
    if b"\x00" in head or len(_CONTROL.findall(head)) > max(8, len(head) // 100):
        raise InputError("binary file (control bytes), not text")


def utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``data`` reads as UTF-16 text without a BOM.

    In UTF-16 text the low byte of a code unit is rarely 0, and the high bytes include 0
    (ASCII spaces, digits, line breaks) or come from few values (one script block, such as
    0x04 for Cyrillic); the start must then decode to printable text. Text in a one-byte
    encoding with a stray control byte has no such pattern.
    """
    head = data[:4096]
    n = len(head) // 2
    if n < 8 or (b"\x00" not in head and not _CONTROL.search(head)):
        return None
    even, odd = head[0 : 2 * n : 2], head[1 : 2 * n : 2]
    for name, low, high in (("utf-16-le", even, odd), ("utf-16-be", odd, even)):
        if low.count(0) > n // 20:
            continue
        counts = sorted((high.count(b) for b in set(high)), reverse=True)
        if not high.count(0) and sum(counts[:2]) < 0.9 * n:
            continue
        try:
            text = head[: 2 * n].decode(name)
        except UnicodeDecodeError:
            continue
        printable = sum(c.isprintable() or c in "\n\r\t" for c in text)
        if printable >= 0.97 * len(text):
            return name
    return None


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return the text and the encoding used.

    With ``encoding`` given, decode strictly with it. Otherwise: a BOM decides; then the
    byte pattern of UTF-16 without BOM; then UTF-8;
    then, for files with no UTF-8 multi-byte sequence at all, the best of :data:`LEGACY`
    according to charset-normalizer. Damaged UTF-8 is refused rather than guessed.
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as err:
            raise InputError(f"cannot decode as {encoding}: {err}") from None
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as err:
                raise InputError(f"undecodable bytes: {name} with BOM, but {err}") from None
    if name := utf16_without_bom(data):
        try:
            return data.decode(name), name
        except UnicodeDecodeError as err:
            raise InputError(f"undecodable bytes: {name} without BOM, but {err}") from None
    check_binary(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        if _UTF8_MULTIBYTE.search(data):
            bad = data[err.start : err.start + 4]
            raise InputError(
                f"undecodable bytes: invalid UTF-8 at byte {err.start} ({bad!r}) in a file that is "
                "otherwise UTF-8; fix the file or pass encoding=..."
            ) from None
    best = charset_normalizer.from_bytes(data, cp_isolation=LEGACY).best()
    if best is None:
        raise InputError("undecodable bytes: neither UTF-8 nor a known legacy encoding")
    text = str(best)
    for name in LEGACY:  # among encodings that read the bytes alike, name the first listed
        try:
            if data.decode(name) == text:
                return text, name
        except UnicodeDecodeError:
            continue
    return text, best.encoding


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Fix mojibake such as ``â€œ`` → ``“``; return the text and whether it changed."""
    if not any(c in text for c in _MOJIBAKE_LEADS):
        return text, False
    if not _MOJIBAKE_HINT.search(text) or not is_bad(text):
        return text, False
    fixed = ftfy.fix_text(text, _FTFY)
    return fixed, fixed != text
