"""Numbers are stored exactly or refused with a sentence, at the one parsing
place (domain.fields) the windows, the services and the archive share.

SQLite keeps a Numeric column as an 8-byte float and an integer in 64 bits;
neither refuses what does not fit (it rounds, or becomes Infinity), so the
limits are checked before a value reaches it — and measured here."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Numeric

from ent_portfolio.domain import models as m
from ent_portfolio.domain.fields import (
    EXACT_FLOAT_DIGITS,
    SQLITE_INTEGER_MAX,
    SQLITE_INTEGER_MIN,
    coerce,
    decimal_limits,
)
from ent_portfolio.errors import UserError, ValidationError
from ent_portfolio.services import Services
from ent_portfolio.services.catalogue import baht_to_satang
from ent_portfolio.storage.portfolio import Portfolio

NUMERIC_COLUMNS = [(model, column) for model in m.RECORD_MODELS for column in model.__table__.columns
                   if isinstance(column.type, Numeric)]


# --- hostile values, each refused with its sentence ------------------------------

REFUSED = [
    (m.Indicator, "baseline_value", "1e400", "error.number_exponent"),
    (m.Indicator, "baseline_value", "1E5", "error.number_exponent"),
    (m.Indicator, "baseline_value", "12345678901234.5678", "error.number_too_many_digits"),
    (m.Indicator, "baseline_value", "0.00001", "error.number_too_many_decimals"),
    (m.Indicator, "baseline_value", Decimal("1E+400"), "error.number_too_many_digits"),
    (m.Indicator, "baseline_value", Decimal("1.0000000000000000000000000001"), "error.number_too_many_decimals"),
    (m.Indicator, "baseline_value", 1e-5, "error.number_too_many_decimals"),
    (m.Indicator, "baseline_value", float("inf"), "error.number_not_finite"),
    (m.Indicator, "baseline_value", float("nan"), "error.number_not_finite"),
    (m.Indicator, "baseline_value", "NaN", "error.number_not_finite"),
    (m.Indicator, "baseline_value", "-Infinity", "error.number_not_finite"),
    (m.Indicator, "baseline_value", Decimal("sNaN"), "error.number_not_finite"),
    (m.Indicator, "baseline_value", "1,5", "error.number_not_a_number"),  # a decimal comma is not fifteen
    (m.Indicator, "baseline_value", "12abc", "error.number_not_a_number"),
    (m.Indicator, "baseline_value", "1_000", "error.number_not_a_number"),
    (m.Indicator, "baseline_value", "9" * 41, "error.number_too_many_digits_total"),
    (m.Indicator, "baseline_value", True, "error.number_not_a_number"),
    (m.Indicator, "baseline_value", [1], "error.number_not_a_number"),
    (m.Measurement, "value", "1e400", "error.number_exponent"),
    (m.Work, "latitude", "90.000001", "error.number_out_of_range"),
    (m.Work, "latitude", "-91", "error.number_out_of_range"),
    (m.Work, "longitude", "180.5", "error.number_out_of_range"),
    (m.Work, "latitude", "13.1234567", "error.number_too_many_decimals"),
    (m.Evidence, "latitude", "1000", "error.number_too_many_digits"),
    (m.Evidence, "longitude", "-181", "error.number_out_of_range"),
    (m.Contributor, "percentage", "100.01", "error.number_out_of_range"),
    (m.Contributor, "percentage", "-1", "error.number_out_of_range"),
    (m.Funding, "amount_satang", 10**30, "error.number_out_of_range"),
    (m.Funding, "amount_satang", "-5", "error.number_below_minimum"),
    (m.Funding, "amount_satang", "3.5", "error.number_not_whole"),
    (m.Funding, "amount_satang", Decimal("1E+99999999"), "error.number_out_of_range"),
    (m.Funding, "amount_satang", Decimal("sNaN"), "error.number_not_finite"),
    (m.Funding, "amount_satang", float("-inf"), "error.number_not_finite"),
    (m.Activity, "participants_total", -1, "error.number_below_minimum"),
    (m.Work, "students_count", "-3", "error.number_below_minimum"),
    (m.Evidence, "size", -1, "error.number_below_minimum"),
    (m.Work, "sort_order", SQLITE_INTEGER_MAX + 1, "error.number_out_of_range"),
    (m.Work, "sort_order", SQLITE_INTEGER_MIN - 1, "error.number_out_of_range"),
    (m.Work, "sort_order", 1e300, "error.number_out_of_range"),
    (m.Activity, "participant_groups", {"female": -1}, "error.number_below_minimum"),
    (m.Activity, "participant_groups", {"female": 10**30}, "error.number_out_of_range"),
    (m.Activity, "participant_groups", ["female"], "error.counts_expected"),
    (m.Work, "missions", {"research": 1}, "error.codes_expected"),
    (m.Work, "title_th", "ผลงาน\ud800", "error.text_damaged"),
]


@pytest.mark.parametrize("model,field,value,key", REFUSED,
                         ids=[f"{m_.__tablename__}.{f}={v!r}"[:60] for m_, f, v, _k in REFUSED])
def test_a_value_that_cannot_be_stored_exactly_is_refused_with_its_sentence(model, field, value, key):
    with pytest.raises(ValidationError) as caught:
        coerce(model, field, value)
    assert caught.value.key == key
    thai, english = caught.value.message("th"), caught.value.message("en")
    assert field in english and field in thai
    assert thai.endswith("ไม่มีการเปลี่ยนแปลงใด ๆ") and english.endswith("Nothing was changed.")


def test_the_sentence_names_the_limit():
    with pytest.raises(ValidationError) as caught:
        coerce(m.Indicator, "baseline_value", "0.00001")
    assert "4" in caught.value.message("en") and "4 ตำแหน่ง" in caught.value.message("th")
    with pytest.raises(ValidationError) as caught:
        coerce(m.Work, "latitude", "91")
    assert "-90" in caught.value.message("th") and "90" in caught.value.message("th")


@pytest.mark.parametrize("model,field,value,expected", [
    (m.Indicator, "baseline_value", "9999999999.9999", Decimal("9999999999.9999")),
    (m.Indicator, "baseline_value", "-9999999999.9999", Decimal("-9999999999.9999")),
    (m.Indicator, "baseline_value", "1,234,567.5", Decimal("1234567.5")),
    (m.Indicator, "baseline_value", " 0.0001 ", Decimal("0.0001")),
    (m.Indicator, "baseline_value", "1.50000000", Decimal("1.5")),  # trailing zeros lose nothing
    (m.Indicator, "baseline_value", "๑๒.๕", Decimal("12.5")),  # Thai digits
    (m.Indicator, "baseline_value", 0.1, Decimal("0.1")),  # a float by its shortest text, not 0.1000000000000000055…
    (m.Work, "latitude", "-90", Decimal(-90)),
    (m.Work, "longitude", "180.000000", Decimal(180)),
    (m.Contributor, "percentage", "100", Decimal(100)),
    (m.Funding, "amount_satang", "9,223,372,036,854,775,807", SQLITE_INTEGER_MAX),
    (m.Funding, "amount_satang", 3.0, 3),
    (m.Funding, "amount_satang", "12.0", 12),
    (m.Work, "sort_order", SQLITE_INTEGER_MIN, SQLITE_INTEGER_MIN),
    (m.Activity, "participant_groups", {"female": "3", "male": None}, {"female": 3}),
])
def test_values_that_fit_are_taken(model, field, value, expected):
    assert coerce(model, field, value) == expected


def test_the_baht_amount_of_a_funding_goes_through_the_same_checks():
    with pytest.raises(ValidationError) as caught:
        baht_to_satang("1e30")
    assert caught.value.key == "error.number_exponent"
    with pytest.raises(ValidationError):
        baht_to_satang(str(10**30))
    assert baht_to_satang("1,250,000.50") == 125_000_050


def test_services_refuse_what_the_window_would_send(services):
    work = services.works.create(title_th="ผลงาน")
    indicator = services.indicators.create(work_id=work.id, name_th="รายได้")
    with pytest.raises(UserError):
        services.indicators.update(indicator.id, baseline_value=Decimal("1E+400"))  # the window parses "1e400" so
    with pytest.raises(UserError):
        services.measurements.create(indicator_id=indicator.id, date="2024-01-01", value="12345678901234.5678")
    with pytest.raises(UserError):
        services.fundings.create(work_id=work.id, source="ทุน", amount_baht=str(10**30))
    with pytest.raises(UserError):
        services.works.update(work.id, latitude="123")
    assert services.indicators.get(indicator.id).baseline_value is None
    assert services.measurements.count() == 0 and services.fundings.count() == 0
    assert services.works.get(work.id).latitude is None


# --- the limits are honest: measured through the database ------------------------

@pytest.mark.parametrize(
    "model,column", NUMERIC_COLUMNS, ids=[f"{mo.__tablename__}.{c.key}" for mo, c in NUMERIC_COLUMNS]
)
def test_every_numeric_column_keeps_its_declared_digits_exactly(model, column):
    whole, scale = decimal_limits(column)
    assert whole + scale <= EXACT_FLOAT_DIGITS
    widest = Decimal("9" * whole + "." + "9" * scale) if scale else Decimal("9" * whole)
    smallest = Decimal(1).scaleb(-scale)
    for value in (widest, -widest, smallest, widest - smallest):
        assert _through_database(model, column.key, value) == value


def test_one_digit_more_than_the_limit_can_come_back_changed():
    """Why the limit is 15 digits: some 16-digit amounts, stored without the
    parser, read back different (the silent loss the parser prevents), and
    1e400 becomes Infinity."""
    sixteen = Decimal("999999999999.9997")
    assert _through_database(m.Indicator, "baseline_value", sixteen) == Decimal("999999999999.9998")
    assert _through_database(m.Indicator, "baseline_value", Decimal("12345678901234.5678")) != \
        Decimal("12345678901234.5678")
    assert _through_database(m.Indicator, "baseline_value", Decimal("1E+400")).is_infinite()


_STORE = {}


def _holder(model):
    """A record of ``model`` in a module-wide portfolio, to write values into."""
    if model not in _STORE:
        import tempfile
        from pathlib import Path

        if "portfolio" not in _STORE:
            _STORE["portfolio"] = Portfolio.create(Path(tempfile.mkdtemp()) / "numbers")
        services = Services(_STORE["portfolio"])
        work = _STORE.setdefault("work", services.works.create(title_th="ผลงาน"))
        if model is m.Work:
            _STORE[model] = work.id
        elif model is m.Indicator:
            _STORE[model] = services.indicators.create(work_id=work.id, name_th="ตัวชี้วัด").id
        elif model is m.Measurement:
            ind = _holder(m.Indicator)
            _STORE[model] = services.measurements.create(indicator_id=ind, date="2024-01-01", value="1").id
        elif model is m.Contributor:
            _STORE[model] = services.contributors.create(work_id=work.id, name="ผู้ร่วม").id
        elif model is m.Funding:
            _STORE[model] = services.fundings.create(work_id=work.id, source="ทุน").id
        elif model is m.Activity:
            _STORE[model] = services.activities.create(work_id=work.id, date="2024-01-01", title="ประชุม").id
        elif model is m.Evidence:
            with _STORE["portfolio"].session() as session:
                row = m.Evidence(work_id=work.id, sha256="0" * 64)
                session.add(row)
                session.flush()
                _STORE[model] = row.id
    return _STORE[model]


def _through_database(model, field, value):
    """Write ``value`` straight into a record (no parsing) and read it back."""
    ident = _holder(model)
    portfolio = _STORE["portfolio"]
    with portfolio.session() as session:
        setattr(session.get(model, ident), field, value)
    with portfolio.reader() as session:
        return getattr(session.get(model, ident), field)


def teardown_module(_module):
    if "portfolio" in _STORE:
        _STORE["portfolio"].close()


# --- property: parsed means stored exactly; else a ValidationError ---------------

PROPERTY_COLUMNS = [
    (m.Indicator, "baseline_value"), (m.Measurement, "value"), (m.Work, "latitude"), (m.Evidence, "longitude"),
    (m.Contributor, "percentage"), (m.Funding, "amount_satang"), (m.Activity, "participants_total"),
    (m.Work, "sort_order"),
]

number_text = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.from_regex(r"[+-]?[0-9,]{0,20}(\.[0-9]{0,10})?([eE][+-]?[0-9]{1,4})?", fullmatch=True),
    st.text(alphabet="0123456789.,-+eE ๐๑๒๓๔๕๖๗๘๙naifNIF", max_size=25),
    st.text(max_size=10),
)
any_value = st.one_of(
    number_text,
    st.decimals(allow_nan=True, allow_infinity=True),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.booleans(),
    st.none(),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=st.sampled_from(PROPERTY_COLUMNS), value=any_value)
def test_any_number_is_stored_exactly_or_refused(target, value):
    model, field = target
    try:
        parsed = coerce(model, field, value)
    except ValidationError:
        return
    if parsed is None:
        return
    assert isinstance(parsed, (int, Decimal)) and not isinstance(parsed, bool)
    if isinstance(parsed, Decimal):
        assert parsed.is_finite()
    back = _through_database(model, field, parsed)
    assert back == parsed, (value, parsed, back)
    if isinstance(value, float) and math.isfinite(value):
        assert Decimal(repr(value)) == back
