"""The grade bands of source 003: off track, progress, delivered; their codes and words."""

from __future__ import annotations

from okrkit.i18n import N_, gettext

__all__ = ["BAND_CODES", "band_code", "band_label", "band_of"]

_BANDS = (
    (0.7, N_("delivered")),
    (0.4, N_("progress")),
    (0.0, N_("off track")),
)
"""Each band's lowest grade and the message id of its words, highest band first."""

BAND_CODES = ("off_track", "progress", "delivered")
"""The codes of the grade bands of :func:`~okrkit.scoring.band_of`, lowest first."""


def band_code(grade: float) -> str:
    """The stable code of the band of a 0.0-1.0 grade: its label is :func:`band_of`'s.

    ``"off_track"`` for 0.0-0.3, ``"progress"`` for 0.4-0.6 and ``"delivered"`` for
    0.7-1.0, whatever the locale.

    Examples:
        >>> band_code(0.7), band_code(0.5), band_code(0.3)
        ('delivered', 'progress', 'off_track')
    """
    rounded = round(grade + 1e-9, 1)
    for code, (floor, _label) in zip(reversed(BAND_CODES), _BANDS, strict=True):
        if rounded >= floor:
            return code
    return BAND_CODES[0]


def band_label(code: str) -> str:
    """The words of band ``code`` (one of :data:`BAND_CODES`) in the active locale.

    Examples:
        >>> band_label("progress")
        'progress'
    """
    return gettext(_BANDS[len(_BANDS) - 1 - BAND_CODES.index(code)][1])


def band_of(grade: float) -> str:
    """The source-003 band of a 0.0-1.0 grade: off track, progress or delivered.

    0.0-0.3 is off track, 0.4-0.6 progress, 0.7-1.0 delivered (Google's and
    Atlassian's red, yellow and green): the words of :func:`band_code`'s band.

    Examples:
        >>> band_of(0.7), band_of(0.5), band_of(0.3)
        ('delivered', 'progress', 'off track')
    """
    return band_label(band_code(grade))
