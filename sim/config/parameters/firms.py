"""Config group `firms`: costs, prices, expectations, dividends, quality upgrades,
misdeclaration, entry and exit (docs/model.md section 4, firms)."""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import parameter

SHARE = (0.0, 1.0)


@dataclass
class Firms:
    """Firms' technology and behaviour."""

    # Costs, prices and inventories
    initial_markup: float | None = parameter(
        None, bounds=(0.0, 5.0), optional=True,
        unit="price over unit cost, minus one, in 2016 (null: each firm's competitive "
             "markup at its 2016 market shares)",
        source="derived: Nash pricing under the model's logit demand (see markup_speed)")
    productivity_dispersion: float = parameter(
        0.3, bounds=(0.0, 2.0), unit="standard deviation of log productivity across firms "
        "in 2016", source="hand-set in a plausible range 0.2-0.6: within-industry dispersion "
        "of log TFPR in Chinese manufacturing is 0.63 (Hsieh and Klenow 2009, QJE 124:1403, "
        "2005 census); a firm agent averages several real firms, so its dispersion is "
        "narrower. Measured (make firm-facts, 2 seeds at 20,000 households): at 0.45 the "
        "size distribution's tail is 1.26 and the largest tenth sells 58% (1.56 and 48% "
        "at 0.3; Axtell 2001: about 1.06, half or more) and entry comes to answer profits, "
        "but the burn-in's selection closes half of the opening's firm agents (a quarter "
        "at 0.3) and the whole plan's entry boom ends in a deeper bust",
        plausible=(0.2, 0.6))
    quality_cost: float = parameter(
        0.3, bounds=(0.0, 10.0), unit="rise of unit cost per unit of quality, share",
        source="hand-set",
        plausible=(0.1, 0.6))
    overhead_share: float = parameter(
        0.02, bounds=(0.0, 1.0), unit="fixed overhead labour of a firm, share of the 2016 "
        "average firm's labour", source="hand-set in a plausible range 0.01-0.05: "
        "management, rent and upkeep that do not scale with sales; with it the smallest "
        "firms lose money and leave (selection)",
        plausible=(0.01, 0.05))
    inventory_target: float = parameter(
        0.25, bounds=(0.0, 10.0), unit="target inventory, quarters of expected sales (goods)",
        source="hand-set",
        plausible=(0.1, 0.5))
    inventory_adjustment: float = parameter(
        0.5, bounds=(0.01, 1.0), unit="share of the gap between target and actual "
        "inventory a goods firm's production closes in a quarter",
        source="production smoothing: firms spread the restocking of inventories over "
               "several quarters; estimated adjustment speeds are well below one a quarter "
               "(Blinder and Maccini 1991, J. Economic Perspectives 5(1); Feldstein and "
               "Auerbach 1976, BPEA 1976(2)). At 1 (the whole gap in a quarter) inventory "
               "swings make production and employment swing (Metzler 1941)",
        plausible=(0.25, 1.0))
    inventory_decay: float = parameter(
        0.05, bounds=SHARE, unit="share of inventory lost per quarter", source="hand-set",
        plausible=(0.0, 0.1))
    demand_expectation_weight: float = parameter(
        0.5, bounds=SHARE, unit="weight of last quarter's demand in expected demand",
        source="hand-set (adaptive expectations)",
        plausible=(0.25, 0.75))
    markup_speed: float = parameter(
        0.25, bounds=(0.0, 1.0), unit="share of the gap to the competitive markup a firm "
        "closes per quarter", source="hand-set in a plausible range 0.1-0.5: prices adjust "
        "within a year (Fabiani et al. 2006 survey: median price change about once a year)",
        plausible=(0.1, 0.5))
    markup_share_elasticity: float = parameter(
        0.04, bounds=(0.0, 0.5), unit="log change of a firm's markup target per log change "
        "of its market share relative to its category's typical firm (on top of the "
        "competitive markup)",
        source="Dosi, Fagiolo and Roventini 2010 (JEDC 34:1748), the K+S markup rule: a "
               "firm raises its markup by 0.04 per unit of growth of its market share "
               "(Table 1); plausible range 0-0.1",
        plausible=(0.0, 0.1))
    markup_adjustment: float = parameter(
        0.1, bounds=(0.0, 5.0), unit="log change of the markup target per unit of excess "
        "demand (on top of the competitive markup)", source="hand-set",
        plausible=(0.0, 0.3))
    markup_signal_limit: float = parameter(
        0.5, bounds=(0.0, 10.0), unit="largest excess-demand signal a markup reacts to",
        source="hand-set: one quarter's shortage or glut moves the markup at most this far",
        plausible=(0.2, 1.0))
    markup_bounds: list[float] = parameter(
        [0.02, 0.8], bounds=(0.0, 10.0), ordered=True, unit="[lowest, highest] markup",
        source="hand-set: guard rails far from the markups the pricing rule sets (0.2-0.3)",
        plausible_factor=(0.5, 1.5))

    # Cash and dividends
    cash_target_quarters: float = parameter(
        1.0, bounds=(0.0, 20.0), unit="cash kept before dividends, quarters of the wage bill",
        source="hand-set",
        plausible=(0.5, 2.0))
    payout: float = parameter(
        0.8, bounds=SHARE, unit="share of cash above the target paid as dividends",
        source="hand-set",
        plausible=(0.5, 1.0))
    dividend_tax: float = parameter(
        0.2, bounds=SHARE, kind="data", unit="tax rate on dividends",
        source="PRC individual income tax on dividends (20%)")

    # Quality upgrades (demand pull, 新消费引领新供给)
    upgrade_step: float = parameter(
        0.1, bounds=(0.001, 1.0), unit="quality gained by one upgrade", source="hand-set",
        plausible=(0.05, 0.2))
    upgrade_cost: float = parameter(
        5.0, bounds=(0.0, 1000.0), unit="cost of an upgrade, quarters of revenue per unit of "
        "quality", source="hand-set",
        plausible=(2.0, 10.0))
    upgrade_cost_demand_floor: float = parameter(
        0.5, bounds=(0.0, 10.0), unit="lowest cost base, share of expected demand at unit "
        "price", source="hand-set: a firm with little revenue still pays for an upgrade at "
                        "its planned scale",
        plausible=(0.25, 1.0))
    upgrade_horizon: int = parameter(
        12, bounds=(1, 400), unit="quarters over which an upgrade must pay", source="hand-set",
        plausible=(8, 20))
    discount_rate: float = parameter(
        0.02, bounds=SHARE, unit="quarterly discount rate", source="hand-set",
        plausible=(0.01, 0.04))
    decision_noise: float = parameter(
        0.15, bounds=(0.001, 100.0), unit="logit scale of upgrade decisions, relative to "
        "their cost", source="hand-set",
        plausible=(0.05, 0.5))
    upgrade_overdraft_share: float = parameter(
        0.5, bounds=SHARE, unit="share of its credit line a firm may use for an upgrade",
        source="hand-set: a firm invests only what it can pay without nearing insolvency",
        plausible=(0.25, 0.75))

    # Research, innovation and imitation (Dosi, Fagiolo and Roventini 2010)
    rd_share_of_sales: float = parameter(
        0.01, bounds=(0.0, 0.5), unit="R&D spending, share of last quarter's revenue",
        source="R&D intensity of China's industrial enterprises above designated size in "
               "2016: about 1% of main business revenue (China Statistical Yearbook on "
               "Science and Technology 2017); plausible range 0.003-0.03",
        plausible=(0.003, 0.03))
    innovation_chance: float = parameter(
        0.05, bounds=(0.0, 0.99), unit="quarterly chance that a firm with the 2016 mean R&D "
        "per real firm finds an innovation", source="hand-set in a plausible range 0.02-0.2: "
        "about a third of Chinese enterprises report a product or process innovation over "
        "three years in the national enterprise innovation surveys",
        plausible=(0.02, 0.2))
    imitation_chance: float = parameter(
        0.05, bounds=(0.0, 0.99), unit="quarterly chance that a firm with the 2016 mean R&D "
        "per real firm imitates a rival", source="hand-set in a plausible range 0.02-0.2 "
        "(the same as innovation, as in Dosi, Fagiolo and Roventini 2010)",
        plausible=(0.02, 0.2))
    innovation_quality_range: list[float] = parameter(
        [-0.03, 0.05], bounds=(-1.0, 1.0), ordered=True,
        unit="[lowest, highest] quality change an innovation draws (Beta(3, 3) between)",
        source="hand-set: a draw may fail (negative) and is then not adopted; Beta(3, 3) as "
               "in Dosi, Fagiolo and Roventini (2010)",
        plausible_factor=(0.5, 2.0))
    innovation_productivity_range: list[float] = parameter(
        [-0.03, 0.03], bounds=(-1.0, 1.0), ordered=True,
        unit="[lowest, highest] log productivity change an innovation draws (Beta(3, 3))",
        source="hand-set: a firm's own process innovations, small beside the frontier's "
               "growth that new machines carry (frontier_growth)",
        plausible_factor=(0.5, 2.0))
    productivity_shock_persistence: float = parameter(
        0.85, bounds=(0.0, 0.999), unit="quarterly autocorrelation of the transitory part "
        "of a firm agent's log productivity",
        source="recalled: plants' TFP has annual autocorrelations of 0.6-0.8 (Foster, "
               "Haltiwanger and Syverson 2008, AER 98:394; Syverson 2011, JEL 49:326); "
               "0.85 a quarter is 0.52 a year for the transitory part",
        plausible=(0.75, 0.95))
    productivity_shock_sd: float = parameter(
        0.0, bounds=(0.0, 2.0), unit="standard deviation of the transitory part of a "
        "firm agent's log productivity (stationary)",
        source="declared plausible 0-0.15, none by default. A firm agent stands for "
               "population.real_firms_per_agent real firms (250 at 20,000 households), "
               "and as its productivity dispersion is narrower than plants' "
               "(productivity_dispersion), so are its shocks: the average of 250 firms "
               "with independent shocks keeps its rank (annual autocorrelation near one, "
               "as the model's 0.9996 without shocks). Shocks common to an agent's firms "
               "(make firm-facts, 2 seeds at 20,000 households, 0.1 at 0.85): persistence "
               "0.93, inside the plants' band, and investment inaction 0.07, but entry, "
               "which owners' retained profits finance, falls from 6.1% to 4.1% a year "
               "(below exit, 5.5%: the firm count shrinks), investment spikes double to "
               "43% of firm-years and the size tail thins (exponent 1.74 from 1.58); the "
               "uncertainty analysis reads the range",
        plausible=(0.0, 0.15))
    # The technology frontier and vintages (sim.economy.processes.technology)
    frontier_growth: float = parameter(
        0.065, bounds=(-0.2, 0.3), unit="annual growth of each category's technology "
        "frontier at its 2016 research",
        source="set to the calibration target economy.productivity_growth (Guangdong's "
               "2013-2016 growth, 6.5%). Measured productivity (quality-adjusted output per "
               "efficiency unit of production labour) grows faster: firms' own process "
               "innovations, the vintage gap and the shift of output to the more "
               "productive add about a point a year (7.33% in 2016-2019, sd 0.22 pp over "
               "seeds 500-529 at 10,000 households; tests/economy/test_technology.py "
               "records it as a finding). At 5.2%, with what firms add on that path in "
               "the wage trend (sim.economy.processes.technology.firms_pace), the "
               "baseline grows 6.5%, "
               "but the whole plan's entry boom ends in a deeper bust (seed 0: the lowest "
               "employment rate 0.878 against 0.918), so the value stays until that is "
               "understood. Declared range 4.2-7.5%: the spread of the years 2013-2016 and "
               "of the nation's figure (5.5-7.5%), and below it the pace net of what firms "
               "add",
        plausible=(0.042, 0.075))
    embodied_share: float = parameter(
        0.3, bounds=SHARE, unit="share of the frontier's advance that new machines embody "
        "(the rest raises every firm's productivity alike)",
        source="declared plausible 0.1-0.6: Greenwood, Hercowitz and Krusell (1997, AER "
               "87:342) attribute about 60% of US post-war productivity growth to "
               "investment-specific technical change; Hulten (1992, AER 82:964) finds about "
               "a fifth embodied in equipment; the share sets how much more productive new "
               "machines are than the average in use (the steady vintage gap is this share "
               "of the frontier's growth over capital's renewal rate)",
        plausible=(0.1, 0.6))
    research_growth_elasticity: float = parameter(
        0.05, bounds=(0.0, 2.0), unit="elasticity of a category's frontier growth to its "
        "research (efficiency units of research labour over 2016's)",
        source="from the returns to R&D: at the margin g = rho * R&D/Y (Griliches), so the "
               "elasticity is rho * (R&D over sales) / g; rates of return of 0.2 to over 1 "
               "(Hall, Mairesse and Mohnen 2010, Handbook of the Economics of Innovation "
               "vol. 2: private returns strongly positive, above those to ordinary capital; "
               "Jones and Williams 1998, QJE 113:1119: the literature's estimates run from "
               "30% to over 100%, 30% conservative) at rd_share_of_sales 1% and 6.5% growth "
               "give 0.03-0.15; 0.05 is a 33% return. Chinese firm estimates before 2016 "
               "(Hu, Jefferson and Qian 2005, REStat 87:780) were not read here",
        plausible=(0.03, 0.15))
    imitation_reach: float = parameter(
        0.25, bounds=SHARE, unit="share of the gap to the imitated rival's quality and "
        "productivity an imitation closes", source="hand-set: imitators copy a rival's "
        "product imperfectly",
        plausible=(0.1, 0.5))

    # Firm finance (Caiani et al. 2016)
    exit_share_floor: float = parameter(
        0.1, bounds=(0.0, 1.0), unit="market share below which a firm exits, share of its "
        "category's average firm's", source="hand-set in a plausible range 0.05-0.2: the "
        "exit rule of Dosi et al. (2013), a market share below a floor",
        plausible=(0.05, 0.2))
    loss_quarters_to_exit: int = parameter(
        8, bounds=(1, 400), unit="consecutive quarters of losses after which a firm exits",
        source="hand-set: two years of losses (persistent losses, Dosi et al. 2013 use "
               "market share below a floor)",
        plausible=(4, 12))
    loss_patience_spread: float = parameter(
        0.5, bounds=(0.0, 0.95), unit="spread of owners' patience with losses, share of "
        "loss_quarters_to_exit either side (each firm's own, uniform)",
        source="declared plausible: owners differ in how long they bear losses; 0.5 spreads "
               "the two years of loss_quarters_to_exit over one to three, the plausible range "
               "of that parameter itself; 0 makes every owner alike",
        plausible=(0.25, 0.75))

    compliance_window: int = parameter(
        4, bounds=(0, 40), unit="quarters between a minimum standard's announcement and the "
        "quarter it binds", source="hand-set: China's mandatory national standards usually "
        "take effect six to twelve months after publication",
        plausible=(2, 4))

    # Misdeclared quality and enforcement (四（二）)
    misdeclaration_gain: float = parameter(
        0.03, bounds=SHARE, unit="mean gain of overstating quality over firms, share of "
        "revenue a quarter", source="hand-set in a plausible range 0.01-0.06: a few percent "
        "of sales, the order of the price premium of a quality step at the model's markups",
        plausible=(0.01, 0.06))
    misdeclaration_gain_dispersion: float = parameter(
        1.0, bounds=(0.0, 3.0), unit="standard deviation of the log of firms' gains from "
        "overstating quality (lognormal across firms)",
        source="hand-set in a plausible range 0.5-1.5, not measured: gains from passing off "
               "lower quality differ widely across products and firms (a few firms gain "
               "much), so every step of enforcement deters some firms (Becker 1968); at 0 "
               "every firm gains the mean and deterrence is all-or-nothing",
        plausible=(0.5, 1.5))
    misdeclaration_gap: float = parameter(
        0.15, bounds=(0.001, 1.0), unit="overstatement of a misdeclaring firm, quality index",
        source="hand-set in a plausible range 0.05-0.3: one or two quality steps "
               "(firms.upgrade_step), passing a product off as the next tier up",
        plausible=(0.05, 0.3))
    fine_rate: float = parameter(
        0.2, bounds=(0.0, 10.0), unit="fine on a caught firm, share of its quarterly revenue",
        source="hand-set in a plausible range 0.05-1: the Product Quality Law (art. 50) fines "
               "passing off inferior goods (以次充好) at 50% to 3 times the value of the "
               "goods found, with the illegal income confiscated; the goods found in a "
               "spot check are a fraction of a quarter's sales",
        plausible=(0.05, 1.0))
    honesty_max: float = parameter(
        0.06, bounds=SHARE, unit="highest cost of misdeclaring, share of revenue (uniform "
        "from 0)", source="hand-set in a plausible range 0.02-0.1, not measured: the "
                          "reputational and moral cost that keeps some firms honest "
                          "without inspections",
        plausible=(0.02, 0.1))
    probation_quarters: int = parameter(
        8, bounds=(0, 400), unit="quarters a caught firm declares truthfully",
        source="hand-set in a plausible range 4-12: a firm failing a supervisory spot check "
               "must rectify and is inspected again (产品质量监督抽查管理办法), and is "
               "watched for about two years",
        plausible=(4, 12))
    recall_trust_restore: float = parameter(
        0.5, bounds=SHARE, unit="trust restored per unit of a category's sales recalled",
        source="hand-set in a plausible range 0.2-0.8, not measured",
        plausible=(0.2, 0.8))

    # Entry (三（一）)
    entry_rate: float = parameter(
        0.07, bounds=SHARE, unit="quarterly would-be entrants per incumbent firm when the "
        "value of entering equals its cost (those firms' retained profits cannot finance "
        "do not enter)", source="hand-set so that baseline entry was 5-9% of the firms a "
        "year when owners' equity came out of household deposits (with profits net of "
        "depreciation), within the high turnover of Chinese firms (Brandt, Van "
        "Biesebroeck and Zhang 2012, Journal of Development Economics 97:339); financed "
        "by firms' retained profits, entry is 3-5% a year",
        plausible=(0.03, 0.1))
    entry_elasticity: float = parameter(
        1.0, bounds=(0.0, 10.0), unit="elasticity of entry to the value of entering over "
        "its cost", source="hand-set in a plausible range 0.5-2: the number of firms a "
        "market supports grows about in proportion to its size (Bresnahan and Reiss 1991, "
        "Journal of Political Economy 99:977)",
        plausible=(0.5, 2.0))
    entry_rate_max: float = parameter(
        0.2, bounds=SHARE, unit="highest quarterly entry rate, entrants per incumbent firm",
        source="hand-set: a cap for markets where entry pays many times over",
        plausible=(0.1, 0.3))
    entrant_profit_share: float = parameter(
        0.5, bounds=(0.0, 10.0), unit="profit an entrant expects, share of an incumbent's",
        source="hand-set",
        plausible=(0.25, 1.0))
    entrant_demand_share: float = parameter(
        0.25, bounds=(0.0, 10.0), unit="demand an entrant expects, share of an incumbent's",
        source="hand-set",
        plausible=(0.1, 0.5))
    entrant_quality_spread: float = parameter(
        0.1, bounds=SHARE, unit="half-width of entrants' quality around the median "
        "incumbent's", source="hand-set",
        plausible=(0.05, 0.2))

    # The 2016 firms
    initial_quality_range: list[float] = parameter(
        [0.05, 0.55], bounds=SHARE, ordered=True,
        unit="[lowest, highest] quality of the 2016 firms' ladder",
        source="definition: 0 is the lowest quality on sale in 2016, 1 the world frontier; "
               "domestic supply spans the lower half (its top end hand-set)",
        plausible_factor=(0.8, 1.2))
    initial_quality_jitter: float = parameter(
        0.03, bounds=(0.0, 0.5), unit="half-width of each 2016 firm's draw around its rung",
        source="hand-set",
        plausible=(0.0, 0.05))
    green_share: float = parameter(
        0.3, bounds=SHARE, unit="share of household and transport_comm firms that are green",
        source="hand-set",
        plausible=(0.15, 0.45))
    online_share: float = parameter(
        0.5, bounds=SHARE, unit="share of goods firms selling online", source="hand-set",
        plausible=(0.3, 0.7))
    service_headroom: float = parameter(
        0.92, bounds=(0.1, 10.0), unit="2016 service capacity over 2016 demand",
        source="hand-set: services were rationed in 2016 (看病难)",
        plausible=(0.85, 1.0))
    service_capacity_growth: float = parameter(
        0.0, bounds=(-0.5, 1.0), unit="annual growth of service labour capacity at baseline",
        source="hand-set",
        plausible=(0.0, 0.05))
