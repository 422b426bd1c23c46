"""Where Thai text may be broken: words, line-break opportunities, clusters.

Thai is written without spaces between words, so a dictionary segmenter
(PyThaiNLP's ``newmm``, which works offline) decides where words end.  The
segmenter costs about half a second to load its dictionary, so it is
imported on the first call of :func:`segment` on Thai text, never when this
module is imported; text without Thai characters never loads it.  Results
are cached per paragraph; a long paragraph is segmented in overlapping
windows (:data:`SEGMENT_WINDOW`), so the cost grows with its length, not its
square.

Rules for a line break (:func:`break_opportunities`):

* after a run of ordinary spaces (U+0020, tab);
* at a word boundary of the segmenter where a Thai character touches the
  boundary (so ``PM2.5``, ``0000-0002-1825-0097`` and URLs stay whole);
* never before a combining mark, SARA AM, MAI YAMOK ๆ, PAIYANNOI ฯ or
  closing punctuation, and never after opening punctuation;
* a newline is a forced break (:func:`hard_breaks`).

A word longer than a line is cut at grapheme-cluster boundaries
(:func:`cluster_boundaries`): a base character keeps its following marks
and SARA AM, and a Thai leading vowel (เ แ โ ใ ไ) stays with the consonant
after it.
"""

from __future__ import annotations

import functools
import os
import threading
import time
import unicodedata

from ..resources import user_data_dir

#: Characters a line must not start with (besides combining marks).
NO_LINE_START = frozenset(
    ")]}>,.:;!?%\u2030\u2019\u201d\u00bb\u2026\u203a"  # ) ] } > , . : ; ! ? % ‰ ’ ” » … ›
    "\u0e46\u0e2f"  # ๆ ฯ
    "\u0e30\u0e32\u0e33\u0e45"  # ะ า ำ ๅ: following vowels never begin a syllable
    "\u3001\u3002\uff0c\uff0e"
)
#: Characters a line must not end with.
NO_LINE_END = frozenset("([{<\u2018\u201c\u00ab\u2039")  # ( [ { < ‘ “ « ‹
#: Thai vowels written before the consonant they follow in speech.
LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # เ แ โ ใ ไ
#: Spaces where a line may break (NBSP U+00A0 deliberately is not one).
BREAK_SPACES = frozenset(" \t")

_SARA_AM = "\u0e33"


def is_thai(ch: str) -> bool:
    """True for a character of the Thai block (U+0E00-U+0E7F)."""
    return "\u0e00" <= ch <= "\u0e7f"


def has_thai(text: str) -> bool:
    """True if ``text`` contains any Thai character."""
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


@functools.lru_cache(maxsize=1024)
def is_combining(ch: str) -> bool:
    """True for a character that attaches to the one before it.

    Nonspacing and enclosing marks, spacing combining marks, format
    characters such as ZWJ, and Thai SARA AM (U+0E33, which carries a
    NIKHAHIT over the preceding consonant).
    """
    return ch == _SARA_AM or unicodedata.category(ch) in ("Mn", "Mc", "Me", "Cf")


# --------------------------------------------------------------- segmenter

_tokenizer = None
_tokenizer_lock = threading.Lock()
#: Seconds the first segmenter call took to import and load (None: not yet).
load_seconds: float | None = None


def place_names() -> set[str]:
    """Thai names of every province, district and sub-district (geothai,
    offline).  PyThaiNLP's dictionary lacks most of them, so a title such as
    "เทศบาลตำบลยางเนิ้ง" would otherwise break inside the place name."""
    import geothai

    names: set[str] = set()
    for province in geothai.provinces():
        names.add(province.name_th)
        for district in geothai.districts(province.code):
            names.add(district.name_th)
            names.update(sub.name_th for sub in geothai.subdistricts(district.code))
    return {n.strip() for n in names if n and n.strip() and " " not in n.strip()}


def _pythainlp_data_variable() -> str:
    """The variable the installed PyThaiNLP reads for its data folder: 5.4
    reads ``PYTHAINLP_DATA`` (and warns on the old name, and refuses both
    set), earlier releases only ``PYTHAINLP_DATA_DIR``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        major_minor = tuple(int(part) for part in version("pythainlp").split(".")[:2])
    except (PackageNotFoundError, ValueError):
        return "PYTHAINLP_DATA"  # a bundle without package metadata ships the current release
    return "PYTHAINLP_DATA" if major_minor >= (5, 4) else "PYTHAINLP_DATA_DIR"


def keep_pythainlp_data_in_app_folder() -> None:
    """PyThaiNLP creates its data folder when it is imported, ``~/pythainlp-data``
    unless told otherwise: a folder in the lecturer's home they never asked
    for.  It goes in the app's own data folder instead; a folder the user
    chose with either variable stays theirs."""
    if os.environ.get("PYTHAINLP_DATA") or os.environ.get("PYTHAINLP_DATA_DIR"):
        return
    os.environ[_pythainlp_data_variable()] = str(user_data_dir() / "pythainlp")


def _word_tokenize():
    """Import PyThaiNLP on first use and return a ``word_tokenize`` whose
    dictionary also knows Thai place names."""
    global _tokenizer, load_seconds
    if _tokenizer is None:
        with _tokenizer_lock:
            if _tokenizer is None:
                started = time.perf_counter()
                keep_pythainlp_data_in_app_folder()
                from pythainlp.corpus.common import thai_words
                from pythainlp.tokenize import word_tokenize
                from pythainlp.util import dict_trie

                dictionary = dict_trie(set(thai_words()) | place_names())

                def tokenize(text, engine="newmm", keep_whitespace=True):
                    return word_tokenize(text, engine=engine, keep_whitespace=keep_whitespace,
                                         custom_dict=dictionary)

                tokenize("ชุมชน")  # builds the matcher before the first real call
                load_seconds = time.perf_counter() - started
                _tokenizer = tokenize
    return _tokenizer


def segmenter_loaded() -> bool:
    """True once PyThaiNLP has been imported by this module."""
    return _tokenizer is not None


def preload() -> float:
    """Load the segmenter now (e.g. in a worker before an export); return seconds."""
    _word_tokenize()
    return load_seconds or 0.0


def _split_spaces(text: str) -> list[str]:
    """Split non-Thai text into words and whitespace runs."""
    out: list[str] = []
    start = 0
    n = len(text)
    while start < n:
        space = text[start].isspace()
        end = start + 1
        while end < n and text[end].isspace() == space:
            end += 1
        out.append(text[start:end])
        start = end
    return out


#: Longest stretch handed to the segmenter at once.  ``newmm`` copies the
#: rest of its input at every position it tries, so its cost grows with the
#: square of the input: a 200,000-character paragraph took minutes whole and
#: takes about a second in windows.
SEGMENT_WINDOW = 2000
#: Text read past a window's end so that the words near the end are the
#: words the whole text would give (only tokens ending inside are kept).
SEGMENT_OVERLAP = 200


def _windowed(tokenize, text: str) -> list[str]:
    """Tokens of a long ``text`` from overlapping windows, in order."""
    out: list[str] = []
    a, n = 0, len(text)
    while a < n:
        if n - a <= SEGMENT_WINDOW + SEGMENT_OVERLAP:
            out.extend(tokenize(text[a:], engine="newmm", keep_whitespace=True))
            break
        stop = a + SEGMENT_WINDOW
        end = a
        for k, tok in enumerate(tokenize(text[a:stop + SEGMENT_OVERLAP], engine="newmm", keep_whitespace=True)):
            if k and end + len(tok) > stop:
                break
            out.append(tok)
            end += len(tok)
        a = end
    return out


def segment_uncached(text: str) -> tuple[str, ...]:
    """Words and whitespace runs of ``text``; joined they give ``text`` back."""
    if not text:
        return ()
    if not has_thai(text):
        return tuple(_split_spaces(text))
    tokenize = _word_tokenize()
    if len(text) <= SEGMENT_WINDOW + SEGMENT_OVERLAP:
        tokens = tokenize(text, engine="newmm", keep_whitespace=True)
    else:
        tokens = _windowed(tokenize, text)
    if "".join(tokens) != text:  # pragma: no cover - defensive: never seen
        raise ValueError("segmenter lost characters")
    return tuple(tokens)


@functools.lru_cache(maxsize=8192)
def segment(text: str) -> tuple[str, ...]:
    """Words (Thai by the ``newmm`` dictionary segmenter) and whitespace runs.

    Cached per text.  ``"".join(segment(t)) == t`` always holds.
    """
    return segment_uncached(text)


def word_boundaries(text: str) -> tuple[int, ...]:
    """Offsets strictly inside ``text`` where one segmenter token ends."""
    out = []
    pos = 0
    for tok in segment(text)[:-1]:
        pos += len(tok)
        out.append(pos)
    return tuple(out)


# ------------------------------------------------------------------ breaks

def _may_start_line(ch: str) -> bool:
    return ch not in NO_LINE_START and not is_combining(ch)


@functools.lru_cache(maxsize=8192)
def break_opportunities(text: str) -> tuple[int, ...]:
    """Offsets where a new line may start (soft breaks), ascending.

    An offset after a space run means the spaces before it are dropped when
    the line breaks there; an offset at a Thai word boundary drops nothing
    (no space is ever inserted).  Forced breaks after a newline are not
    included; see :func:`hard_breaks`.
    """
    n = len(text)
    out: list[int] = []
    pos = 0
    tokens = segment(text)
    for tok in tokens[:-1]:
        pos += len(tok)
        before, after = text[pos - 1], text[pos]
        if before in BREAK_SPACES:
            if after.isspace():
                continue  # inside a whitespace run; the break is at its end
            # start of next line after spaces: the whole run must be spaces
            start = pos - len(tok)
            if "\n" in tok or not _may_start_line(after):
                continue
            # the run before must not follow an opening bracket etc.
            if start > 0 and text[start - 1] in NO_LINE_END:
                continue
            out.append(pos)
        elif before.isspace() or after.isspace():
            continue  # newline (hard break) or a space run begins here
        elif (is_thai(before) or is_thai(after)) and _may_start_line(after) and before not in NO_LINE_END:
            out.append(pos)
    return tuple(p for p in out if 0 < p < n)


def hard_breaks(text: str) -> tuple[int, ...]:
    """Offsets just after each newline: a new line must start there."""
    return tuple(i + 1 for i, ch in enumerate(text) if ch == "\n")


def cluster_boundaries(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """Offsets in ``(start, end)`` where a too-long word may be cut.

    Never inside a grapheme cluster: not before a combining mark or SARA AM,
    not after a Thai leading vowel, and not before a character that may not
    start a line.
    """
    if end is None:
        end = len(text)
    out = []
    for i in range(start + 1, end):
        if text[i - 1] in LEADING_VOWELS:
            continue
        if not _may_start_line(text[i]):
            continue
        out.append(i)
    return out


def clusters(text: str) -> list[str]:
    """``text`` cut into the clusters :func:`cluster_boundaries` allows."""
    cuts = [0, *cluster_boundaries(text), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]
