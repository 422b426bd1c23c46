"""Whatever the name of a person who did not consent, and however the
lecturer wrote it in the work's texts (with a title, first name only, last
name only, an invisible character inside), none of it is in the rows that
cross into a faculty's database."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ent_portfolio.faculty.privacy import lecturer_rows
from ent_portfolio.services import Services
from ent_portfolio.storage.portfolio import Portfolio
from tests.faculty.load_cases import fill_lecturer

#: Letters no other text of the portfolio uses, so a part of the generated
#: name found anywhere is the name, not a coincidence.
RARE = "ฆฌฎฏฐฑฒ"
NAME_PART = st.text(alphabet=RARE, min_size=3, max_size=7)
TITLES = st.sampled_from(["", "นาย", "นาง", "นางสาว", "คุณ", "ผู้ใหญ่"])


@pytest.fixture(scope="module")
def scratch_portfolio(tmp_path_factory):
    folder = tmp_path_factory.mktemp("privacy-property")
    Portfolio.create(folder / "p").close()
    with Portfolio.open(folder / "p", backup_on_open=False) as portfolio:
        fill_lecturer(Services(portfolio), folder, "ดร.ทดสอบ สมบัติ", works=1)
    database = folder / "p" / "portfolio.sqlite3"
    connection = sqlite3.connect(database)
    texts = " ".join(str(v) for row in connection.execute("SELECT * FROM work_section UNION ALL "
                                                            "SELECT id, caption, '', '', '', '' FROM evidence")
                     for v in row)
    connection.close()
    assert not any(letter in texts for letter in RARE)
    yield folder / "p"
    shutil.rmtree(folder, ignore_errors=True)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=NAME_PART, last=NAME_PART, title=TITLES, form=st.sampled_from(["whole", "first", "last", "hidden"]))
def test_a_withheld_name_crosses_in_no_form(scratch_portfolio, first, last, title, form):
    written = {"whole": f"{title}{first} {last}", "first": f"{title}{first}", "last": last,
               "hidden": f"{first[:2]}\u200b{first[2:]} {last}"}[form]
    connection = sqlite3.connect(scratch_portfolio / "portfolio.sqlite3")
    with connection:
        connection.execute("UPDATE testimonial SET person_name = ?, quote = ?", (f"{title}{first} {last}",
                                                                                 f"ข้าพเจ้า {first} ขอบคุณ"))
        connection.execute("UPDATE work_section SET content = ? WHERE key = 'knowledge'",
                           (f"<p>{written} เล่าว่าชุมชนเปลี่ยนไป</p>",))
        connection.execute("UPDATE evidence SET caption = ?", (f"ภาพกิจกรรมกับ {written}",))
    connection.close()
    with Portfolio.open(scratch_portfolio, backup_on_open=False) as portfolio:
        rows = lecturer_rows(portfolio)
    values = [str(value).replace("\u200b", "") for table in rows.rows.values() for row in table
              for value in row.values() if value is not None]
    leaked = [value[:80] for value in values if first in value or last in value]
    assert leaked == []
