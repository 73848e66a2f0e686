"""One print-friendly look for every chart: a colour-blind-safe palette (Okabe and Ito
2008), units on axes, a source line, and a CJK font for Chinese labels (Noto Sans CJK
SC, shipped by the `mplfonts` package this project depends on)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.figure import Figure

from sim import __version__

# Okabe-Ito: distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
           "#000000")
# One colour per scenario in a brief (the baseline grey): Okabe-Ito's first six and a brown
# (not its black, on which the black error bars would vanish), then
# Paul Tol's "muted" scheme (Tol 2021, Colour Schemes, SRON/EPS/TN/09-002), in the order
# of the scenarios' effects, so the largest effects get the most distinct colours.
CASE_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C564B",
                "#332288", "#117733", "#882255", "#999933", "#44AA99", "#AA4499", "#DDCC77",
                "#88CCEE", "#CC6677")
BASELINE_COLOUR = "#7F7F7F"
CJK_FAMILY = "Noto Sans CJK SC"


def cjk_font_path() -> Path:
    """The Noto Sans CJK SC font file shipped by mplfonts."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or spec.origin is None:
        raise RuntimeError("the mplfonts package (a dependency) is not installed: "
                           "run `make setup`")
    return Path(spec.origin).parent / "fonts" / "NotoSansCJKsc-Regular.otf"


def apply(lang: str = "en") -> None:
    """Set matplotlib's look for briefs in `lang` ('en' or 'zh')."""
    if lang not in ("en", "zh"):
        raise ValueError(f"lang = {lang!r}: allowed are 'en' and 'zh'")
    font_manager.fontManager.addfont(str(cjk_font_path()))
    mpl.rcParams.update({
        "font.family": "sans-serif",
        # Noto Sans CJK SC has Latin glyphs too; English briefs still cite clauses in
        # Chinese (and the PDF backend does not fall back between fonts).
        "font.sans-serif": [CJK_FAMILY, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "axes.prop_cycle": mpl.cycler(color=PALETTE),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.color": "#DDDDDD",
        "grid.linewidth": 0.6,
        "axes.titlesize": 10,
        "axes.labelsize": 9,
        "xtick.labelsize": 8,
        "ytick.labelsize": 8,
        "legend.fontsize": 8,
        "legend.frameon": False,
        "figure.dpi": 100,
        "savefig.dpi": 200,
        "svg.fonttype": "path",
        "pdf.fonttype": 3,  # Type 3 subsets; Type 42 cannot carry the CFF outlines of Noto CJK
    })


def source_line(fig: Figure, text: str) -> None:
    """A small source line at the bottom left of a figure."""
    fig.text(0.01, 0.005, text, fontsize=6.5, color="#555555", ha="left", va="bottom")


INTERVALS = {
    "en": {"bars": "error bars are 95% confidence intervals over seeds",
           "bands": "shaded bands are 95% confidence intervals over seeds",
           "percentiles": "shaded bands span the 10th to 90th percentile across firms",
           "bands_bars": "shaded bands and error bars are 95% confidence intervals over seeds; "
                         "households are grouped by their kind and income in the baseline"},
    "zh": {"bars": "误差线为各随机种子的95%置信区间", "bands": "阴影为各随机种子的95%置信区间",
           "percentiles": "阴影为企业间第10至90百分位区间",
           "bands_bars": "阴影与误差线为各随机种子的95%置信区间；家庭按基准情景中的类型与收入分组"},
}


def source_text(lang: str, seeds: int, intervals: str | None = "bars") -> str:
    """'Source: ... model version, number of seeds; what the intervals are' in `lang`
    (`intervals`: bars, bands, percentiles, or None)."""
    if lang == "zh":
        text = f"来源：广东新消费政策模拟器 v{__version__}；{seeds}个随机种子的配对比较"
        return text + (f"；{INTERVALS[lang][intervals]}" if intervals else "")
    text = (f"Source: Guangdong new-consumption policy simulator v{__version__}; paired "
            f"differences over {seeds} seeds")
    return text + (f"; {INTERVALS[lang][intervals]}" if intervals else "")
