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
* a newline is a forced break (:func:`hard_breaks`);
* never where a Thai reader needs the words together (:func:`_held_together`):
  after an abbreviation (``อ.`` ``รพ.สต.`` ``ผศ.ดร.`` ``ต.ค.``) before its word,
  inside a date (``15 ต.ค. 2567``, ``30 เมษายน 2570``, ``ตุลาคม พ.ศ. 2567``),
  between a number and the word before it (``ร้อยละ 72``, ``วันที่ 20``) or
  the unit after it (``20 คน``).

Words the dictionary lacks: the portfolio's own names are added for one
export (:func:`extra_words`, per thread, keyed into every cache), and a
stretch the dictionary cannot read (``โคลีนเอสเตอเรส`` comes out as
โคลีน|เอส|เต|อ|เร|ส) is kept as one word with the short pieces around it
(:func:`_join_unknown`).  Where such a word is wider than a line, the line
breaker falls back to the dictionary's own boundaries inside it
(:func:`fallback_breaks`) before cutting between clusters.

A word longer than a line is cut at grapheme-cluster boundaries
(:func:`cluster_boundaries`): a base character keeps its following marks
and SARA AM, and a Thai leading vowel (เ แ โ ใ ไ) stays with the consonant
after it.
"""

from __future__ import annotations

import bisect
import contextlib
import contextvars
import functools
import os
import re
import threading
import time
import unicodedata
from collections.abc import Iterable, Iterator

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
#: The dictionary's words (PyThaiNLP's and the place names), once loaded.
_base_words: frozenset[str] = frozenset()
_base_trie = None
#: Words added for the work at hand (one export), in this thread only: a
#: window laying out its labels meanwhile keeps the plain dictionary.
_extra_words: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar("extra_words", default=frozenset())
#: Longest name taken as one word: a longer one (a partner's full name) would
#: be a block no narrow table column holds.
LONGEST_EXTRA_WORD = 30
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

                global _base_words, _base_trie
                _base_words = frozenset(thai_words()) | place_names()
                dictionary = _base_trie = dict_trie(_base_words)

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


@functools.lru_cache(maxsize=4)
def _dictionary_words(extra: frozenset[str] = frozenset()) -> frozenset[str]:
    _word_tokenize()
    return _base_words | extra if extra else _base_words


@functools.lru_cache(maxsize=4)
def _tokenizer_with(extra: frozenset[str]):
    """A ``word_tokenize`` whose dictionary also holds ``extra``: a small
    trie of the extra words read beside the loaded one (building the whole
    dictionary again would take half a second per export)."""
    if not extra:
        return _word_tokenize()
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import Trie

    _word_tokenize()  # loads the dictionary
    base = _base_trie

    class WithExtraWords(Trie):
        def prefixes(self, text: str, start: int = 0) -> list[str]:
            own = super().prefixes(text, start)
            found = base.prefixes(text, start)
            return sorted(set(found).union(own), key=len) if own else found

        def __contains__(self, key: str) -> bool:
            return super().__contains__(key) or key in base

    dictionary = WithExtraWords(extra)

    def tokenize(text, engine="newmm", keep_whitespace=True):
        return word_tokenize(text, engine=engine, keep_whitespace=keep_whitespace, custom_dict=dictionary)

    return tokenize


def _usable_word(word: str) -> str | None:
    word = " ".join(word.split())
    if not word or " " in word or len(word) > LONGEST_EXTRA_WORD or not has_thai(word):
        return None
    return word


@contextlib.contextmanager
def extra_words(words: Iterable[str]) -> Iterator[frozenset[str]]:
    """Within the block (in this thread), the segmenter also knows ``words``.

    For the portfolio's own names (partners, places, people, institutions):
    the dictionary lacks most of them and would break
    "มหาวิทยาลัยนครหริภุญชัย" after นคร.  A name with spaces gives its
    parts; a part without Thai, or longer than :data:`LONGEST_EXTRA_WORD`,
    is left to the dictionary.  Results are cached per word list."""
    usable = set()
    for word in words:
        for part in (word or "").split():
            kept = _usable_word(part)
            if kept:
                usable.add(kept)
    lexicon = frozenset(usable)
    token = _extra_words.set(lexicon)
    try:
        yield lexicon
    finally:
        _extra_words.reset(token)


def current_extra_words() -> frozenset[str]:
    """The words :func:`extra_words` added for the work at hand (empty outside it)."""
    return _extra_words.get()


_THAI_LETTER = re.compile(r"[\u0e01-\u0e2e]")
#: A piece of a word the dictionary could not read is joined with up to this
#: many of the short dictionary pieces beside it, on each side ...
_UNKNOWN_REACH = 3
#: ... each at most this long (a syllable: เอส, เต, โคลีน) ...
_SHORT_PIECE = 5
#: ... into a word at most this long.
_LONGEST_JOINED = 20


def _join_unknown(tokens: list[str], known: frozenset[str]) -> list[str]:
    """Tokens with each stretch the dictionary does not know made one word.

    A word the dictionary lacks (a transliterated term: "โคลีนเอสเตอเรส",
    "บิวเวอเรีย") comes out of ``newmm`` as dictionary syllables around
    pieces it cannot read ("โคลีน|เอส|เต|อ|เร|ส"), and a line could break
    between any two.  Unread pieces close together (at most two short
    pieces between them) make one word with the short pieces on either
    side, up to :data:`_LONGEST_JOINED` characters."""
    def thai_word(tok: str) -> bool:
        return bool(_THAI_LETTER.search(tok)) and all(is_thai(ch) for ch in tok)

    n = len(tokens)
    unknown = [thai_word(tok) and tok not in known for tok in tokens]
    if not any(unknown):
        return tokens
    short = [thai_word(tok) and len(tok) <= _SHORT_PIECE for tok in tokens]
    # cores: unread pieces with at most two short pieces between them
    cores: list[list[int]] = []
    core_length = 0
    for k in range(n):
        if not unknown[k]:
            continue
        if cores and k - cores[-1][1] <= 2 and all(short[j] for j in range(cores[-1][1], k)) \
                and core_length + sum(len(tok) for tok in tokens[cores[-1][1]:k + 1]) <= _LONGEST_JOINED:
            core_length += sum(len(tok) for tok in tokens[cores[-1][1]:k + 1])
            cores[-1][1] = k + 1
        else:
            cores.append([k, k + 1])
            core_length = len(tokens[k])
    # each core takes short pieces on either side; a gap between two cores
    # is shared, the earlier core taking the larger half
    out: list[str] = []
    done = 0
    for c, (a, b) in enumerate(cores):
        length = sum(len(tok) for tok in tokens[a:b])
        floor = done
        while a > floor and short[a - 1] and not unknown[a - 1] \
                and a > cores[c][0] - _UNKNOWN_REACH and length + len(tokens[a - 1]) <= _LONGEST_JOINED:
            a -= 1
            length += len(tokens[a])
        ceiling = cores[c + 1][0] if c + 1 < len(cores) else n
        if c + 1 < len(cores):
            ceiling = cores[c][1] + (ceiling - cores[c][1] + 1) // 2
        while b < ceiling and short[b] and not unknown[b] and b < cores[c][1] + _UNKNOWN_REACH \
                and length + len(tokens[b]) <= _LONGEST_JOINED:
            length += len(tokens[b])
            b += 1
        out.extend(tokens[done:a])
        out.append("".join(tokens[a:b]))
        done = b
    out.extend(tokens[done:])
    return out


def segment_uncached(text: str, extra: frozenset[str] = frozenset(), *, join_unknown: bool = True
                     ) -> tuple[str, ...]:
    """Words and whitespace runs of ``text``; joined they give ``text`` back."""
    if not text:
        return ()
    if not has_thai(text):
        return tuple(_split_spaces(text))
    tokenize = _tokenizer_with(extra)
    if len(text) <= SEGMENT_WINDOW + SEGMENT_OVERLAP:
        tokens = tokenize(text, engine="newmm", keep_whitespace=True)
    else:
        tokens = _windowed(tokenize, text)
    if join_unknown:
        tokens = _join_unknown(tokens, _dictionary_words(extra))
    if "".join(tokens) != text:  # pragma: no cover - defensive: never seen
        raise ValueError("segmenter lost characters")
    return tuple(tokens)


def segment(text: str) -> tuple[str, ...]:
    """Words (Thai by the ``newmm`` dictionary segmenter) and whitespace runs.

    Cached per text and word list.  ``"".join(segment(t)) == t`` always holds.
    """
    return _segment(text, _extra_words.get())


@functools.lru_cache(maxsize=8192)
def _segment(text: str, extra: frozenset[str]) -> tuple[str, ...]:
    return segment_uncached(text, extra)


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


#: A Thai abbreviation: short runs of letters, each closed by a full stop
#: (อ. ต. จ. รพ. สต. ผศ. ดร. ต.ค. เม.ย. พ.ศ. ก.พ.อ.).
_ABBREVIATION = re.compile(r"(?:[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]{1,4}\.)+")
_NUMBER = re.compile(r"[0-9\u0e50-\u0e59]+(?:[.,][0-9\u0e50-\u0e59]+)*%?")
_ERAS = frozenset({"พ.ศ.", "ค.ศ.", "B.E.", "A.D.", "BE", "CE", "AD"})
#: Words that count what a number before them counts: a number at the end
#: of a line with its unit at the start of the next reads as two things.
UNIT_WORDS = frozenset((
    "คน", "ราย", "ท่าน", "ครัวเรือน", "ครอบครัว", "หลังคาเรือน", "หมู่บ้าน", "ชุมชน", "กลุ่ม", "แห่ง",
    "องค์กร", "หน่วยงาน", "โรงเรียน", "ไร่", "งาน", "ตารางวา", "ตารางเมตร", "ตารางกิโลเมตร", "กิโลเมตร",
    "เมตร", "เซนติเมตร", "มิลลิเมตร", "กิโลกรัม", "กรัม", "ตัน", "ลิตร", "มิลลิลิตร", "บาท", "ล้าน", "แสน",
    "หมื่น", "พัน", "ร้อย", "เปอร์เซ็นต์", "ครั้ง", "รอบ", "วัน", "สัปดาห์", "เดือน", "ปี", "ชั่วโมง", "นาที",
    "วินาที", "ชิ้น", "ชุด", "เล่ม", "เรื่อง", "ฉบับ", "รายการ", "ผลิตภัณฑ์", "ตัว", "ต้น", "แปลง", "หลัง",
    "คัน", "ลำ", "ใบ", "แผ่น", "ขวด", "ถุง", "กล่อง", "ห่อ", "ก้อน", "โครงการ", "กิจกรรม", "หลักสูตร", "รุ่น",
    "คะแนน", "ระดับ", "เท่า", "ข้อ", "หน้า", "ภาพ", "ราง", "ตำบล", "อำเภอ", "จังหวัด",
))


def is_number(word: str) -> bool:
    """True for a number as written in text: ``20``, ``4.52``, ``186,400``, ``72%``, ``๒๕``."""
    return bool(_NUMBER.fullmatch(word))


@functools.lru_cache(maxsize=1)
def _month_names() -> frozenset[str]:
    from .dates import ENGLISH_MONTHS, ENGLISH_MONTHS_SHORT, THAI_MONTHS, THAI_MONTHS_SHORT

    return frozenset((*THAI_MONTHS, *THAI_MONTHS_SHORT, *ENGLISH_MONTHS, *ENGLISH_MONTHS_SHORT,
                      *(m + "." for m in ENGLISH_MONTHS_SHORT)))


def _held_together(before: str, after: str) -> bool:
    """True when no line may break between the words ``before`` and ``after``
    (spaces between them or not)."""
    if _ABBREVIATION.fullmatch(before) and after[:1].isalnum():
        return True  # อ. | บ่อเกลือ, รพ. | สต., พ.ศ. | 2566, 30 เม.ย. | 2570
    months = _month_names()
    if before in months and (after in _ERAS or _NUMBER.fullmatch(after)):
        return True  # 30 เมษายน | 2570, ตุลาคม | พ.ศ. 2567
    if _NUMBER.fullmatch(before):
        return after in months or after in UNIT_WORDS  # 15 | ต.ค., 20 | คน
    if _NUMBER.fullmatch(after):
        return any(ch.isalpha() for ch in before)  # ร้อยละ | 72, วันที่ | 20
    return False


def _words_around(tokens: tuple[str, ...]) -> tuple[list[int], list[int]]:
    """Start and end offsets of the tokens that are not whitespace."""
    starts, ends = [], []
    pos = 0
    for tok in tokens:
        if not tok.isspace():
            starts.append(pos)
            ends.append(pos + len(tok))
        pos += len(tok)
    return starts, ends


def _raw_opportunities(text: str, tokens: tuple[str, ...]) -> list[int]:
    out: list[int] = []
    pos = 0
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
    n = len(text)
    return [p for p in out if 0 < p < n]


@functools.lru_cache(maxsize=8192)
def _break_opportunities(text: str, extra: frozenset[str]) -> tuple[int, ...]:
    tokens = _segment(text, extra)
    raw = _raw_opportunities(text, tokens)
    if not raw:
        return ()
    starts, ends = _words_around(tokens)
    out = []
    for p in raw:
        k = bisect.bisect_left(starts, p)  # the first word at or after p
        if 0 < k < len(starts) and ends[k - 1] <= p and \
                _held_together(text[starts[k - 1]:ends[k - 1]], text[starts[k]:ends[k]]):
            continue
        out.append(p)
    return tuple(out)


def break_opportunities(text: str) -> tuple[int, ...]:
    """Offsets where a new line may start (soft breaks), ascending.

    An offset after a space run means the spaces before it are dropped when
    the line breaks there; an offset at a Thai word boundary drops nothing
    (no space is ever inserted).  Forced breaks after a newline are not
    included; see :func:`hard_breaks`.
    """
    return _break_opportunities(text, _extra_words.get())


@functools.lru_cache(maxsize=256)
def _fallback_breaks(text: str) -> tuple[int, ...]:
    return tuple(_raw_opportunities(text, segment_uncached(text, join_unknown=False)) if has_thai(text) else ())


def fallback_breaks(text: str) -> tuple[int, ...]:
    """Where a line may break when a word is wider than the line: the plain
    dictionary's boundaries, without the added words, the joined unknown
    stretches or the rules that hold words together (better than a cut
    between two letters)."""
    return _fallback_breaks(text)


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
