"""Fonts in charts (render/fonts.py): Korean names drawn without a word on stderr, a silent
fallback without a Korean font, Latin text drawn as before."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES, cli

KOREAN = (
    'name: "쿠팡 개인정보 유출 2025"\naffected: 33700000\ndata_categories: [names]\n'
    "compensation:\n  currency: KRW\n  vouchers:\n"
    '    - {label: "쿠팡 이츠", amount: 5000, redemption: {low: 0.2, likely: 0.4, high: 0.8}}\n'
)


def test_korean_names_in_charts_write_nothing_on_stderr(tmp_path):
    path = tmp_path / "ko.yaml"
    path.write_text(KOREAN, encoding="utf-8")
    plot = cli("simulate", str(path), "-n", "500", "--plot", str(tmp_path / "ko.png"))
    assert (plot.returncode, plot.stderr) == (0, "")
    report = cli("report", str(path), "-o", str(tmp_path / "ko.html"))
    assert (report.returncode, report.stderr) == (0, "")


def test_without_a_korean_font_charts_fall_back_silently(tmp_path, monkeypatch):
    import warnings

    from breachcalc.domain.simulation import simulate
    from breachcalc.input.loader import load_breach
    from breachcalc.render import charts, fonts

    path = tmp_path / "ko.yaml"
    path.write_text(KOREAN, encoding="utf-8")
    breach = load_breach(str(path))
    monkeypatch.setattr(fonts, "CJK_FONTS", ())
    fonts.font_family.cache_clear()
    try:
        assert fonts.font_family() == ("DejaVu Sans",)
        assert fonts.missing_glyphs("쿠팡 abc") == "쿠팡"  # what would be boxes
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            charts.write_plot(simulate(breach, 200, 0), tmp_path / "ko.svg", breach.name)
        assert [str(w.message) for w in caught if "Glyph" in str(w.message)] == []
        assert (tmp_path / "ko.svg").read_text(encoding="utf-8").startswith("<?xml")
    finally:
        fonts.font_family.cache_clear()


def test_with_a_korean_font_installed_no_hangul_is_a_box():
    from breachcalc.render import fonts

    if len(fonts.font_family()) == 1:
        pytest.skip("no CJK font installed (.ci/run installs Debian's fonts-nanum)")
    assert fonts.missing_glyphs("쿠팡 개인정보 유출 이츠 서울") == ""
    assert fonts.font_family()[0] == "DejaVu Sans"  # Latin text drawn as before


def test_a_chart_of_latin_text_is_drawn_as_before_whatever_fonts_are_installed(tmp_path):
    import matplotlib

    from breachcalc.render import fonts

    with matplotlib.rc_context({"font.family": ["sans-serif"]}):
        fonts.use_chart_fonts(["Coupang 2025 (seed article figures)", "Fine, KR — 5%"])
        assert matplotlib.rcParams["font.family"] == ["sans-serif"]
        fonts.use_chart_fonts(["쿠팡"])
        assert matplotlib.rcParams["font.family"] == list(fonts.font_family())
    plot = cli(
        "simulate",
        str(EXAMPLES / "coupang-uncertain.yaml"),
        "-n",
        "300",
        "--plot",
        str(tmp_path / "p.svg"),
    )
    assert plot.returncode == 0
    svg = (tmp_path / "p.svg").read_text(encoding="utf-8")
    assert "font-family: 'DejaVu Sans', 'Bitstream Vera Sans'" in svg and "Nanum" not in svg
