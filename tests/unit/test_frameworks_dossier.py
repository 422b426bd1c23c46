"""The dossier says which SDGs each work serves, in the work's overview; the demo has ticks."""

from __future__ import annotations

import re

import pytest

from ent_portfolio.domain import models as m
from ent_portfolio.dossier import DossierConfig, build_dossier
from ent_portfolio.dossier.work_pages import framework_rows
from ent_portfolio.services import Services
from ent_portfolio.services.frameworks import set_work_frameworks, work_frameworks
from ent_portfolio.storage.queries import full_works_query
from tests.pdftools import pdftotext


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_demo_work_serves_two_or_three_goals(demo):
    works = Services(demo).works.list()
    assert len(works) == 3
    for work in works:
        [(framework_id, codes)] = work_frameworks(demo, work.id).items()
        assert framework_id == "sdg"
        goals = {code.split(".")[0] for code in codes}
        assert 2 <= len(goals) <= 3, (work.title_th, codes)
        assert any("." in code for code in codes), "each names a target too"


def test_the_overview_row_names_the_goals_in_order_with_their_targets(demo):
    with demo.reader() as session:
        works = list(session.scalars(full_works_query()))
    set_work_frameworks(demo, works[0].id, "sdg", ["12.b", "4", "8.9"])
    with demo.reader() as session:
        work = session.scalars(full_works_query().where(m.Work.id == works[0].id)).one()
    assert framework_rows(work, "th") == [
        ("สอดคล้องกับ SDGs", "4 การศึกษาที่มีคุณภาพ; 8 การจ้างงานที่มีคุณค่าและการเติบโตทางเศรษฐกิจ (8.9); "
                             "12 แผนการบริโภคและการผลิตที่ยั่งยืน (12.b)")]
    assert framework_rows(work, "en") == [
        ("Aligned with the SDGs", "4 Quality education; 8 Decent work and economic growth (8.9); "
                                  "12 Responsible consumption and production (12.b)")]
    set_work_frameworks(demo, works[0].id, "sdg", [])
    with demo.reader() as session:
        work = session.scalars(full_works_query().where(m.Work.id == works[0].id)).one()
        assert framework_rows(work, "th") == []  # nothing ticked: no row at all


@pytest.mark.parametrize("lang, label, goal", [
    ("th", "สอดคล้องกับSDGs", "11เมืองและถิ่นฐานมนุษย์อย่างยั่งยืน(11.4)"),
    ("en", "AlignedwiththeSDGs", "11Sustainablecitiesandcommunities(11.4)"),
])
def test_the_dossier_prints_the_line(demo, tmp_path, lang, label, goal):
    first = Services(demo).works.list()[0]
    pdf = tmp_path / "dossier.pdf"
    build_dossier(demo, DossierConfig(work_ids=[first.id], language=lang), pdf)
    text = _squash(pdftotext(pdf))
    assert label in text and goal in text
