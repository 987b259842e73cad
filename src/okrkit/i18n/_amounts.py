"""Amounts as people write them: "5,5 tỷ đồng" and "$1.2M" out, "3,5 tỷ" or "1,2 tr" back in.

:func:`format_amount` writes an amount for a title or a summary, in words of the unit
when that is exact; :func:`parse_amount` reads what a person types, in the same words.
Tables keep :func:`~okrkit.i18n.format_currency` and its full grouping.

Babel does the formatting; the Vietnamese layer on top of it is small:

- the long compact words of CLDR (``nghìn``, ``triệu``, ``tỷ``, ``nghìn tỷ``), not the
  short letters (``5,5 T``) that no Vietnamese text uses;
- the currency in words after the number: ``đồng`` for VND, the ISO code for others
  (``1,2 triệu USD``), not a symbol;
- plain spaces, not the no-break spaces babel puts between a number and its symbol.

English and every other locale keep babel's own conventions: ``$1.2M``, ``₫5.5B``,
``1.2 million``.
"""

from __future__ import annotations

import numbers
import re
import unicodedata
from decimal import Decimal, localcontext

from okrkit.errors import Message, ParameterError, Shown, UsageError, shorten
from okrkit.i18n._formats import NOT_A_NUMBER, _is_finite, _wide
from okrkit.i18n._inputs import checked_currency, checked_number
from okrkit.i18n._locale import N_, _, _parse, get_locale

__all__ = ["COMPACT_FROM", "COMPACT_UNTIL", "format_amount", "parse_amount"]

COMPACT_FROM = Decimal(10) ** 6
"""The smallest amount :func:`format_amount` writes in words: one million (``1 triệu``)."""

COMPACT_UNTIL = Decimal(10) ** 15
"""Amounts from here up are written in full: a thousand trillion has no word of its own."""

_LONGEST_TEXT = 200
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_SIGNS = "-\u2212+"
_SHAPE = re.compile(r"(?P<before>[^0-9]*?)(?P<number>[0-9](?:[0-9.,_ ]*[0-9])?)(?P<after>[^0-9]*)")

# The words of scale, folded (lower case, no tone marks, đ as d), by power of ten. A lone
# "t" is a trillion, except in Vietnamese (see _scale_and_mark).
_SCALES = {
    **dict.fromkeys(("nghin ty", "ngan ty", "nt", "trillion", "tn", "t"), 12),
    **dict.fromkeys(("ty", "ti", "billion", "bn", "b"), 9),
    **dict.fromkeys(("trieu", "tr", "million", "mn", "m"), 6),
    **dict.fromkeys(("nghin", "ngan", "thousand", "k", "n"), 3),
}
_SCALE = re.compile("(" + "|".join(sorted(map(re.escape, _SCALES), key=len, reverse=True)) + ")")

# Currency marks everyone writes, folded, beyond ISO codes and babel's symbols.
_MARKS = {
    **dict.fromkeys(("₫", "d", "dong", "vnd"), "VND"),
    **dict.fromkeys(("$", "us$"), "USD"),
    "€": "EUR",
    "£": "GBP",
}


def _fold(text: str) -> str:
    """``text`` in lower case without tone marks, ``đ`` as ``d``, spaces single."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", bare).strip()


def _is_vietnamese(locale: str) -> bool:
    return _parse(locale).language == "vi"


def _currency_word(code: str) -> str:
    """The currency as a Vietnamese sentence names it after an amount."""
    return "đồng" if code == "VND" else code


def _as_decimal(value: float | Decimal) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))
    return Decimal(repr(float(value)))


# -- writing -------------------------------------------------------------------------------


@_wide
def format_amount(
    value: float | Decimal,
    currency: str | None = None,
    *,
    compact: bool = True,
    locale: str | None = None,
) -> str:
    """Write an amount as a title or a summary says it: ``5,5 tỷ đồng``, ``$1.2M``.

    From one million up (and below a thousand trillion), an amount that is a whole
    number of millions, billions or trillions to at most two decimals is written in
    words of that unit; any other is written in full, so that :func:`parse_amount`
    always reads back the same number. Tables keep
    :func:`~okrkit.i18n.format_currency`.

    Args:
        value: The amount; NaN or infinity shows as an en dash (–).
        currency: The ISO 4217 code of an amount of money, or ``None`` for a plain
            quantity (``2 triệu``, ``2 million``).
        compact: ``False`` always writes the amount in full (``5.500.000.000 đồng``).
        locale: The locale, or the active one.

    Raises:
        UsageError: when ``value`` is not a number, or ``currency`` not a three-letter
            code (a :class:`TypeError`).

    Examples:
        >>> format_amount(5_500_000_000, "VND", locale="vi"), format_amount(600e6, "VND", locale="vi")
        ('5,5 tỷ đồng', '600 triệu đồng')
        >>> format_amount(1_200_000, "USD", locale="vi"), format_amount(5.5e9, "VND", locale="en")
        ('1,2 triệu USD', '₫5.5B')
        >>> format_amount(5_512_345_678, "VND", locale="vi"), format_amount(150_000, "VND", locale="vi")
        ('5.512.345.678 đồng', '150.000 đồng')
        >>> format_amount(2_000_000, locale="en"), format_amount(1_234.5, "USD", locale="en")
        ('2 million', '$1,234.50')
    """  # noqa: E501
    value = checked_number(value)
    if not _is_finite(value):
        return NOT_A_NUMBER
    chosen = locale or get_locale()
    code = checked_currency(currency)
    amount = _as_decimal(value)
    if compact and COMPACT_FROM <= abs(amount) < COMPACT_UNTIL:
        shown = _compact(amount, code, chosen)
        if shown is not None:
            return shown
    return _full(amount, code, chosen)


def _compact(amount: Decimal, code: str | None, locale: str) -> str | None:
    """``amount`` in words of its unit, or ``None`` when those words would round it."""
    from babel.numbers import format_compact_currency, format_compact_decimal

    if code is not None and not _is_vietnamese(locale):
        text = format_compact_currency(amount, code, locale=locale, fraction_digits=2)
    else:
        words = format_compact_decimal(
            amount, format_type="long", locale=locale, fraction_digits=2
        )
        text = _SPACES.sub(" ", words)
        if code is not None:
            text = f"{text} {_currency_word(code)}"
    try:
        exact = parse_amount(text, currency=code, locale=locale) == amount
    except ParameterError:  # a locale whose words okrkit does not read back
        exact = False
    return text if exact else None


def _fraction(amount: Decimal, code: str | None) -> str:
    """The fractional part of a pattern: none for a whole amount, else every cent."""
    from babel.numbers import get_currency_precision

    if amount == amount.to_integral_value():
        return ""
    digits = get_currency_precision(code) if code is not None else 0
    return "." + "0" * digits + "#" * max(3 - digits, 0)


def _full(amount: Decimal, code: str | None, locale: str) -> str:
    """``amount`` with every digit, grouped as ``locale`` groups them."""
    from babel.numbers import format_currency, format_decimal

    fraction = _fraction(amount, code)
    if code is None or _is_vietnamese(locale):
        text = format_decimal(amount, format="#,##0" + fraction, locale=locale)
        return text if code is None else f"{text} {_currency_word(code)}"
    pattern = _parse(locale).currency_formats["standard"].pattern
    return format_currency(
        amount,
        code,
        format=re.sub(r"\.0+", fraction, pattern),
        locale=locale,
        currency_digits=False,
    )


# -- reading -------------------------------------------------------------------------------


def parse_amount(text: str, currency: str | None = None, *, locale: str | None = None) -> Decimal:
    """Read an amount as a person types it: ``3,5 tỷ``, ``1.200.000 ₫``, ``$1.2M``.

    The number is read in ``locale``'s way first: in Vietnamese ``1.200`` is one
    thousand two hundred and ``1,2`` is one point two; in English the other way round.
    A number that cannot be read that way (``1.5`` in Vietnamese, ``1,5`` in English)
    is read the other way. Groups have three digits; ``_`` may group digits too.

    After the number may come a word of scale, with or without tone marks, in either
    language: ``nghìn``/``ngàn``/``k``, ``triệu``/``tr``/``million``/``M``,
    ``tỷ``/``tỉ``/``billion``/``B``/``bn``, ``nghìn tỷ``/``trillion``; a lone ``T`` is
    ``tỷ`` in Vietnamese and a trillion in other locales. A currency may come before or
    after, as a symbol (``₫``, ``đ``, ``$``, ``US$``, ``€``), a word (``đồng``) or an ISO
    code (``USD``), and a sign before the number or the symbol.

    Args:
        text: What was typed.
        currency: The ISO code the amount must be in; a currency in ``text`` must be
            that one. ``None`` reads a plain quantity, without a currency.
        locale: The locale, or the active one.

    Returns:
        The amount, exactly: a :class:`~decimal.Decimal`, whole when it is whole.

    Raises:
        ParameterError: for text that is not an amount, or names another currency (a
            :class:`ValueError`); its message quotes the text and says what would do.
        UsageError: when ``text`` is not a string or ``currency`` not a
            three-letter code (a :class:`TypeError`).

    Examples:
        >>> parse_amount("3,5 tỷ", locale="vi"), parse_amount("1,2 tr", locale="vi")
        (Decimal('3500000000'), Decimal('1200000'))
        >>> parse_amount("1.200.000 ₫", "VND", locale="vi"), parse_amount("$1.2M", "USD", locale="en")
        (Decimal('1200000'), Decimal('1200000'))
        >>> parse_amount("1.200", locale="vi"), parse_amount("1.200", locale="en")
        (Decimal('1200'), Decimal('1.200'))
        >>> parse_amount("5 tỷ", locale="en")
        Decimal('5000000000')
        >>> parse_amount("ba tỷ", locale="en")
        Traceback (most recent call last):
        ...
        okrkit.errors.ParameterError: 'ba tỷ' is not an amount; write it as 3.5 billion, 500 million or 1,200,000
    """  # noqa: E501
    if not isinstance(text, str):
        raise UsageError(
            _("'text' must be text such as '3,5 tỷ' (got {value})").format(value=shorten(text))
        )
    code = checked_currency(currency)
    chosen = locale or get_locale()
    cleaned = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    shape = _SHAPE.fullmatch(cleaned) if len(cleaned) <= _LONGEST_TEXT else None
    if shape is None:
        raise _not_an_amount(text, code)
    sign, mark_before = _sign_and_mark(shape["before"])
    scale, mark_after = _scale_and_mark(shape["after"], chosen)
    number = _number(shape["number"], chosen)
    if sign is None or number is None or (mark_before and mark_after):
        raise _not_an_amount(text, code)
    _check_currency(text, mark_before or mark_after, code, chosen)
    with localcontext(prec=_LONGEST_TEXT + 20):
        amount = number.scaleb(scale)
        if sign in {"-", "\u2212"}:
            amount = -amount
        if amount == amount.to_integral_value():
            amount = amount.quantize(Decimal(1))  # 3500000000, not 3.5E+9
    return amount


def _sign_and_mark(before: str) -> tuple[str | None, str]:
    """The sign (``""`` if none, ``None`` if misplaced) and the currency mark before a number."""
    part = before.strip()
    sign = ""
    if part[:1] in tuple(_SIGNS):
        sign, part = part[0], part[1:].strip()
    elif part[-1:] in tuple(_SIGNS):
        sign, part = part[-1], part[:-1].strip()
    if any(char in _SIGNS for char in part):
        return None, part
    return sign, part


def _scale_and_mark(after: str, locale: str) -> tuple[int, str]:
    """The power of ten of the scale word after a number, and the currency mark after it."""
    folded = _fold(after)
    match = _SCALE.match(folded)
    rest = "" if match is None else folded[match.end() :]
    if match is None or (rest[:1].isalpha() and not rest.startswith("d")):
        # No scale, or a longer word that starts like one ("tháng"): all of it is a mark.
        return 0, after.strip()
    word = match.group(1)
    # "T" is tỷ in Vietnamese (babel's own short word for it), a trillion elsewhere.
    power = 9 if word == "t" and _is_vietnamese(locale) else _SCALES[word]
    return power, rest.strip()


def _number(digits: str, locale: str) -> Decimal | None:
    """The number in ``digits``, read in ``locale``'s way, else the other way."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    digits = digits.replace("_", "")
    group = _SPACES.sub(" ", get_group_symbol(locale))
    decimal = get_decimal_symbol(locale)
    other = (",", ".") if decimal != "." else (".", ",")
    for group_sign, decimal_sign in ((group, decimal), other):
        number = _read(digits, group_sign, decimal_sign)
        if number is not None:
            return number
    return None


def _read(digits: str, group: str, decimal: str) -> Decimal | None:
    whole, separated, fraction = digits.partition(decimal)
    if separated and not re.fullmatch("[0-9]+", fraction):
        return None
    grouped = "[0-9]{1,3}(?:" + re.escape(group) + "[0-9]{3})+"
    if not (re.fullmatch("[0-9]+", whole) or re.fullmatch(grouped, whole)):
        return None
    return Decimal(whole.replace(group, "") + ("." + fraction if separated else ""))


def _currency_of(mark: str, expected: str | None, locale: str) -> str | None:
    """The ISO code that ``mark`` names, or ``None`` when it names no currency."""
    from babel.numbers import get_currency_symbol, is_currency

    folded = _fold(mark).replace(" ", "")
    if expected is not None:
        symbols = {_fold(get_currency_symbol(expected, place)) for place in (locale, "en", "vi")}
        if folded in symbols or folded == expected.lower():
            return expected
    if folded in _MARKS:
        return _MARKS[folded]
    if re.fullmatch("[a-z]{3}", folded) and is_currency(folded.upper()):
        return folded.upper()
    return None


def _check_currency(text: str, mark: str, expected: str | None, locale: str) -> None:
    if not mark:
        return
    found = _currency_of(mark, expected, locale)
    if found is None:
        raise _not_an_amount(text, expected)
    if expected is None:
        raise ParameterError(
            Message(
                N_(
                    "{value} names a currency ({found}) where a plain number belongs; leave it out"
                ),
                value=Shown(text),
                found=found,
            )
        )
    if found != expected:
        raise ParameterError(
            Message(
                N_("{value} is in {found}, not {expected}; give the amount in {expected}"),
                value=Shown(text),
                found=found,
                expected=expected,
            )
        )


class _Example:
    """An amount shown in an error message, written when the message is shown."""

    __slots__ = ("compact", "currency", "value")

    def __init__(self, value: int, currency: str | None, *, compact: bool = True) -> None:
        self.value, self.currency, self.compact = value, currency, compact

    def __str__(self) -> str:
        return format_amount(self.value, self.currency, compact=self.compact)


def _not_an_amount(text: str, currency: str | None) -> ParameterError:
    return ParameterError(
        Message(
            N_("{value} is not an amount; write it as {first}, {second} or {third}"),
            value=Shown(text),
            first=_Example(3_500_000_000, currency),
            second=_Example(500_000_000, currency),
            third=_Example(1_200_000, currency, compact=False),
        )
    )
