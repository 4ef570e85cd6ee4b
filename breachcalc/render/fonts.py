"""Fonts for charts: DejaVu Sans (matplotlib's own) first, then a CJK font where one is installed.

A Korean, Japanese or Chinese name in a chart title or label is drawn with the first installed
font of :data:`CJK_FONTS` (matplotlib falls back glyph by glyph along ``font.family``). Charts
whose text DejaVu Sans covers are left exactly as before, so a chart of Latin text has the same
bytes on every machine, whatever fonts it has. Without a CJK font the missing glyphs are drawn
as boxes, silently: matplotlib's "Glyph ... missing from font" warnings are not the user's
business (``breachcalc`` never writes anything but its own messages on stderr). On Debian:
``apt-get install fonts-noto-cjk`` (or the smaller ``fonts-nanum`` for Korean).
"""

from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Iterable

BASE_FONT = "DejaVu Sans"
"""matplotlib's bundled font: every Latin chart is drawn with it."""

CJK_FONTS = (
    ("Noto Sans CJK JP", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    ("Noto Sans CJK KR", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    ("NanumGothic", "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"),
    ("Apple SD Gothic Neo", "/System/Library/Fonts/AppleSDGothicNeo.ttc"),
    ("Malgun Gothic", "C:/Windows/Fonts/malgun.ttf"),
)
"""Fonts with Hangul and (Noto) the CJK ideographs, each with where its package puts it (Debian's
fonts-noto-cjk and fonts-nanum, macOS, Windows), in order of preference."""

_GLYPH_WARNING = r"Glyph .* missing from (current )?font"


@functools.cache
def font_family() -> tuple[str, ...]:
    """``font.family`` for charts: :data:`BASE_FONT`, then the first CJK font found (registered
    with matplotlib from its file when matplotlib's font cache predates its installation)."""
    from matplotlib import font_manager

    known = {entry.name for entry in font_manager.fontManager.ttflist}
    for name, _path in CJK_FONTS:
        if name in known:
            return (BASE_FONT, name)
    for name, path in CJK_FONTS:
        if os.path.exists(path):
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
            added = {entry.name for entry in font_manager.fontManager.ttflist}
            if name in added:
                return (BASE_FONT, name)
            other = added - known
            if other:
                return (BASE_FONT, sorted(other)[0])
    return (BASE_FONT,)


def use_chart_fonts(texts: Iterable[str] = ()) -> None:
    """Draw the next charts with :func:`font_family` when ``texts`` (the user's words the
    charts show: a name, line labels) hold a character DejaVu Sans lacks; otherwise leave
    ``font.family`` as it is, so a chart of Latin text keeps its bytes on every machine. Never
    warn about a missing glyph either way."""
    import matplotlib

    warnings.filterwarnings("ignore", message=_GLYPH_WARNING, category=UserWarning)
    if any(_beyond_base(text) for text in texts):
        matplotlib.rcParams["font.family"] = list(font_family())


def _beyond_base(text: str) -> bool:
    """Whether ``text`` has a printable character :data:`BASE_FONT` cannot draw."""
    covered = _base_charmap()
    return any(ord(c) not in covered for c in text if c.isprintable() and not c.isspace())


@functools.cache
def _base_charmap() -> frozenset[int]:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(family=BASE_FONT))
    return frozenset(FT2Font(path).get_charmap())


def missing_glyphs(text: str) -> str:
    """The characters of ``text`` (spaces and controls aside) that no font of
    :func:`font_family` can draw: what a chart would show as boxes."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    charmaps = []
    for family in font_family():
        path = font_manager.findfont(
            font_manager.FontProperties(family=family), fallback_to_default=False
        )
        charmaps.append(set(FT2Font(path).get_charmap()))
    return "".join(
        char
        for char in dict.fromkeys(text)
        if char.isprintable() and not char.isspace() and not any(ord(char) in m for m in charmaps)
    )
