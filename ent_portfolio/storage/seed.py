"""What a new portfolio starts with: the default write-up template and an
empty profile."""

from __future__ import annotations

import json

from ..domain import models as m
from ..resources import resource_path


def default_section_template() -> list[dict]:
    text = resource_path("templates", "sections-default.json").read_text(encoding="utf-8")
    return json.loads(text)["sections"]


def seed_new_portfolio(portfolio) -> None:
    with portfolio.session() as session:
        for position, section in enumerate(default_section_template(), start=1):
            session.add(
                m.SectionTemplate(
                    key=section["key"],
                    position=position,
                    title_th=section["title_th"],
                    title_en=section["title_en"],
                    guidance_th=section.get("guidance_th", ""),
                    guidance_en=section.get("guidance_en", ""),
                )
            )
        session.add(m.Profile())
