"""The one rule of which faces leave the app blurred, as the dossier, the
package and the window's badges all apply it."""

from __future__ import annotations

import pytest

from ent_portfolio.domain.enums import PeopleConsent
from ent_portfolio.privacy import faces_must_be_hidden
from ent_portfolio.privacy.consent import ALL_CONSENTED
from ent_portfolio.ui.models.evidence_model import faces_blurred_at_export


def test_the_privacy_rule_names_the_same_consent_as_the_vocabulary():
    assert PeopleConsent.GIVEN.value == ALL_CONSENTED


@pytest.mark.parametrize(("consent", "keep", "hidden"), [
    ("given", True, False),
    ("given", False, True),
    ("unknown", True, True),
    ("unknown", False, True),
    ("not_given", True, True),
    ("no_people", True, True),  # a face found where the lecturer saw nobody is blurred
    (None, True, True),
    ("", True, True),
])
def test_only_faces_everyone_consented_to_may_stay_sharp(consent, keep, hidden):
    assert faces_must_be_hidden(consent, keep) is hidden
    assert faces_blurred_at_export(3, consent, keep) == (3 if hidden else 0)
