"""Config group `capital`: firms' capital and the capital-goods sector that produces it
(docs/model.md section 4, capital; Dosi, Fagiolo and Roventini 2010; Caiani et al. 2016).
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import parameter

SHARE = (0.0, 1.0)


@dataclass
class Capital:
    """Capital of consumer-goods and service firms; the machine makers."""

    capital_output_ratio: float = parameter(
        2.0, bounds=(0.0, 100.0), unit="capital (yuan at 2016 prices) per unit of a "
        "quarter's output at full use", source="hand-set in a plausible range 1-4: the "
        "equipment and fit-out of consumer-goods and service firms, buildings and land left "
        "out, about half a year of output; net fixed assets of China's industrial "
        "enterprises were about a third of a year's revenue in 2016 (China Statistical "
        "Yearbook 2017). With it, 2016 investment is about a ninth of the model's GDP; at 3 "
        "gross investment exceeds firms' gross profits at the competitive markups, and "
        "debt and bankruptcies climb",
        plausible=(1.0, 4.0))
    target_utilisation: float = parameter(
        0.8, bounds=(0.05, 1.0), unit="share of capacity firms plan to use",
        source="hand-set in a plausible range 0.7-0.9: desired utilisation 0.75 in Dosi, "
               "Fagiolo and Roventini (2010); China's industrial capacity utilisation was "
               "about 73-77% in 2016-2017 (NBS)",
        plausible=(0.7, 0.9))
    depreciation: float = parameter(
        0.025, bounds=SHARE, unit="share of capital lost per quarter",
        source="9.6% a year, the depreciation rate of Zhang, Wu and Zhang (2004, Economic "
               "Research Journal 10:35) for China's provincial capital stocks",
        plausible=(0.015, 0.035))
    adjustment_speed: float = parameter(
        0.33, bounds=(0.01, 1.0), unit="share of the gap between desired capital and "
        "capital in place or on order that a firm's orders close in a quarter, beyond "
        "replacing wear and growing with the trend",
        source="the flexible accelerator (Koyck 1954; Chenery 1952): firms close capital "
               "gaps over several quarters; projects take about four quarters to build "
               "(Kydland and Prescott 1982, Econometrica 50(6)). At 1 (the whole gap in a "
               "quarter) a 1% change in expected demand moves a quarter's orders by about "
               "a quarter and employment swings by about a point a quarter. Declared "
               "0.07-0.5: with geometric lags the mean lag is (1 - speed) / speed "
               "quarters, and distributed-lag investment equations find about two years "
               "(recalled: Jorgenson 1971, JEL 9:1111; Chirinko 1993, JEL 31:1875), 0.11. "
               "At 0.11 with upgrade_build_quarters 4, investment's quarterly changes are "
               "about 6 times as volatile as GDP's instead of 11 (about 3 in the data; make "
               "firm-facts), but the whole plan's entry boom then ends in a deeper bust "
               "(seed 0, 10,000 households: the lowest employment rate 0.908 in 2022 "
               "against 0.918), so the value stays until that is understood",
        plausible=(0.07, 0.5))
    upgrade_build_quarters: float = parameter(
        1.0, bounds=(1.0, 12.0), unit="quarters over which a quality upgrade (retooling) "
        "is built, delivered and paid in equal parts",
        source="declared 1-6, one quarter by default: time to build is about four quarters "
               "for a project (Kydland and Prescott 1982, Econometrica 50(6):1345), and a "
               "firm agent stands for many real firms whose retoolings would not all fall "
               "in one quarter; delivered in one, upgrade spending (3% of investment) comes "
               "in lumps that dominate investment's quarterly volatility. Held at one with "
               "capital.adjustment_speed (see its source). Upgrades to meet a minimum "
               "standard are rushed (one quarter: in place when the standard binds, 四（一）)",
        plausible=(1.0, 6.0))
    markup: float = parameter(
        0.2, bounds=(0.0, 5.0), unit="price of capital goods over their unit labour cost, "
        "minus one", source="hand-set in a plausible range 0.1-0.4: markups of Chinese "
        "manufacturing firms estimated at about 1.1-1.3 (Lu and Yu 2015, AEJ: Applied "
        "7(4):221)",
        plausible=(0.1, 0.4))
