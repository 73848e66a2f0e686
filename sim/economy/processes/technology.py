"""Step 2 of the quarter: the technology frontier that research moves, and the vintages
of capital that carry it into production (新供给创造新动力: new supply creates new
drivers of growth).

Each category has a technology frontier. From 2016 it advances each quarter by

    log growth = log(1 + firms.frontier_growth) / 4 * (research / research in 2016) ** e

with research the efficiency units of research labour the category's firms employ.
They spend a share of their sales on it (sim.economy.processes.innovation), so research
follows the category's market: a bigger market buys more research, the market-size
channel of Acemoglu and Linn (2004, QJE 119:1049), here with research proportional to
sales. The elasticity e (`firms.research_growth_elasticity`) is the response of
productivity growth to research: with the Griliches relation g = rho * R&D/Y at the
margin, e = rho * (R&D over sales) / g, and rates of return rho of 0.2 to over 1 (Hall,
Mairesse and Mohnen 2010; Jones and Williams 1998) at 1% of sales and 6.5% growth give
0.03 to 0.15, declared uncertain. The growth at 2016's research is Guangdong's
2013-2016 pace (`economy.productivity_growth`), at which the burn-in (2016's economy)
also runs; from 2016 nothing else sets a trend. Measured productivity
(`relative_productivity` below times the technology index) grows about a point a year
faster: firms' own innovations, vintages and reallocation add to the frontier's pace. A
frontier set below the target carries the gap (`firms_pace`, zero at the target) into
the technology index, so wages per efficiency unit grow with the economy's productivity
trend on that path; what a scenario's selection adds beyond it shows in prices, and a
wave of exits that raises measured productivity raises no wage by itself (the labour
market sets wages about the trend).

A share of the advance (`firms.embodied_share`) is embodied in new machines; the rest
raises the productivity of every firm of the category at once (disembodied: know-how,
organisation, software). Vintages (Dosi, Fagiolo and Roventini 2010; Solow 1960): a
firm's capital carries the embodied technology of the quarters it was made in, and what
wears out is taken from every vintage alike, so a firm's embodied technology is the
capital-weighted mean of its machines': new machines carry the frontier, and a firm
that invests more produces at lower cost than its rivals, an entrant with new machines
too. A firm's `productivity` is its own efficiency (process innovations), its
category's disembodied advance and its embodied technology, all relative to the
economy's (the output-weighted means), so prices and costs read it as before, and may
carry a transitory part, an AR(1) shock (`shocked`; none by default, see
firms.productivity_shock_sd), with which a firm's productivity moves about its permanent
level from year to year, as plants' does (Foster, Haltiwanger and Syverson 2008).

The economy's technology index (`Macro.growth_index`, what wages per efficiency unit
grow with) grows as the frontiers do, weighted by the categories' output, and by what
firms add on a calibrated path (`firms_pace`, if any): a firm's vintage moves its cost
against its rivals' (adoption at a steady lag), so an investment boom raises the
economy's productivity only as far as output moves to the firms with newer machines;
what research adds to the frontiers raises it for all.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import ndtri

from sim.config.parameters import Firms
from sim.economy.agents import FirmTable
from sim.economy.constants import N_CATEGORIES


def research_by_category(f: FirmTable) -> np.ndarray:
    """Efficiency units of research labour the live firms of each category employ."""
    live = f.alive
    return np.bincount(f.category[live], weights=f.research_labour[live],
                       minlength=N_CATEGORIES).astype(float)


def frontier_growth(*, research: np.ndarray, reference: np.ndarray, fp: Firms) -> np.ndarray:
    """Quarterly log growth of each category's frontier at `research` (efficiency units,
    by category) against its 2016 level `reference`."""
    base = np.log1p(fp.frontier_growth) / 4.0
    relative = np.divide(research, reference, out=np.ones(N_CATEGORIES), where=reference > 0)
    return base * np.maximum(relative, 0.0) ** fp.research_growth_elasticity


def steady_gap(*, annual_growth: float, renewal: float) -> float:
    """How far the mean vintage lags the frontier on the steady path, in logs, when the
    frontier grows at `annual_growth` and `renewal` of capital is new each quarter: g /
    renewal, g the quarterly log growth (from T' = T + renewal (F - T) on the path)."""
    return np.log1p(annual_growth) / 4.0 / renewal


@dataclass(frozen=True)
class Advance:
    """What the frontiers' advance this quarter does.

    Attributes:
        economy: the economy's productivity growth, log: the categories' advance
            weighted by their output last quarter (a Divisia index).
        frontier: the advance of what new machines embody, log, by category.
        relative: the factor on each firm's productivity relative to the economy's: the
            disembodied part of its category's advance beyond the economy's.
    """

    economy: float
    frontier: np.ndarray
    relative: np.ndarray


def advance(*, advance: np.ndarray, f: FirmTable, embodied_share: float) -> Advance:
    """Split the frontiers' `advance` (log, by category) into the part new machines
    embody (`embodied_share`) and the part every firm of the category gets at once,
    and weigh it into the economy's growth (equal weights before anything is made)."""
    live = f.alive
    output = np.bincount(f.category[live], weights=f.output[live], minlength=N_CATEGORIES)
    total = output.sum()
    weights = output / total if total > 0 else np.full(N_CATEGORIES, 1.0 / N_CATEGORIES)
    economy = float((weights * advance).sum())
    return Advance(economy=economy, frontier=embodied_share * advance,
                   relative=np.exp((1.0 - embodied_share) * (advance[f.category] - economy)))


def embodied(*, technology: np.ndarray, kept: np.ndarray, delivered: np.ndarray,
             frontier: np.ndarray) -> np.ndarray:
    """Each firm's embodied technology after this quarter's deliveries: the mean of its
    `kept` capital's (after wear, units) and of the `delivered` machines', which carry
    `frontier` (by firm); unchanged without capital."""
    total = kept + delivered
    mixed = np.divide(kept * technology + delivered * frontier, total,
                      out=technology.copy(), where=total > 0)
    return np.where(total > 0, mixed, technology)


def shocked(*, shock: np.ndarray, draw: np.ndarray, fp: Firms) -> np.ndarray:
    """Each firm's transitory log productivity after this quarter's shock: an AR(1)
    with persistence `firms.productivity_shock_persistence` rho and stationary standard
    deviation `firms.productivity_shock_sd` s, z' = rho z + s sqrt(1 - rho^2) e, e the
    standard normal of the firm's uniform `draw` (keyed by the firm: the same luck in
    every scenario)."""
    rho, sd = fp.productivity_shock_persistence, fp.productivity_shock_sd
    normal = ndtri(np.clip(draw, 1e-16, 1.0 - 1e-16))
    return rho * shock + sd * np.sqrt(1.0 - rho * rho) * normal


def relative_productivity(f: FirmTable, fp: Firms) -> float:
    """Quality-adjusted output per efficiency unit of production labour of the live
    firms, relative to the economy's technology (`Macro.growth_index`): a unit of
    quality q counts 1 + `firms.quality_cost` q units, as the quality-adjusted price
    index counts it (sim.economy.measures), so this is the harmonic mean of their
    productivities weighted by that output. It moves with firms' own process
    innovations, their vintages and the reallocation of output among them; 1 if nothing
    is made."""
    live = f.alive & (f.output > 0)
    made = f.output[live] * (1.0 + fp.quality_cost * f.quality[live])
    labour = (made / f.productivity[live]).sum()
    return float(made.sum() / labour) if labour > 0 else 1.0


def firms_pace(*, fp: Firms, target: float) -> float:
    """What firms add to the economy's productivity trend a quarter beyond the frontiers'
    pace at 2016's research, log: the gap between the calibration target's annual growth
    (`target`, economy.productivity_growth) and `firms.frontier_growth`, which their own
    process innovations, vintages and reallocation make on a path calibrated net of
    them (zero while the frontier is the target)."""
    return (np.log1p(target) - np.log1p(fp.frontier_growth)) / 4.0


def mean_technology(*, technology: np.ndarray, output: np.ndarray, alive: np.ndarray,
                    previous: float) -> float:
    """The economy's technology: the mean of live firms' embodied technology weighted by
    their output (the technology of what is made: capital left idle by firms that sell
    less does not count), `previous` if nothing is made."""
    weight = np.where(alive, output, 0.0)
    total = weight.sum()
    return float((weight * technology).sum() / total) if total > 0 else previous
