"""A link around whole paragraphs, as Word and web pages paste it: each
paragraph keeps the link and every block is markup the typesetter accepts.
Before, the link was left open at the paragraph's end and the export
stopped with "the text of the section cannot be typeset"."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ent_portfolio.dossier.richtext import html_blocks
from ent_portfolio.typeset.markup import parse


@pytest.mark.parametrize(("html", "expected"), [
    ('<a href="https://x.org"><p>หนึ่ง <b>สอง</b></p><p>สาม</p></a><p>สี่</p>',
     ['<a href="https://x.org">หนึ่ง <b>สอง</b></a>', '<a href="https://x.org">สาม</a>', "สี่"]),
    ('<p><b>ก<a href="https://a.b">ข</b>ค</a>ง</p>',
     ['<b>ก<a href="https://a.b">ข</a></b><a href="https://a.b">ค</a>ง']),
    ('<ul><li><a href="https://a.b">หนึ่ง</li><li>สอง</a></li></ul>',
     ['<a href="https://a.b">หนึ่ง</a>', '<a href="https://a.b">สอง</a>']),
    ('<p><a href="https://a.b">ลิงก์</a> ต่อ</p>', ['<a href="https://a.b">ลิงก์</a> ต่อ']),
])
def test_a_link_across_blocks_is_closed_and_reopened(html, expected):
    blocks = html_blocks(html)
    assert [b.markup for b in blocks] == expected
    for block in blocks:
        parse(block.markup)  # raises MarkupError on anything left open


pieces = st.sampled_from(["<p>", "</p>", "<li>", "</li>", "<ul>", "</ul>", "<b>", "</b>", "<i>", "</i>",
                          '<a href="https://a.b">', "</a>", "<br>", "ข้อความ", "word", " ", "<h2>", "</h2>"])


@settings(max_examples=80, deadline=None)
@given(st.lists(pieces, max_size=30))
def test_any_pasted_mixture_gives_blocks_the_typesetter_accepts(parts):
    for block in html_blocks("".join(parts)):
        parse(block.markup)
