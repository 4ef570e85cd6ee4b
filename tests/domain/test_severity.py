"""ENISA severity: the formula, levels, DPC rows, breach shapes worked by hand, the vector."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from breachcalc.domain.assessment import assess
from breachcalc.domain.severity import (
    LEVELS,
    TIERS,
    Factors,
    VectorError,
    assess_severity,
    level_of,
    parse_vector,
    scale_band,
    scale_bands,
    score_vector,
    tier_matrix,
    tier_of,
    vector_text,
)
from breachcalc.input.breach import Breach
from breachcalc.input.loader import load_breach
from breachcalc.reference.tables import catalogue, enisa_data
from tests.conftest import EXAMPLES, ROOT

D = Decimal


def severity_of(tmp_path: Path, text: str):
    path = tmp_path / "breach.yaml"
    path.write_text(text, encoding="utf-8")
    return assess(load_breach(str(path))).severity


# The formula-derived check table of the reference (section 1.7: arithmetic on the formula and
# the secondary values, not ENISA data). Columns: DPC, EI, C, I, A, M, SE, level.
DERIVED = [
    (1, "1", "0", "0", "0", "0", "1.00", "low"),  # 1 × 1 + 0 = 1
    (1, "1", "0.5", "0", "0", "0.5", "2.00", "medium"),  # 1 × 1 + 1 = 2, boundary
    (3, "1", "0", "0", "0", "0", "3.00", "high"),  # 3 × 1 = 3, boundary
    (3, "0.75", "0.25", "0", "0", "0", "2.50", "medium"),  # 3 × 0.75 + 0.25 = 2.5
    (4, "1", "0", "0", "0", "0", "4.00", "very high"),  # 4 × 1 = 4, boundary
    (4, "0.25", "0", "0", "0", "0", "1.00", "low"),  # 4 × 0.25 = 1
    (4, "1", "0.5", "0.5", "0.5", "0.5", "6.00", "very high"),  # 4 + 2 = 6, maximum
    (2, "0.5", "0", "0", "0.25", "0", "1.25", "low"),  # 2 × 0.5 + 0.25 = 1.25
]


@pytest.mark.parametrize(("dpc", "ei", "c", "i", "a", "m", "se", "level"), DERIVED)
def test_reference_derived_table(dpc, ei, c, i, a, m, se, level):
    factors = Factors(dpc, D(ei), D(c), D(i), D(a), D(m))
    assert factors.se == D(se)
    assert level_of(factors.se) == level


@pytest.mark.parametrize(
    ("se", "level"),
    [
        ("1.75", "low"),  # the highest SE below 2 the quarter steps can make
        ("2", "medium"),
        ("2.75", "medium"),
        ("3", "high"),
        ("3.75", "high"),
        ("4", "very high"),
        ("6", "very high"),
    ],
)
def test_level_boundaries(se, level):
    assert level_of(D(se)) == level


@pytest.mark.parametrize(
    ("vector", "se", "level"),
    [
        ("ENISA:1.0/DPC:1/EI:1/C:0.5/I:0/A:0/M:0.5", "2.0", "medium"),  # 1 + 0.5 + 0.5 = 2
        ("ENISA:1.0/DPC:2/EI:1/C:0.5/I:0/A:0.5/M:0", "3.0", "high"),  # 2 + 0.5 + 0.5 = 3
        ("ENISA:1.0/DPC:3/EI:1/C:0.5/I:0/A:0/M:0.5", "4.0", "very high"),  # 3 + 1 = 4
        ("ENISA:1.0/DPC:3/EI:0.75/C:0.5/I:0.25/A:0/M:0", "3.0", "high"),  # 2.25 + 0.75 = 3
    ],
)
def test_boundaries_by_vector(vector, se, level):
    score = score_vector(vector)
    assert (score.se, score.level) == (D(se), level)


def _yaml(categories: str, extra: str = "", affected: int = 1000) -> str:
    return f"name: t\naffected: {affected}\ndata_categories: [{categories}]\n{extra}"


def _factor(category: str, factor: str, score: int) -> str:
    return (
        f"dpc_factors:\n  - category: {category}\n    factor: {factor}\n    score: {score}\n"
        f"    reason: reference example row\n"
    )


# The DPC example rows the reference attributes to ENISA Assessment Table 1 (secondary), as the
# catalogue can express them: (case, category, factor or None, expected DPC). Every case is
# expressible. "Full card details enabling transactions" (financial 3 → 4) goes through `volume`
# (volume in content: the whole card record rather than a number alone); `nature` cannot raise
# it, as the reference lists nature among the decreasing factors.
DPC_ROWS = [
    ("supermarket customer list", "names", None, 1),
    ("luxury goods seller's list", "names", "controller", 2),
    ("adult book store delivery addresses", "postal_addresses", "controller", 3),
    ("list of undercover officers", "names", "individuals", 4),
    ("ISP helpdesk incoming calls", "online_activity", "nature", 1),
    ("one week of call history", "online_activity", None, 2),
    ("one year of call history", "online_activity", "volume", 3),
    ("calls to a psychological support centre", "online_activity", "controller", 4),
    ("mere bank customer letter", "bank_accounts", "nature", 1),
    ("one-day transactions without details", "financial_records", "nature", 2),
    ("one-month balances", "financial_records", None, 3),
    ("one-year detailed statements", "financial_records", "volume", 4),
    ("full card details enabling transactions", "payment_cards", "volume", 4),
    ("very old / invalid credit cards", "payment_cards", "invalid", 1),
    ('"performed general blood tests"', "health", "nature", 1),
    ("fact of an ER blood test", "health", "nature", 2),
    ("test for a specific disease", "health", "nature", 3),
    ("actual test results", "health", None, 4),
    ("dating site with declared sexual orientation", "sexual_life", None, 4),
]


RAISES = {
    "volume": True,
    "controller": True,
    "individuals": True,
    "nature": False,
    "invalid": False,
}
"""ENISA's contextual factors: those that can only raise a category's DPC, and the others."""
EI_OF = {"direct": Decimal(1), "indirect": Decimal("0.75"), "none": Decimal("0.5")}
"""EI a category allows on its own: maximum 1, significant 0.75, limited 0.5 (ENISA Annex)."""


@pytest.mark.parametrize(("case", "category", "factor", "dpc"), DPC_ROWS)
def test_reference_dpc_rows(tmp_path, case, category, factor, dpc):
    # Not the score back: what it implies. The factor moves the class's basic score in its own
    # direction, and SE = DPC × EI + CB follows from the row's DPC, the EI the category allows
    # and CB 0 (no circumstances), worked here from the catalogue, not by the engine.
    from breachcalc.domain.severity import class_scores
    from breachcalc.reference.tables import catalogue

    entry = catalogue().categories[category]
    basic = class_scores()[entry.enisa_class]
    if factor is None:
        assert dpc == basic, case
    else:
        assert (dpc > basic) if RAISES[factor] else (dpc < basic), case
    extra = _factor(category, factor, dpc) if factor else ""
    sev = severity_of(tmp_path, _yaml(category, extra))
    expected_se = Decimal(dpc) * EI_OF[entry.identifies]
    assert (sev.se, sev.dpc_set_by) == (expected_se, category), case
    assert sev.vector.startswith(f"ENISA:1.0/DPC:{dpc}/EI:{EI_OF[entry.identifies].normalize()}/")
    item = sev.dpc_items[0]
    assert (item.basic, item.factor) == (basic, factor), case


CIRC = (
    "circumstances:\n  confidentiality: {c}\n  integrity: {i}\n  availability: {a}\n"
    "  malicious: {m}\n"
)


def circ(c="none", i="none", a="none", m="false") -> str:
    return CIRC.format(c=c, i=i, a=a, m=m)


# Breach shapes with hand-worked scores: (name, yaml, SE, level, scale band, tier, vector).
SHAPES = [
    (
        # Lost laptop, full-disk encryption, key not lost: health (4) × EI overridden to
        # negligible 0.25 + CB 0 = 1.0 low; 2,000 people → band 2; low × 2 = low.
        "lost encrypted laptop",
        _yaml(
            "names, health",
            circ()
            + "ease_of_identification:\n  level: negligible\n"
            + "  reason: full-disk encryption; the key was not on the laptop\n",
            2000,
        ),
        "1.0",
        "low",
        2,
        "low",
        "ENISA:1.0/DPC:4/EI:0.25/C:0/I:0/A:0/M:0/S:2",
    ),
    (
        # Salary file e-mailed to one wrong colleague: financial 3 × names 1 + known
        # recipient 0.25 = 3.25 high; 40 people → band 1; high × 1 = moderate.
        "misdirected salary e-mail",
        _yaml("names, financial records", circ(c="known_recipients"), 40),
        "3.25",
        "high",
        1,
        "moderate",
        "ENISA:1.0/DPC:3/EI:1/C:0.25/I:0/A:0/M:0/S:1",
    ),
    (
        # Hospital ransomware with exfiltration: health 4 × 1 + (0.5 + 0 + 0.25 + 0.5) = 5.25
        # very high; 250,000 → band 3; very high × 3 = critical.
        "hospital ransomware with exfiltration",
        _yaml(
            "names, health",
            circ(c="unknown_recipients", a="temporary", m="true"),
            250_000,
        ),
        "5.25",
        "very high",
        3,
        "critical",
        "ENISA:1.0/DPC:4/EI:1/C:0.5/I:0/A:0.25/M:0.5/S:3",
    ),
    (
        # Newsletter list in an open bucket, no evidence of access: contact details 1 × email
        # (indirect) 0.75 + 0 = 0.75 low; 50,000 → band 3; low × 3 = low.
        "open bucket, no evidence of access",
        _yaml("email", circ(), 50_000),
        "0.75",
        "low",
        3,
        "low",
        "ENISA:1.0/DPC:1/EI:0.75/C:0/I:0/A:0/M:0/S:3",
    ),
    (
        # Credential stuffing: credentials (simple 1) × email 0.75 + 0.5 + 0.5 = 1.75 low, just
        # under the medium boundary; 1,200,000 → band 4; low × 4 = moderate.
        "credential stuffing",
        _yaml("credentials, email", circ(c="unknown_recipients", m="true"), 1_200_000),
        "1.75",
        "low",
        4,
        "moderate",
        "ENISA:1.0/DPC:1/EI:0.75/C:0.5/I:0/A:0/M:0.5/S:4",
    ),
    (
        # Card skimming at checkout: payment cards 3 × names 1 + 0.5 + 0.5 = 4.0 very high
        # (boundary); 80,000 → band 3; very high × 3 = critical.
        "card skimming",
        _yaml(
            "names, payment cards, shipping addresses",
            circ(c="unknown_recipients", m="true"),
            80_000,
        ),
        "4.0",
        "very high",
        3,
        "critical",
        "ENISA:1.0/DPC:3/EI:1/C:0.5/I:0/A:0/M:0.5/S:3",
    ),
    (
        # Children's app leaks locations: location 2 raised to 3 (individuals: minors) ×
        # account IDs 0.75 + 0.5 = 2.75 medium; 5,000 → band 2; medium × 2 = moderate.
        "children's location leak",
        _yaml(
            "location, usernames",
            circ(c="unknown_recipients") + _factor("location", "individuals", 3),
            5_000,
        ),
        "2.75",
        "medium",
        2,
        "moderate",
        "ENISA:1.0/DPC:3/EI:0.75/C:0.5/I:0/A:0/M:0/S:2",
    ),
    (
        # A bug corrupts orders, restored from backup after a day: order history 2 × names 1 +
        # integrity 0.25 + availability 0.25 = 2.5 medium; 300 → band 2; medium × 2 = moderate.
        "corrupted orders, recoverable",
        _yaml("names, order history", circ(i="recoverable", a="temporary"), 300),
        "2.5",
        "medium",
        2,
        "moderate",
        "ENISA:1.0/DPC:2/EI:1/C:0/I:0.25/A:0.25/M:0/S:2",
    ),
    (
        # Scraped public profiles: browsing data lowered to 1 (public before the breach); with
        # demographics, nothing names a person: EI limited 0.5. 1 × 0.5 + 0.5 + 0.5 = 1.5 low;
        # 15,000,000 → band 5; low × 5 = moderate.
        "scraped public profiles",
        _yaml(
            "demographics, online activity",
            circ(c="unknown_recipients", m="true") + _factor("online_activity", "public", 1),
            15_000_000,
        ),
        "1.5",
        "low",
        5,
        "moderate",
        "ENISA:1.0/DPC:1/EI:0.5/C:0.5/I:0/A:0/M:0.5/S:5",
    ),
    (
        # Wiper malware, no exfiltration, no backup: financial 3 × names 1 + availability 0.5 +
        # malicious 0.5 = 4.0 very high; 700 → band 2; very high × 2 = high.
        "wiper, no backup",
        _yaml("names, financial records", circ(a="permanent", m="true"), 700),
        "4.0",
        "very high",
        2,
        "high",
        "ENISA:1.0/DPC:3/EI:1/C:0/I:0/A:0.5/M:0.5/S:2",
    ),
    (
        # No circumstances: names 1 × 1 + CB taken as 0 = 1.0 low; 1,000 → band 2; low.
        "no circumstances given",
        _yaml("names, email"),
        "1.0",
        "low",
        2,
        "low",
        "ENISA:1.0/DPC:1/EI:1/C:0/I:0/A:0/M:0/S:2",
    ),
    (
        # Dating site: sexual life 4 × names 1 + 0.5 + integrity not recoverable 0.5 + 0.5 =
        # 5.5 very high; 90 people → band 1; very high × 1 = high.
        "dating site, altered and leaked",
        _yaml(
            "names, sexual life",
            circ(c="unknown_recipients", i="not_recoverable", m="true"),
            90,
        ),
        "5.5",
        "very high",
        1,
        "high",
        "ENISA:1.0/DPC:4/EI:1/C:0.5/I:0.5/A:0/M:0.5/S:1",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "se", "level", "band", "tier", "vector"), SHAPES, ids=[s[0] for s in SHAPES]
)
def test_breach_shapes(tmp_path, name, text, se, level, band, tier, vector):
    sev = severity_of(tmp_path, text)
    assert sev.se == D(se), name
    assert (sev.level, sev.scale_band, sev.tier, sev.vector) == (level, band, tier, vector)
    # The vector alone gives the same score and tier.
    again = score_vector(sev.vector)
    assert (again.se, again.level, again.tier) == (sev.se, level, tier)


def test_no_circumstances_is_said_not_assumed(tmp_path):
    sev = severity_of(tmp_path, _yaml("names"))
    assert sev.warnings == (
        "circumstances not given: CB taken as 0 — add a circumstances section "
        "(confidentiality, integrity, availability, malicious)",
    )
    assert not sev.cb_given


def test_coupang_must_show():
    # DPC 2 (order history, behavioural) × EI 1 (names) + CB (0.5 unknown recipients + 0.5
    # malicious) = 3.0 high; 33,700,000 → band 5 → critical, the top tier.
    sev = assess(load_breach(str(EXAMPLES / "coupang.yaml"))).severity
    assert (sev.dpc, sev.dpc_set_by, sev.ei, sev.ei_set_by) == (2, "order_history", D(1), "names")
    assert (sev.cb, sev.se, sev.level, sev.tier) == (D("1.0"), D("3.0"), "high", TIERS[-1])
    assert sev.vector == "ENISA:1.0/DPC:2/EI:1/C:0.5/I:0/A:0/M:0.5/S:5"


@pytest.mark.parametrize(
    "path",
    sorted(p for p in EXAMPLES.glob("*.yaml") if p.name != "policy.yaml"),
    ids=lambda p: p.name,
)
def test_vector_round_trip_through_the_cli(run, path):
    first_line = run("assess", str(path), "--format", "jsonl").stdout.splitlines()[0]
    document = json.loads(first_line)
    vector = document["severity"]["vector"]
    scored = json.loads(run("severity", vector, "--format", "json").stdout)
    assert scored["se"] == document["severity"]["se"]
    assert (scored["level"], scored["tier"]) == (
        document["severity"]["level"],
        document["severity"]["tier"],
    )


quarter = st.sampled_from([D("0"), D("0.25"), D("0.5")])


@given(
    dpc=st.integers(1, 4),
    ei=st.sampled_from([D("0.25"), D("0.5"), D("0.75"), D("1")]),
    c=quarter,
    i=quarter,
    a=quarter,
    m=st.sampled_from([D("0"), D("0.5")]),
    band=st.one_of(st.none(), st.integers(1, 5)),
)
def test_vector_text_and_parse_agree(dpc, ei, c, i, a, m, band):
    factors = Factors(dpc, ei, c, i, a, m, band)
    parsed = parse_vector(vector_text(factors))
    assert parsed == factors
    assert D("0.25") <= parsed.se <= D(6)


@given(se=st.integers(1, 24).map(lambda q: D(q) / 4), band=st.integers(1, 5))
def test_tier_never_falls_as_score_or_scale_rises(se, band):
    tier = TIERS.index(tier_of(level_of(se), band))
    assert TIERS.index(tier_of(level_of(se + D("0.25")), band)) >= tier
    if band < 5:
        assert TIERS.index(tier_of(level_of(se), band + 1)) >= tier
    assert level_of(se) in LEVELS


@pytest.mark.parametrize(
    ("affected", "band"),
    [
        (0, 1),
        (99, 1),
        (100, 2),
        (9_999, 2),
        (10_000, 3),
        (999_999, 3),
        (1_000_000, 4),
        (9_999_999, 4),
        (10_000_000, 5),
        (33_700_000, 5),
    ],
)
def test_scale_bands(affected, band):
    assert scale_band(affected) == band


@pytest.mark.parametrize(
    ("vector", "message"),
    [
        (
            "ENISA:1.0/DPC:2/EI:2/C:0.5/I:0/A:0/M:0.5",
            "part 3 'EI:2': EI must be one of 0.25, 0.5, 0.75, 1",
        ),
        (
            "ENISA:1.0/DPC:5/EI:1/C:0.5/I:0/A:0/M:0.5",
            "part 2 'DPC:5': DPC must be one of 1, 2, 3, 4",
        ),
        ("ENISA:1.0/DPC:2/EI:1/C:0.5/I:0/A:0/M:0.25", "part 7 'M:0.25': M must be one of 0, 0.5"),
        ("ENISA:1.0/DPC:2/EI:1/C:0.5/I:0/A:0/M:0.5/S:6", "part 8 'S:6': S must be one of 1, 2"),
        ("ENISA:1.0/DPC:2/EI:1/C:x/I:0/A:0/M:0.5", "part 4 'C:x': C must be one of 0, 0.25, 0.5"),
        ("ENISA:1.0/DPC:2/EI:1/C:0.5/A:0/M:0.5", "part 5 'A:0' is out of order: I comes next"),
        ("ENISA:1.0/DPC:2/EI:1/C:0.5/I:0/A:0", "missing M"),
        ("ENISA:1.0/DPC:2/DPC:2", "part 3 'DPC:2' repeats DPC"),
        ("ENISA:1.0/DPC=2", "part 2 'DPC=2' is not KEY:VALUE"),
        ("CVSS:3.1/AV:N", "part 1 'CVSS:3.1' must be ENISA:1.0"),
    ],
)
def test_malformed_vectors(vector, message):
    with pytest.raises(VectorError) as caught:
        parse_vector(vector)
    assert message in str(caught.value)


def test_tens_of_millions_of_contact_records_taken_maliciously_is_top_tier(tmp_path):
    # Names 1 × EI 1 + C 0.5 + M 0.5 = 2.0 medium; 33,700,000 → band 5; medium × 5 = critical.
    sev = severity_of(
        tmp_path,
        _yaml(
            "names, email, phone, shipping addresses",
            circ(c="unknown_recipients", m="true"),
            33_700_000,
        ),
    )
    assert (sev.se, sev.level, sev.tier) == (D("2.0"), "medium", TIERS[-1])


def test_a_lost_encrypted_laptop_is_never_top_tier_whatever_its_size(tmp_path):
    # Health 4 × EI 0.25 (encrypted, key safe) + 0 = 1.0 low; 33,700,000 → band 5; low × 5 =
    # moderate.
    sev = severity_of(
        tmp_path,
        _yaml(
            "names, health",
            circ() + "ease_of_identification:\n  level: negligible\n  reason: encrypted disk\n",
            33_700_000,
        ),
    )
    assert (sev.se, sev.level, sev.tier) == (D("1.0"), "low", "moderate")


def test_scale_bands_and_tier_matrix_are_data_with_sources():
    data = enisa_data()
    bands = scale_bands()
    assert [b.band for b in bands] == [1, 2, 3, 4, 5]
    assert [b.floor for b in bands] == [0, 100, 10_000, 1_000_000, 10_000_000]
    for row in (*data["scale_band"], data["tier_matrix"]):
        assert row["source"].startswith("breachcalc's own judgement")
        assert row["effective"] == "2026-11-28"
    matrix = tier_matrix()
    assert list(matrix) == list(LEVELS)
    assert all(len(row) == 5 and set(row) <= set(TIERS) for row in matrix.values())


def _readme_table(heading: str) -> list[list[str]]:
    """The rows of the first Markdown table whose header row starts with ``heading``."""
    readme = (ROOT / "docs" / "severity.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(readme) if line.startswith(heading))
    rows = []
    for line in readme[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_the_readme_shows_the_bands_and_matrix_of_the_data():
    bands = _readme_table("| band | people affected |")
    assert [(int(r[0]), r[2]) for r in bands] == [(b.band, b.name) for b in scale_bands()]
    # "under 100", "100 to 9,999", …, "10,000,000 or more": each band starts at its floor
    floors = [0] + [int(r[1].split()[0].replace(",", "")) for r in bands[1:]]
    assert floors == [b.floor for b in scale_bands()]
    matrix = _readme_table("| ENISA level \\ scale band |")
    assert {r[0]: tuple(r[1:]) for r in matrix} == tier_matrix()


def test_a_long_malformed_vector_is_quoted_short(run):
    # 5,000 digits in M: the message quotes 60 characters of the vector and of the part, on one
    # line, and still says what is valid.
    vector = "ENISA:1.0/DPC:2/EI:1/C:0.5/I:0/A:0/M:" + "5" * 5_000 + "\n"
    result = run("severity", vector)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "error: vector 'ENISA:1.0/DPC:2/EI:1/C:0.5/I:0/A:0/M:"
        + "5" * 22
        + "…': part 7 'M:"
        + "5" * 57
        + "…': M must be one of 0, 0.5\n"
    )


def test_credentials_carry_a_warning_not_a_silent_score(tmp_path, run, write):
    # Credentials alone: simple, DPC 1; ENISA scores them by what they open, so the output says
    # so next to the circumstances note.
    sev = severity_of(tmp_path, _yaml("credentials, email", circ()))
    assert sev.dpc == 1
    assert sev.warnings == (
        "credentials exposed: ENISA scores them by the data in the systems they open, not as a "
        "class of their own; list those categories too (on their own, credentials count as "
        "simple)",
    )
    table = run("assess", write(_yaml("credentials"))).stdout
    assert table.count(" Note ") == 2
    assert "credentials exposed: ENISA scores them" in table


CATEGORY_KEYS = sorted(catalogue().categories)
CB_CHOICES = {
    "confidentiality": ["none", "known_recipients", "unknown_recipients"],
    "integrity": ["none", "recoverable", "not_recoverable"],
    "availability": ["none", "temporary", "permanent"],
}


def _model(categories: list[str], affected: int, circumstances: dict[str, object]) -> Breach:
    return Breach.model_validate(
        {
            "name": "generated",
            "affected": affected,
            "data_categories": categories,
            "circumstances": circumstances,
        }
    )


circumstance_choices = st.fixed_dictionaries(
    {
        **{element: st.integers(0, 2) for element in CB_CHOICES},
        "malicious": st.booleans(),
    }
)


def _circ(choice: dict[str, object]) -> dict[str, object]:
    """Step numbers (0, 1, 2) per element as the file's words, plus malicious."""
    steps = {element: CB_CHOICES[element][choice[element]] for element in CB_CHOICES}
    return {**steps, "malicious": choice["malicious"]}


@given(
    categories=st.lists(st.sampled_from(CATEGORY_KEYS), min_size=1, max_size=4, unique=True),
    extra=st.sampled_from(CATEGORY_KEYS),
    choice=circumstance_choices,
    element=st.sampled_from([*CB_CHOICES, "malicious"]),
    affected=st.integers(0, 10**9),
    more=st.integers(0, 10**9),
)
def test_more_data_worse_circumstances_or_more_people_never_lower_severity(
    categories, extra, choice, element, affected, more
):
    """Listing one more category, one circumstance a step worse, or more people never lowers
    DPC, EI, SE or the tier: DPC and EI are maxima over the categories, CB is a sum of
    non-negative steps, and the matrix never falls along a row or down a column."""
    base = assess_severity(_model(categories, affected, _circ(choice)))
    wider = assess_severity(
        _model(
            [*categories, extra] if extra not in categories else categories, affected, _circ(choice)
        )
    )
    worse_choice = dict(choice)
    if element == "malicious":
        worse_choice["malicious"] = True
    else:
        worse_choice[element] = min(int(choice[element]) + 1, 2)
    worse = assess_severity(_model(categories, affected, _circ(worse_choice)))
    bigger = assess_severity(_model(categories, affected + more, _circ(choice)))
    for other in (wider, worse, bigger):
        assert other.dpc >= base.dpc and other.ei >= base.ei and other.se >= base.se
        assert TIERS.index(other.tier) >= TIERS.index(base.tier)
    # SE is exactly the formula on the recorded factors, and the vector says the same.
    assert base.se == base.dpc * base.ei + base.cb
    assert score_vector(base.vector).se == base.se


def test_an_ei_override_shows_what_the_categories_alone_would_give(tmp_path):
    # Usernames lead to a person with a look-up: significant, 0.75. The file overrides to
    # limited, 0.5, with a reason; both are in the reason so a reader sees what was overridden.
    # SE = location 2 × 0.5 + 0 = 1.0.
    sev = severity_of(
        tmp_path,
        _yaml(
            "location, usernames",
            circ() + "ease_of_identification:\n  level: limited\n  reason: random usernames\n",
        ),
    )
    assert (sev.ei, sev.ei_level, sev.ei_set_by, sev.se) == (D("0.5"), "limited", None, D("1.0"))
    assert sev.ei_reason == (
        "set in the file: random usernames (the categories alone give significant, 0.75, from "
        "account identifiers and usernames)"
    )
