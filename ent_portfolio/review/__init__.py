"""Reviewer mode: what a committee member (ผู้ทรงคุณวุฒิ) does with an
evidence package they received, with this app alone and no network.

The package is verified before anything of it is shown and is never written
into (:mod:`.package`); the reviewer's assessment of each work lives in a
small ``.entreview`` file beside it, never in a lecturer's portfolio
(:mod:`.assessment`, documented in ``docs/review-format.md``); and the
assessment becomes the Thai form a committee files, as PDF or Word, signed
with the reviewer's own identity when they give one (:mod:`.form`)."""

from .assessment import (
    Comparison,
    Criterion,
    Review,
    Reviewer,
    WorkAssessment,
    compare_reviews,
    criteria_for,
    load_review,
    review_path_beside,
    save_review,
)
from .package import OutlineItem, ReviewedEvidence, ReviewedWork, ReviewPackage, open_for_review

__all__ = [
    "Comparison", "Criterion", "OutlineItem", "Review", "ReviewPackage", "ReviewedEvidence", "ReviewedWork",
    "Reviewer", "WorkAssessment", "compare_reviews", "criteria_for", "load_review", "open_for_review",
    "review_path_beside", "save_review",
]
