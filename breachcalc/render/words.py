"""Money as a board reads it (``₩1.85 trillion``) and as a chart's axis marks it (``₩1T``).

The exact figure stays in the tables and in JSON; these are its rounded, spoken forms. The
amount is rounded in Decimal (three significant figures); floats are only ever axis positions.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from breachcalc.domain.money import Money, format_money

SYMBOLS: dict[str, str] = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "KRW": "₩",
    "CNY": "CN¥",
    "INR": "₹",
    "AUD": "A$",
    "CAD": "C$",
    "NZD": "NZ$",
    "SGD": "S$",
    "HKD": "HK$",
    "TWD": "NT$",
    "BRL": "R$",
    "MXN": "MX$",
    "ILS": "₪",
    "PHP": "₱",
    "VND": "₫",
    "NGN": "₦",
    "THB": "฿",
    "TRY": "₺",
    "UAH": "₴",
    "PLN": "zł ",
    "CHF": "CHF ",
}
"""Signs a reader knows; other currencies are written with their ISO code before the amount."""

SCALES: tuple[tuple[int, str, str], ...] = (
    (12, "trillion", "T"),
    (9, "billion", "B"),
    (6, "million", "M"),
    (3, "thousand", "k"),
)


def sign(currency: str) -> str:
    """``$`` for USD, ``₩`` for KRW; ``SEK `` (code and a space) where no sign is common."""
    return SYMBOLS.get(currency, f"{currency} ")


def _significant(value: Decimal, digits: int = 3) -> Decimal:
    """``value`` rounded to ``digits`` significant figures (half to even), without exponent."""
    if value == 0:
        return Decimal(0)
    exponent = value.adjusted() - digits + 1
    rounded = value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_EVEN)
    return rounded.normalize() if exponent > 0 else rounded


def _plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros after the point: ``1.85``, ``12``."""
    text = f"{value.normalize():f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def in_words(money: Money) -> str:
    """``₩1.85 trillion``, ``$469,246``, ``£25.50``: three significant figures and a scale
    word from a million up; below a million the amount grouped, whole from a thousand up."""
    amount = money.amount
    if amount == 0:
        return f"{sign(money.currency)}0"
    negative = amount < 0
    amount = abs(amount)
    prefix = ("−" if negative else "") + sign(money.currency)
    for power, word, _letter in SCALES[:3]:
        scale = Decimal(10) ** power
        shown = _significant(amount / scale)
        if shown >= 1:
            if shown >= 1000 and power == 12:
                return f"{prefix}{(amount / scale).quantize(Decimal(1)):,} {word}"
            if shown >= 1000:
                continue
            return f"{prefix}{_plain(shown)} {word}"
    if amount >= 1000:
        return f"{prefix}{amount.quantize(Decimal(1), rounding=ROUND_HALF_EVEN):,}"
    return prefix + format_money(Money(amount, money.currency), code=False)


def both(money: Money, other: Money | None) -> str:
    """``₩1.85 trillion (≈ $1.28 billion)``: the first in words, the other beside it."""
    if other is None or other.currency == money.currency:
        return in_words(money)
    return f"{in_words(money)} (≈ {in_words(other)})"


def exact(money: Money) -> str:
    """The exact figure as the tables print it (rounded by the currency's minor unit)."""
    return format_money(money)


def tick(value: float, currency: str) -> str:
    """An axis mark: ``$1M``, ``₩1.5T``, ``$250k``, ``$0`` (from a float position)."""
    if value == 0:
        return f"{sign(currency).strip()}0"
    amount = Decimal(repr(float(value)))
    prefix = ("−" if amount < 0 else "") + sign(currency)
    amount = abs(amount)
    for power, _word, letter in SCALES:
        scale = Decimal(10) ** power
        if amount >= scale:
            shown = _significant(amount / scale, 3)
            if power == 12 and shown >= 1000:
                return f"{prefix}{amount:.0e}".replace("e+", "e")
            return f"{prefix}{_plain(shown)}{letter}"
    return f"{prefix}{_plain(_significant(amount, 3))}"
