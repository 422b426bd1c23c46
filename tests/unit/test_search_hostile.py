"""Search under hostile queries: whatever is typed or pasted — a NUL, a lone
surrogate, a thousand words, FTS or LIKE or SQL syntax — the answer is a
list (possibly empty), found by the words as written, with bounded work."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.errors import UserError
from ent_portfolio.services.search import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    index_for,
    make_snippet,
    query_terms,
    search,
)


@pytest.fixture
def records(services):
    """Works whose texts hold the characters hostile queries are made of."""
    services.works.create(title_th="ชุมชนเกษตรอินทรีย์บ้านนา", title_en="Organic farming")
    services.works.create(title_th="ยอดขายเพิ่มขึ้น 100% ภายในปี", title_en="Sales up")
    services.works.create(title_th="รหัส file_name ในระบบ", title_en="Codes")
    services.works.create(title_th="ไฟล์อยู่ที่ C:\\ข้อมูล\\ภาพ", title_en="Paths")
    services.works.create(title_th="ระดับ [ก] และ [ข]", title_en="Levels")
    services.works.create(title_th="Straße ßßßßßßßßßßßß ผลงานภาษาเยอรมัน", title_en="German")
    return {w.title_en: w.id for w in services.works.list()}


def found(portfolio, query: str) -> set[str]:
    return {hit.id for group in search(portfolio, query) for hit in group.hits}


class Recorder:
    """The index's connection, with every statement and its parameters kept."""

    def __init__(self, db) -> None:
        self.db = db
        self.calls: list[tuple[str, list]] = []

    def execute(self, sql, params=()):
        self.calls.append((sql, list(params)))
        return self.db.execute(sql, params)

    def __getattr__(self, name):
        return getattr(self.db, name)


@pytest.fixture
def recorded(portfolio, records):
    index = index_for(portfolio)
    index.refresh()
    recorder = Recorder(index.store.db)
    index.store.db = recorder
    yield recorder
    index.store.db = recorder.db


def searches(recorder: Recorder) -> list[tuple[str, list]]:
    return [(sql, params) for sql, params in recorder.calls if "FROM search_index.docs WHERE" in sql]


# -- characters no stored text holds -----------------------------------------------------

@pytest.mark.parametrize("query, expected", [
    ("\x00", set()),
    ("เกษตร\x00อินทรีย์", {"Organic farming"}),      # NUL separates words
    ("\x00เกษตร\x00", {"Organic farming"}),
    ("เกษ\ud800ตร", {"Organic farming"}),             # so does a lone surrogate
    ("\udcca\udcc7", set()),
    ("\ud83d", set()),                                 # half an emoji, pasted cut
    ("เกษตร\x07\x1b", {"Organic farming"}), ("เกษตร\x1b[31m", set()),
    ("", set()), ("   ", set()), ("\t\n\r", set()), ("\u3000", set()),
])
def test_control_characters_and_surrogates_separate_words(portfolio, records, query, expected):
    assert found(portfolio, query) == {records[name] for name in expected}


# -- syntax is text -------------------------------------------------------------------------

@pytest.mark.parametrize("query, expected", [
    ("%", {"Sales up"}), ("100%", {"Sales up"}), ("0%", {"Sales up"}),
    ("_", {"Codes"}), ("e_n", {"Codes"}), ("file_name", {"Codes"}),
    ("\\", {"Paths"}), ("C:\\", {"Paths"}), ("\\ข้อมูล\\", {"Paths"}),
    ("[", {"Levels"}), ("[ก]", {"Levels"}), ("[a-z]", set()), ("[!ก]", set()),
    ("*", set()), ("?", set()), ("^เกษตร", set()), ("เกษตร*", set()),
    ('"', set()), ('"เกษตร', set()), ('เกษตร"', set()), ("'", set()),
    ("' OR '1'='1", set()), ("'; DROP TABLE docs; --", set()), ("1 OR 1=1", set()),
    ("เกษตร OR ยอดขาย", set()),  # words are ANDed: OR is a word
    ("NEAR(เกษตร อินทรีย์)", set()), ("title:เกษตร", set()), ("{title}: x", set()),
    ("AND", set()), ("NOT", set()), ("-เกษตร", set()), ("+", set()),
    ("ß", {"German"}), ("SS", set()), ("STRASSE", set()),
])
def test_query_syntax_is_searched_for_as_written(portfolio, records, query, expected):
    assert found(portfolio, query) == {records[name] for name in expected}


def test_a_snippet_is_cut_around_the_match_even_where_case_folding_changes_length():
    text = "ß" * 60 + " ท้ายสุดคือคำว่าเกษตร"
    snippet = make_snippet(text, ["เกษตร"], width=10)
    assert "เกษตร" in snippet and snippet.startswith("…")


# -- bounded work ---------------------------------------------------------------------------

def test_a_thousand_words_are_cut_to_the_first_few_different_ones():
    words = [f"w{n}" for n in range(1000)]
    terms = query_terms(" ".join(words))
    assert terms == words[:MAX_TERMS]
    assert len(query_terms("ก " * 1000)) == 1  # repeats count once
    assert query_terms("เกษตร เกษตร Rice rice RICE") == ["เกษตร", "Rice"]


def test_a_pasted_page_is_read_only_up_to_the_cap():
    long_word = "ก" * (10 * MAX_QUERY_CHARS)
    assert query_terms(long_word) == ["ก" * MAX_QUERY_CHARS]
    assert sum(map(len, query_terms("abc " * 10_000))) <= MAX_QUERY_CHARS


@pytest.mark.parametrize("words", [
    ["เกษตร", "อินทรีย์"] + [f"word{n}" for n in range(1000)],       # long words: one MATCH
    ["เกษตร", "นา"] + [chr(0x0E01 + n % 40) + str(n) for n in range(1000)],  # short words: LIKE
])
def test_a_thousand_word_query_does_bounded_work(portfolio, records, recorded, words):
    recorded.calls.clear()
    assert search(portfolio, " ".join(words)) == []  # the first words find the work; the 30th does not
    statements = searches(recorded)
    assert 1 <= len(statements) <= 2  # the ranked query, and the bound of what it ranks
    sql, params = statements[-1]
    if "MATCH" in sql:
        match = params[0]
        assert match.count('"') == 2 * MAX_TERMS
    else:
        assert sql.count("LIKE") == MAX_TERMS and len(params) == MAX_TERMS + 1

    recorded.calls.clear()
    assert found(portfolio, " ".join(words[:2] + ["เกษตร"] * 998)) == {records["Organic farming"]}
    assert 1 <= len(searches(recorded)) <= 2


# -- anything at all -------------------------------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.one_of(
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=80),
    st.lists(st.sampled_from(["เกษตร", "%", "_", "\\", "[", "]", '"', "'", "\x00", "\ud800", "ß", "*", "OR",
                              "NEAR", "(", ")", ":", "-", "^", " ", "ก", "100", "file_name"]),
             max_size=40).map("".join),
))
def test_property_any_query_returns_a_list_and_raises_nothing_but_a_user_error(portfolio, records, query):
    try:
        groups = search(portfolio, query)
    except UserError:
        return
    assert isinstance(groups, list)
    for group in groups:
        for hit in group.hits:
            assert isinstance(hit.snippet, str) and isinstance(hit.title, str)
    assert len(query_terms(query)) <= MAX_TERMS


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=300), term=st.text(min_size=1, max_size=10), width=st.integers(1, 60))
def test_property_a_snippet_is_a_piece_of_the_text(text, term, width):
    snippet = make_snippet(text, [term], width=width)
    assert isinstance(snippet, str)
    if snippet:
        assert snippet.strip("…") in text
