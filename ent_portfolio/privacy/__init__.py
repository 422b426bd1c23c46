"""Personal data in the dossier (Thailand's PDPA): the rules the dossier and
the evidence package call, in one place.

Consent is recorded per testimonial (``Testimonial.consent``: the person
agreed that their name and words appear in the dossier) and per contact
person (``ContactPerson.consent``).  The rules:

* **Name and position** appear only with consent; otherwise the person is
  an anonymised label, "ผู้ให้ข้อมูล ก" / "Informant A", the same label for
  the same testimonial throughout one dossier (:class:`Anonymiser`).  The
  organisation stays: it is not personal data and the claim needs it.
* **Quote**: with consent, as written.  Without consent the words may still
  support a claim, attributed to the label, with the person's name removed
  from the text (:func:`quote_text`); a caller that wants no anonymous
  quotes at all passes ``allow_anonymous=False``.
* **Every other text that goes out** (anyone's quote, sections, captions,
  file names, titles, the readiness appendix) names nobody who did not
  consent: :meth:`Anonymiser.anonymise` finds a withheld name however it
  is written — compared in one normal form (:func:`normalise_for_match`:
  NFKC, sara am composed, spaces folded, invisible characters gone), as a
  whole, by its first or last name, in each spelling the record holds
  ("สมชาย ใจดี (Somchai Jaidee)") — and replaces it, together with the
  titles before it (:data:`NAME_TITLES`, :data:`ADDRESS_WORDS`), by the
  person's label; the rest of the text stays as written.
* **Signed letter scan and photos of the person**: only with consent — a
  scan or a face cannot be anonymised by relabelling.  A photo counts as "of
  the person" when its evidence record is linked to the testimonial.
* **Contact details** for reviewers: only with consent *and* when the person
  agreed to be contacted, and only if there is something to show.
* **GPS in photos**: :func:`strip_gps` returns the file's bytes with the GPS
  position removed (EXIF GPS directory emptied, XMP GPS properties blanked)
  and everything else — pixels included — byte for byte the same.

Where each rule lives: :mod:`.consent` (who may be named, shown or
contacted; the labels), :mod:`.names` (finding a name in any spelling and
replacing it), :mod:`.gps` (the position taken out of a photo).  Callers
import from this package, never from the modules.
"""

from .consent import THAI_LETTERS as THAI_LETTERS
from .consent import Anonymiser as Anonymiser
from .consent import contact_visible as contact_visible
from .consent import faces_must_be_hidden as faces_must_be_hidden
from .consent import has_consent as has_consent
from .consent import may_show_letter_scan as may_show_letter_scan
from .consent import may_show_photo_of_person as may_show_photo_of_person
from .consent import may_show_quote as may_show_quote
from .consent import person_label as person_label
from .consent import person_position as person_position
from .consent import quote_text as quote_text
from .gps import GPS_IFD_TAG as GPS_IFD_TAG
from .gps import has_gps as has_gps
from .gps import strip_gps as strip_gps
from .names import ADDRESS_WORDS as ADDRESS_WORDS
from .names import MIN_LATIN_PART as MIN_LATIN_PART
from .names import MIN_THAI_PART as MIN_THAI_PART
from .names import NAME_TITLES as NAME_TITLES
from .names import normalise_for_match as normalise_for_match
