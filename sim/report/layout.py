"""Checks of a rendered page: every piece of text inside the page, and no two pieces of
text on top of each other (titles, labels, tick labels, legends, table cells). The brief
runs them on every page it writes (a page that fails is an error, not a PDF with a cut
name), and the tests run them on briefs of small sweeps."""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

TOLERANCE = 1.0  # pixels: touching boxes (a shared edge, anti-aliasing) are no overlap


def _tick_labels(axis) -> list[Text]:
    """The tick labels an axis draws: those of ticks inside its view."""
    low, high = sorted(axis.get_view_interval())
    span = (high - low) * 1e-9
    return [tick.label1 for tick in axis.get_major_ticks()
            if low - span <= tick.get_loc() <= high + span and tick.label1.get_visible()]


def _texts(fig: Figure) -> list[Text]:
    """Every piece of text the page draws (each once)."""
    found: list[Text] = [*fig.texts, *([fig._suptitle] if fig._suptitle else [])]
    for legend in fig.legends:
        found += legend.get_texts()
    for ax in fig.axes:
        found += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label,
                  *ax.texts, *_tick_labels(ax.xaxis), *_tick_labels(ax.yaxis)]
        if ax.get_legend() is not None:
            found += ax.get_legend().get_texts()
    unique = {id(t): t for t in found if t.get_visible() and t.get_text().strip()}
    return list(unique.values())


def problems(fig: Figure, name: str = "page") -> list[str]:
    """What is wrong with the page's text: outside the page, or overlapping."""
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    texts = _texts(fig)
    boxes = np.array([t.get_window_extent(renderer).extents for t in texts]).reshape(-1, 4)
    found = []
    for t, (x0, y0, x1, y1) in zip(texts, boxes, strict=True):
        if x0 < -TOLERANCE or y0 < -TOLERANCE or x1 > width + TOLERANCE or \
                y1 > height + TOLERANCE:
            found.append(f"{name}: {t.get_text()!r} is cut by the page's edge")
    x0, y0, x1, y1 = (boxes[:, i][:, None] for i in range(4))
    across = np.minimum(x1, x1.T) - np.maximum(x0, x0.T)
    up = np.minimum(y1, y1.T) - np.maximum(y0, y0.T)
    clash = np.triu((across > TOLERANCE) & (up > TOLERANCE), k=1)
    for i, j in zip(*np.nonzero(clash), strict=True):
        found.append(f"{name}: {texts[i].get_text()!r} overlaps {texts[j].get_text()!r}")
    return found
