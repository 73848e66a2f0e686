"""The outcome registry: every outcome declared once, with how it is computed each
quarter, its labels (English and Chinese), unit, kind, how it is summarised over a year,
and how a change is shown (docs/model.md, "Outcomes"). Over seeds every outcome is
summarised alike: the mean, and paired differences from the baseline with a 95%
t-interval (sim.sweep.aggregate).

Time series (timeseries.parquet, one row per quarter) hold every outcome with a rule;
a run's summary holds the final year's; the comparison, the headline tables, the brief
and its charts read labels, units and the way of showing changes from here.

Kinds: `flow` (per quarter; summed over a year), `level` (a stock or an index at the
end of the quarter), `share` (a fraction of a whole), `ratio` (a ratio of two
magnitudes). Changes are shown in `percent`, in percentage points (`pp`), as a
`difference` in the outcome's unit, or, for a derived figure like the consumption
multiplier, as the `value` itself.

`compute` takes the quarter's Measures (sim.economy.measures); outcomes without one are
filled by the model (the ledger residual) or derived by the comparison of a sweep.
Money is yuan at 2016 prices; flows per person are per person per quarter in the time
series and per year in summaries. "Urban" in `urban_rural_ratio` follows the official
survey (城镇: everyone living in a town, migrants included); the per-kind columns keep
the model's three kinds apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from sim.economy.constants import (
    ABROAD,
    BASIC,
    CAPACITY_SERVICES,
    CATEGORIES,
    FOOD,
    GOODS,
    KINDS,
    MIGRANT,
    ONLINE,
    PROVINCES,
    RURAL,
    URBAN,
)

# A rule reads the quarter's sim.economy.measures.Measures (not imported here: measures
# reads this registry, and the registry is light enough for reports to import).
Measures = Any

KINDS_OF_OUTCOME = ("flow", "level", "share", "ratio")
CHANGES = ("percent", "pp", "difference", "value")
PERIOD = {"en": {"quarter": "per quarter", "year": "per year"},
          "zh": {"quarter": "/季度", "year": "/年"}}


@dataclass(frozen=True)
class Outcome:
    """One outcome.

    Attributes:
        name: the column name (a contract for users' scripts when `contract`).
        label_en, label_zh: what tables and charts call it.
        unit_en, unit_zh: what one unit is; a flow's says where the period goes
            (`{period}`: "per quarter" in time series, "per year" in summaries).
        kind: flow, level, share or ratio.
        change: how a change from the baseline is shown: percent, pp, difference, value.
        compute: the rule from the quarter's Measures, or None (see the module).
        year: how the final year is summarised: sum (flows), mean or max.
        contract: part of the output contract of every run.
        headline: one of the few outcomes every table puts first (a run's printout, a
            sweep's headline table and workbook sheet, the brief's first page, the
            README's results): what a policy reader asks about first.
        digits: decimals when the level is shown.
        scale: for a difference shown in a larger unit, (yuan per shown unit, the unit in
            English, in Chinese): fiscal costs in 亿元 (100 million yuan).
    """

    name: str
    label_en: str
    label_zh: str
    unit_en: str
    unit_zh: str
    kind: str
    change: str
    compute: Callable[[Measures], float] | None = None
    year: str = ""
    contract: bool = False
    headline: bool = False
    digits: int = 3
    scale: tuple[float, str, str] | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS_OF_OUTCOME or self.change not in CHANGES:
            raise ValueError(f"outcome {self.name}: kind {self.kind!r}, change {self.change!r}")
        if not self.year:
            object.__setattr__(self, "year", "sum" if self.kind == "flow" else "mean")

    def label(self, lang: str = "en") -> str:
        """The outcome's label in `lang` (en, zh)."""
        return self.label_zh if lang == "zh" else self.label_en

    def unit(self, lang: str = "en", period: str = "quarter") -> str:
        """The outcome's unit in `lang`; a flow's per quarter or per year (`period`)."""
        unit = self.unit_zh if lang == "zh" else self.unit_en
        if self.kind != "flow":
            return unit
        if "{period}" not in unit:
            unit += "{period}" if lang == "zh" else " {period}"
        return unit.replace("{period}", PERIOD[lang][period])

    def change_unit(self, lang: str = "en", period: str | None = None) -> str:
        """The unit a change is shown in: %, pp, the `scale`'s unit (a flow's per
        `period`), or "" for the outcome's own unit."""
        if self.scale is not None and self.change == "difference":
            unit = self.scale[1] if lang == "en" else self.scale[2]
            if self.kind == "flow" and period:
                unit += f" {PERIOD[lang][period]}" if lang == "en" else PERIOD[lang][period]
            return unit
        return {"percent": "%", "pp": "pp" if lang == "en" else "个百分点"}.get(
            self.change, "")

    def shown_change(self, diff: float, pct: float) -> float:
        """The change shown for a paired difference `diff` (percentage change `pct`)."""
        if self.change == "percent":
            return pct
        if self.scale is not None and self.change == "difference":
            return diff / self.scale[0]
        return 100.0 * diff if self.change == "pp" else diff

    def format(self, value: float) -> str:
        """A level of the outcome as text (yuan with thousands separators)."""
        if self.kind == "share":
            return f"{value:.{self.digits}f}"
        return f"{value:,.{self.digits}f}" if abs(value) < 1e12 else f"{value:,.4g}"


def _coupons(m: Measures, which: str) -> float:
    """Coupons households held or redeemed this quarter (province): claimants share what
    is issued, at most one per validity window (sim.economy.processes.coupons)."""
    coupons = m.quarter.coupons
    return 0.0 if coupons is None else float(getattr(coupons, which).sum()) * m.ledger.scale


def _services_cut(bought: float, scale: float) -> float:
    """The public services not bought at `scale` (below 1: cut to finance a deficit),
    yuan: what the same services cost at scale 1 less what was `bought`."""
    return bought * (1.0 - scale) / scale if 0.0 < scale < 1.0 else 0.0


def _ratio(a: float, b: float) -> float:
    return float(a / b) if b > 0 else 0.0


YI = (1e8, "100 million yuan", "亿元")  # 亿元: how Chinese budgets state money
PER_PERSON = (1.0, "2016 yuan per person", "元/人（2016年价格）")  # a welfare gain
YUAN_PC = ("yuan per person {period}, 2016 prices", "元/人{period}（2016年价格）")
WELFARE_PC = ("yuan per person {period} at the 2016 opening's prices, qualities and "
              "varieties, over 2016 consumption",
              "元/人{period}（按2016年初的价格、质量和品种计，相对2016年消费）")
SHARE_OF_CONSUMPTION = ("share of consumption", "占消费比重")
QUALITY_INDEX = ("quality index (0 = lowest on sale in 2016, 1 = world frontier)",
                 "质量指数（0为2016年最低，1为世界前沿）")
KIND_LABEL = {"urban": ("urban residents", "城镇户籍居民"),
              "rural": ("rural residents", "农村居民"),
              "migrant": ("migrants", "农业转移人口")}
CATEGORY_LABEL = {
    "food": ("Food, tobacco, liquor", "食品烟酒"), "clothing": ("Clothing", "衣着"),
    "housing": ("Housing", "居住"), "household": ("Household goods and services", "生活用品及服务"),
    "transport_comm": ("Transport and communication", "交通通信"),
    "education_culture": ("Education, culture, recreation", "教育文化娱乐"),
    "healthcare": ("Health care", "医疗保健"),
    "other": ("Other goods and services", "其他用品和服务"),
}


def _by_kind(name: str, en: str, zh: str, unit: tuple[str, str], kind: str, change: str,
             rule: Callable[[Measures, int], float], headline: tuple[str, ...] = (),
             **extra: Any) -> list[Outcome]:
    """One outcome per kind of household: `en`/`zh` take the kind's label; the kinds in
    `headline` are headline outcomes."""
    out = []
    for k, key in enumerate(KINDS):
        def compute(m: Measures, k: int = k) -> float:
            return rule(m, k)
        out.append(Outcome(f"{name}_{key}", en.format(KIND_LABEL[key][0]),
                           zh.format(KIND_LABEL[key][1]), *unit, kind, change, compute,
                           headline=key in headline, **extra))
    return out


def _town_per_person(m: Measures) -> float:
    town = m.persons[URBAN] + m.persons[MIGRANT]
    return _ratio(m.real[URBAN] + m.real[MIGRANT], town)


def _kind_per_person(m: Measures, k: int) -> float:
    return _ratio(m.real[k], m.persons[k])


def _welfare_gain(m: Measures, k: int | None = None) -> float:
    """Money-metric consumption per person (yuan at the opening's prices, qualities and
    varieties: sim.economy.processes.welfare) over the consumption per person of the
    opening, of kind `k` or of all; 0 in the burn-in."""
    if m.welfare is None:
        return 0.0
    if k is None:
        return _ratio(m.welfare.sum(), m.persons.sum()) - float(m.welfare_opening_pc[-1])
    return _ratio(m.welfare[k], m.persons[k]) - float(m.welfare_opening_pc[k])


def _spent_share(m: Measures, select: Callable[[Measures], np.ndarray],
                 among: Callable[[Measures], np.ndarray] | None = None) -> float:
    base = m.spent if among is None else m.spent[among(m)]
    return _ratio(m.spent[select(m)].sum(), base.sum())


def _misdeclared_share(m: Measures) -> float:
    """Share of the spending on products declared upper-tier (四（二）) that bought a
    lower true quality than declared: what enforcement deters."""
    declared_upper = m.options.declared >= m.p.economy.upper_tier
    misdeclared = m.options.declared > m.options.quality + 1e-12
    return _spent_share(m, lambda m: declared_upper & misdeclared, lambda m: declared_upper)


def _quality_percentile(pct: int) -> Callable[[Measures], float]:
    def compute(m: Measures) -> float:
        f = m.f
        return float(np.percentile(f.quality[f.alive], pct)) if f.alive.any() else 0.0
    return compute


def _services_unmet(m: Measures) -> float:
    """Share of the quarter's demand for the capacity-bound services (education and
    culture, healthcare) that their providers could not serve."""
    rows = m.f.alive & CAPACITY_SERVICES[m.f.category]
    demand = float(m.f.demand[rows].sum())
    return 1.0 - float(m.f.sales[rows].sum()) / demand if demand > 0 else 0.0


def _concentration(m: Measures) -> float:
    """Herfindahl index of real firms' revenue shares, averaged over categories with
    their revenue as weights: a firm agent stands for real firms of equal size, so an
    agent's squared share is divided by the real firms it stands for."""
    f = m.f
    live = f.alive & (f.revenue > 0)
    c, revenue = f.category[live], f.revenue[live]
    total = np.bincount(c, weights=revenue, minlength=len(CATEGORIES))
    share = revenue / total[c]
    # (with no sale anywhere, bincount of nothing is integer: divide into a new array)
    hhi = np.bincount(c, weights=share**2, minlength=len(CATEGORIES))
    hhi = hhi / m.macro.real_firms_per_agent
    return _ratio((hhi * total).sum(), total.sum())


# Firms' purchases of capital goods (the government's are `rural_infrastructure` and
# `service_facilities`).
INVESTMENT = ("fixed_investment", "upgrade_investment", "entry_cost")


def _utilisation(m: Measures) -> float:
    """Output of live firms over the capacity of their capital."""
    live = m.f.alive
    return _ratio(m.f.output[live].sum(),
                  m.f.capital[live].sum() / m.p.capital.capital_output_ratio)


def _weighted_sd(values: np.ndarray, weights: np.ndarray) -> float:
    if weights.sum() <= 0:
        return 0.0
    mean = np.average(values, weights=weights)
    return float(np.sqrt(np.average((values - mean) ** 2, weights=weights)))


def _declare(*groups: Outcome | list[Outcome]) -> dict[str, Outcome]:
    out: dict[str, Outcome] = {}
    for group in groups:
        for o in group if isinstance(group, list) else [group]:
            if o.name in out:
                raise ValueError(f"outcome {o.name} declared twice")
            out[o.name] = o
    return out


C = True  # part of the output contract

OUTCOMES: dict[str, Outcome] = _declare(
    # Population and consumption
    [Outcome(f"population_{key}", f"Population, {KIND_LABEL[key][0]}", zh, "persons", "人",
             "level", "percent", lambda m, k=k: m.persons[k], contract=C, digits=0)
     for k, (key, zh) in enumerate(zip(KINDS, ("城镇户籍人口", "农村人口", "农业转移人口"),
                                       strict=True))],
    Outcome("consumption_pc", "Consumption per person", "人均消费支出", *YUAN_PC, "flow",
            "percent", lambda m: _ratio(m.real.sum(), m.persons.sum()), contract=C,
            headline=True, digits=0),
    # (rural residents and migrants: who the plan's 三（四） and 五（一）-（二） are for)
    _by_kind("consumption_pc", "Consumption per person, {}", "{}人均消费支出", YUAN_PC, "flow",
             "percent", _kind_per_person, headline=("rural", "migrant"), contract=C,
             digits=0),
    # Welfare: what consumption is worth to households, valuing quality at their taste,
    # varieties, reach and prices (the choice model's log-sum), in yuan of the choice set
    # the economy opened with; counted from the opening's consumption per person, so a
    # scenario's paired difference is its welfare gain (an equivalent variation).
    Outcome("welfare_gain_pc", "Welfare gain per person", "人均福利增益", *WELFARE_PC, "flow",
            "difference", _welfare_gain, contract=C, headline=True, digits=0,
            scale=PER_PERSON),
    _by_kind("welfare_gain_pc", "Welfare gain per person, {}", "{}人均福利增益", WELFARE_PC,
             "flow", "difference", lambda m, k: _welfare_gain(m, k), contract=C, digits=0,
             scale=PER_PERSON),
    Outcome("income_pc", "Disposable income per person", "人均可支配收入", *YUAN_PC, "flow",
            "percent", lambda m: _ratio(m.income.sum() / m.cpi, m.persons.sum()), contract=C,
            digits=0),
    _by_kind("income_pc", "Disposable income per person, {}", "{}人均可支配收入", YUAN_PC,
             "flow", "percent", lambda m, k: _ratio(m.income[k] / m.deflator(k), m.persons[k]),
             contract=C, digits=0),
    Outcome("consumption_rate", "Consumption rate", "消费率", "share of disposable income",
            "占可支配收入比重", "share", "pp",
            lambda m: _ratio(m.nominal.sum(), m.income.sum()), contract=C),
    Outcome("engel", "Engel coefficient", "恩格尔系数", "food share of consumption",
            "食品烟酒占消费比重", "share", "pp",
            lambda m: _ratio(m.by_category[FOOD], m.nominal.sum()), contract=C, headline=True),
    _by_kind("engel", "Engel coefficient, {}", "{}恩格尔系数",
             ("food share of consumption", "食品烟酒占消费比重"), "share", "pp",
             lambda m, k: _ratio(m.nominal[k, FOOD], m.consumption[k]), contract=C),
    [Outcome(f"share_{c}", *CATEGORY_LABEL[c], *SHARE_OF_CONSUMPTION, "share", "pp",
             lambda m, i=i: _ratio(m.by_category[i], m.nominal.sum()), contract=C)
     for i, c in enumerate(CATEGORIES)],
    Outcome("upgrade_share", "Development and enjoyment share", "发展享受型消费占比",
            *SHARE_OF_CONSUMPTION, "share", "pp",
            lambda m: _ratio(m.by_category[~BASIC].sum(), m.nominal.sum()), contract=C,
            headline=True),
    Outcome("quality_share", "Quality (upper-tier) share", "品质消费占比", *SHARE_OF_CONSUMPTION,
            "share", "pp",
            lambda m: _spent_share(m, lambda m: m.options.quality >= m.p.economy.upper_tier),
            contract=C, headline=True),
    Outcome("misdeclared_share", "Misdeclared quality bought", "以次充好消费占比",
            "share of spending on products declared upper-tier", "占标称品质商品消费比重",
            "share", "pp", _misdeclared_share),
    Outcome("avg_quality", "Average quality bought", "平均购买质量", *QUALITY_INDEX, "level",
            "difference", lambda m: _ratio((m.spent * m.options.quality).sum(), m.spent.sum()),
            contract=C),
    Outcome("urban_rural_ratio", "Urban-rural consumption ratio", "城乡消费比",
            "town over rural consumption per person", "城镇与农村人均消费之比", "ratio",
            "difference",
            lambda m: _ratio(_town_per_person(m), _kind_per_person(m, RURAL)), contract=C),
    Outcome("migrant_urban_ratio", "Migrant-urban consumption ratio",
            "农业转移人口与城镇居民消费比", "migrant over urban consumption per person",
            "农业转移人口与城镇户籍居民人均消费之比", "ratio", "difference",
            lambda m: _ratio(_kind_per_person(m, MIGRANT), _kind_per_person(m, URBAN)),
            contract=C),
    Outcome("online_share", "Online share of goods", "网络零售占商品消费比重",
            "share of goods consumption", "占商品消费比重", "share", "pp",
            lambda m: _spent_share(m, lambda m: m.options.channel == ONLINE,
                                   lambda m: GOODS[m.options.category]), contract=C),
    Outcome("outbound_share", "Outbound share", "境外消费占比", *SHARE_OF_CONSUMPTION, "share",
            "pp", lambda m: _spent_share(m, lambda m: m.options.channel == ABROAD), contract=C),
    Outcome("outbound_share_premium", "Premium goods bought abroad", "高端商品境外购买比重",
            "share of premium-tier spending", "占高端商品消费比重", "share", "pp",
            lambda m: _spent_share(
                m, lambda m: (m.options.quality >= m.p.economy.premium_tier)
                & (m.options.channel == ABROAD),
                lambda m: m.options.quality >= m.p.economy.premium_tier)),
    Outcome("inflow_share", "Bought from other provinces", "购自省外的比重",
            "share of goods consumption", "占商品消费比重", "share", "pp",
            lambda m: _spent_share(m, lambda m: m.options.channel == PROVINCES,
                                   lambda m: GOODS[m.options.category])),
    # Credit
    Outcome("credit_access_share", "Consumer-credit access", "消费信贷可得率",
            "share of persons", "占人口比重", "share", "pp",
            lambda m: _ratio((m.h.persons * m.h.credit_access).sum(), m.h.persons.sum())),
    Outcome("debt_to_income", "Consumer debt to income", "消费信贷收入比",
            "share of a year's disposable income", "占全年可支配收入比重", "ratio", "pp",
            lambda m: _ratio(m.h.debt.sum() * m.ledger.scale, 4.0 * m.income.sum()),
            contract=C),
    Outcome("default_rate", "Default rate", "消费信贷违约率", "share of consumer debt written off",
            "核销占消费贷款比重", "flow", "pp",
            lambda m: _ratio(m.ledger.total("loan_writeoff"), m.ledger.opening_loans),
            contract=C),
    # Firms and jobs
    Outcome("firms", "Firms", "企业数", "firm agents", "企业（模型主体）", "level", "difference",
            lambda m: float(m.f.alive.sum()), contract=C, digits=0),
    Outcome("firm_entries", "Firm entries", "新进入企业", "firm agents", "企业（模型主体）", "flow",
            "difference", lambda m: float(m.quarter.entries), contract=C, digits=0),
    Outcome("firm_exits", "Firm exits", "退出企业", "firm agents", "企业（模型主体）", "flow",
            "difference", lambda m: float(m.quarter.exits), contract=C, digits=0),
    Outcome("firm_bankruptcies", "Bankruptcies", "企业破产", "firm agents", "企业（模型主体）",
            "flow", "difference", lambda m: float(m.quarter.bankruptcies), digits=0),
    Outcome("investment", "Investment", "投资", "yuan", "元", "flow", "percent",
            lambda m: sum(m.ledger.total(purpose) for purpose in INVESTMENT), digits=0),
    Outcome("housing_investment", "Households' housing investment", "居民住房投资", "yuan",
            "元", "flow", "percent", lambda m: m.ledger.total("housing_investment"), digits=0),
    Outcome("capacity_utilisation", "Capacity utilisation", "产能利用率",
            "output over capacity of firms' capital", "产出占资本产能比重", "share", "pp",
            _utilisation),
    Outcome("rd_spending", "R&D spending", "研发支出", "yuan", "元", "flow", "percent",
            lambda m: m.macro.wage_index * float(m.f.research_labour.sum()), digits=0),
    # 新供给创造新动力: the economy's productivity as measured, which research moves
    # from 2016 (sim.economy.processes.technology)
    Outcome("productivity", "Labour productivity", "劳动生产率",
            "quality-adjusted output per efficiency unit of production labour, index, "
            "2016 = 1 (the technology frontiers research moves, firms' own innovations, "
            "vintages and reallocation)",
            "每效率单位生产劳动的质量调整产出，指数（2016年=1：研发推动的技术前沿、企业自身创新、"
            "设备年代与再配置）", "ratio", "percent", lambda m: m.productivity, digits=4),
    Outcome("innovations", "Innovations adopted", "采用的创新", "firm agents",
            "企业（模型主体）", "flow", "difference", lambda m: float(m.quarter.innovations),
            digits=0),
    Outcome("imitations", "Imitations adopted", "采用的模仿", "firm agents",
            "企业（模型主体）", "flow", "difference", lambda m: float(m.quarter.imitations),
            digits=0),
    Outcome("markup_dispersion", "Markup dispersion", "加成率离散度",
            "revenue-weighted standard deviation of markups", "加成率的收入加权标准差", "ratio",
            "difference", lambda m: _weighted_sd(m.f.markup[m.f.alive],
                                                 m.f.revenue[m.f.alive])),
    Outcome("productivity_dispersion", "Productivity dispersion", "生产率离散度",
            "standard deviation of log productivity across firms", "企业对数生产率的标准差",
            "ratio", "difference",
            lambda m: float(np.log(m.f.productivity[m.f.alive]).std())
            if m.f.alive.any() else 0.0),
    Outcome("hhi", "Market concentration (HHI)", "市场集中度（HHI）",
            "Herfindahl index of real firms' revenue shares, 0 to 1", "赫芬达尔指数（0至1）",
            "ratio", "difference", _concentration, digits=5),
    Outcome("high_quality_firm_share", "High-quality firms", "高品质企业占比", "share of firms",
            "占企业比重", "share", "pp",
            lambda m: _ratio((m.f.alive & (m.f.quality >= m.p.economy.upper_tier)).sum(),
                             m.f.alive.sum()), contract=C),
    Outcome("employment_rate", "Employment rate", "就业率", "share of labour supply",
            "占劳动供给比重", "share", "pp",
            lambda m: _ratio(m.h.efficiency[m.h.employed].sum(), m.h.efficiency.sum()),
            contract=C),
    # Macro and fiscal
    Outcome("gdp", "GDP", "地区生产总值", "yuan", "元", "flow", "percent",
            lambda m: m.ledger.total_of("final_demand"), contract=C, digits=0),
    # The fiscal cost is the government's primary deficit: every flow it pays or receives
    # (public purchases, transfers, benefits, subsidies, investment; taxes, contributions,
    # duties, fines), interest left out, and pension contributions counted as no revenue
    # (they accrue pensions of the same value owed later: sim.economy.ledger.fiscal_cost).
    # A scenario's change in it, paired with the baseline, is a lever's net fiscal cost
    # with every flow the lever changes, lost and recovered taxes included; in 亿元.
    Outcome("fiscal_cost", "Net fiscal cost (primary deficit, pensions accrued)",
            "财政净成本（基本赤字，计入养老金负债）", "yuan", "元", "flow", "difference",
            lambda m: m.ledger.fiscal_cost(), contract=C, headline=True, digits=0, scale=YI),
    # The levers' gross outlays include the public services of 2016 (about 556 bn yuan a
    # year in the baseline).
    Outcome("lever_spending", "Lever outlays (gross)", "政策支出（总额）", "yuan", "元", "flow",
            "difference", lambda m: m.ledger.total_of("lever_spending"), digits=0, scale=YI),
    Outcome("income_tax_rate", "Personal income tax rate", "个人所得税税率",
            "share of wages and interest", "占工资和利息收入比重", "share", "pp",
            lambda m: m.quarter.income_tax_rate),
    Outcome("public_services_scale", "Public services bought, scale", "公共服务购买规模",
            "multiple of 2016 per person (moved when spending cuts finance a deficit beyond "
            "the debt quota)",
            "相对2016年人均水平的倍数（超出债务限额的赤字以削减支出弥补时变动）", "ratio",
            "difference", lambda m: m.quarter.public_services_scale),
    # How a programme is paid for (the headline's financing column): the public services
    # not bought because the deficit went beyond the room within the debt quota.
    Outcome("public_services_cut", "Other public services cut", "削减的其他公共服务",
            "yuan", "元", "flow", "difference",
            lambda m: _services_cut(m.ledger.total("public_services"),
                                    m.quarter.public_services_scale),
            headline=True, digits=0, scale=YI),
    Outcome("gov_debt", "Government debt", "政府债务", "yuan", "元", "level", "percent",
            lambda m: -m.ledger.government, contract=C, digits=0),
    Outcome("ledger_residual", "Ledger residual", "账户核算残差", "yuan", "元", "level",
            "difference", None, year="max", contract=C),
    # Diagnostics
    Outcome("cpi", "Consumer price level", "居民消费价格水平", "2016 = 1", "2016年=1", "ratio",
            "percent", lambda m: m.cpi),
    Outcome("deposits_pc", "Deposits per person", "人均存款", "yuan per person, 2016 prices",
            "元/人（2016年价格）", "level", "percent",
            lambda m: _ratio(m.h.deposits.sum() * m.ledger.scale / m.cpi, m.persons.sum()),
            digits=0),
    Outcome("trust", "Trust in declared quality", "对产品质量声明的信任", "index (0 to 1)",
            "指数（0至1）", "level", "difference", lambda m: float(m.quarter.mean_trust)),
    # 二（一）, 六（六）: what education, health and care providers could not serve
    Outcome("services_unmet_share", "Unmet demand for education, health and culture",
            "教育、医疗、文化服务未满足需求占比", "share of the demand for them", "占其需求比重",
            "share", "pp", _services_unmet),
    Outcome("mean_markup", "Average markup", "平均加成率", "price over unit cost, minus one",
            "价格与单位成本之比减一", "ratio", "difference",
            lambda m: float(m.f.markup[m.f.alive].mean()) if m.f.alive.any() else 0.0),
    [Outcome(f"firm_quality_p{pct}", f"Firm quality, {pct}th percentile",
             f"企业产品质量（第{pct}百分位）", *QUALITY_INDEX, "level", "difference",
             _quality_percentile(pct)) for pct in (10, 50, 90)],
    Outcome("upgrades", "Quality upgrades", "质量升级", "upgrades by firm agents",
            "次（企业模型主体）", "flow", "difference", lambda m: float(m.quarter.upgrades),
            digits=0),
    Outcome("recalls", "Recalls", "召回", "firm agents caught misdeclaring",
            "被查处的企业（模型主体）", "flow", "difference", lambda m: float(m.quarter.recalls),
            digits=0),
    Outcome("hukou_conversions", "Hukou conversions", "农业转移人口落户", "household agents",
            "户（模型主体）", "flow", "difference", lambda m: float(m.quarter.conversions),
            digits=0),
    Outcome("migrant_arrivals", "Migrant households arrived", "省外迁入农业转移人口",
            "household agents", "户（模型主体）", "flow", "difference",
            lambda m: float(m.quarter.arrivals), digits=0),
    Outcome("migrant_departures", "Migrant households gone home", "返回省外的农业转移人口",
            "household agents", "户（模型主体）", "flow", "difference",
            lambda m: float(m.quarter.departures), digits=0),
    Outcome("expected_inflation", "Expected inflation", "预期通胀率", "annual rate",
            "年率", "ratio", "pp", lambda m: m.macro.expected_inflation, digits=4),
    Outcome("purchases_from_provinces", "Households' purchases from other provinces",
            "居民购自省外的商品", "yuan", "元", "flow", "percent",
            lambda m: m.ledger.total("purchases_from_provinces"), digits=0),
    Outcome("sales_to_provinces", "Sales to other provinces", "销往省外（国内）", "yuan", "元",
            "flow", "percent", lambda m: m.ledger.total("sales_to_provinces"), digits=0),
    Outcome("rural_surcharge", "Rural delivery surcharge", "农村物流成本加价",
            "share of the goods price", "占商品价格比重", "share", "pp",
            lambda m: m.macro.rural_surcharge),
    Outcome("consumer_subsidy", "Consumer subsidies paid (coupons, rebates)",
            "补需方支出（消费券、返利）", "yuan", "元", "flow", "percent",
            lambda m: m.ledger.total("consumer_subsidy"), digits=0),
    Outcome("coupons_held", "Consumption coupons held", "消费券发放", "coupons",
            "张", "flow", "percent", lambda m: _coupons(m, "held"), digits=0),
    Outcome("coupons_redeemed", "Consumption coupons redeemed", "消费券核销", "coupons",
            "张", "flow", "percent", lambda m: _coupons(m, "redeemed"), digits=0),
    Outcome("cash_transfer", "Cash paid to residents", "直接发放现金", "yuan", "元", "flow",
            "percent", lambda m: m.ledger.total("cash_transfer"), digits=0),
    Outcome("rent_allowance", "Rent allowances (public rental housing)", "公租房租赁补贴",
            "yuan", "元", "flow", "percent", lambda m: m.ledger.total("rent_allowance"),
            digits=0),
    Outcome("health_insurance", "Health insurance paid to providers", "医保基金支付", "yuan",
            "元", "flow", "percent", lambda m: m.ledger.total("health_insurance"), digits=0),
    Outcome("producer_subsidy", "Producer subsidies paid", "补供方支出", "yuan", "元", "flow",
            "percent", lambda m: m.ledger.total("producer_subsidy"), digits=0),
    Outcome("exports", "Exports", "出口", "yuan", "元", "flow", "percent",
            lambda m: m.ledger.total("exports"), digits=0),
    # Derived by the comparison of a sweep
    Outcome("consumption_total", "Consumption, province", "全省居民消费",
            "yuan {period}, 2016 prices", "元{period}（2016年价格）", "flow", "percent", None,
            digits=0),
    # Consumption per fiscal yuan: both sides at 2016 consumer prices (each quarter's
    # fiscal cost over that quarter's CPI), summed over the programme (from the earliest
    # start of the scenario's levers to two years after the last of them ends, or to the
    # end of the run for a standing one: sim.sweep.aggregate) or over its first year.
    Outcome("consumption_multiplier",
            "Consumption per yuan of net fiscal cost, programme and two years after",
            "每元财政净成本带动消费（政策期及结束后两年累计）", "yuan per yuan, 2016 prices",
            "元/元（2016年价格）", "ratio", "value", None, headline=True, digits=2),
    Outcome("consumption_multiplier_first_year",
            "Consumption per yuan of net fiscal cost, first year",
            "每元财政净成本带动消费（政策首年）", "yuan per yuan, 2016 prices",
            "元/元（2016年价格）", "ratio", "value", None, digits=2),
    Outcome("fiscal_cost_cumulative", "Net fiscal cost over the programme",
            "财政净成本（政策期累计）",
            "yuan at 2016 prices, from the levers' start to two years after their end",
            "元（2016年价格，自政策开始至结束后两年累计）", "level", "difference", None, digits=0,
            scale=YI),
)
"""Every outcome, by name."""

HEADLINE: tuple[str, ...] = tuple(name for name, o in OUTCOMES.items() if o.headline)
"""The headline outcomes, in the registry's order (see Outcome.headline)."""

CONTRACT_COLUMNS: tuple[str, ...] = ("step", "quarter",
                                     *(o.name for o in OUTCOMES.values() if o.contract))
"""The output columns every run's time series promises (a contract with users' scripts)."""

