"""The portfolio's own names, given to the Thai segmenter for one export.

The dictionary knows ordinary words, not the lecturer's university, the
partners, the villages or the people: "มหาวิทยาลัยนครหริภุญชัย" would break
after นคร and "บ้านแม่กำปอง" after กำ.  :func:`own_words` gathers every
name the plan holds, once per export, after the names of people who did not
consent were taken out (so a withheld name is never looked for), and
:func:`~ent_portfolio.typeset.segmentation.extra_words` makes the segmenter
know them while the PDF is laid out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .plan import Plan

#: Parts of a title longer than this are phrases of ordinary words, not
#: names: kept whole they would be blocks a line cannot break.
LONGEST_TITLE_PART = 16


def _names(plan: Plan) -> Iterator[str]:
    profile = plan.profile
    yield from (profile.name_th, profile.faculty, profile.department, profile.university)
    for degree in profile.degrees or ():
        yield degree.institution
    for appointment in profile.appointments or ():
        yield appointment.organisation
    for wd in plan.works:
        work = wd.work
        yield work.village
        for link in work.partner_links:
            if link.partner is not None:
                yield link.partner.name_th
        for activity in work.activities:
            yield activity.place
        for testimonial in work.testimonials:
            yield testimonial.person_name
            yield testimonial.organisation
        for contributor in work.contributors:
            yield contributor.name
        for funding in work.fundings:
            yield funding.source
        for evidence in work.evidence:
            yield evidence.place


def _title_parts(titles: Iterable[str]) -> Iterator[str]:
    for title in titles:
        yield from (part for part in (title or "").split() if len(part) <= LONGEST_TITLE_PART)


def own_words(plan: Plan) -> set[str]:
    """Every name of the plan (partners, places, people, institutions) and
    the short parts of its works' titles, for the segmenter."""
    words = {name for name in _names(plan) if name}
    words.update(_title_parts(wd.work.title_th for wd in plan.works))
    return words
