"""Config group `china`: Guangdong as a region of China, the inputs the nation sets and
the trade with the other provinces (docs/model.md section 4, "The rest of China").

The national figures are inputs known in 2016, not fitted and not moved by anything the
province does: national inflation (the anchor of prices and of expectations), the
benchmark interest rates (`economy.deposit_rate`, `bank.firm_loan_rate`: the People's
Bank sets them for the whole monetary union, so the province has no rule of its own).
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.config.declare import parameter
from sim.config.parameters.shapes import ByGoodsCategory


@dataclass
class China:
    """National inputs and trade with the other provinces."""

    inflation: float = parameter(
        0.02, bounds=(-0.5, 1.0), kind="data", unit="annual growth of the national price "
        "level (the other provinces' goods are sold at it; expectations are anchored on it)",
        source="an input known in 2016, not fitted: national CPI inflation averaged 2.0% in "
               "2013-2016 (2.6, 2.0, 1.4 and 2.0%, NBS December CPI releases, read in "
               "reprints); the 2016 target was 'about 3%' (Government Work Report, 5 March "
               "2016); declared range 1.5-3%",
        plausible=(0.015, 0.03))
    productivity_growth: float = parameter(
        0.065, bounds=(-0.2, 0.3), kind="data", unit="annual real growth of the nation's "
        "output per person (the world's and the other provinces' demand for Guangdong's "
        "goods and the centre's transfers grow with it and national prices)",
        source="an input, not moved by the province: recalled, China's real GDP grew 7.8, "
               "7.3, 6.9 and 6.7% in 2013-2016 (NBS) with population about 0.5% a year, "
               "about 6.5-7% per person; set at Guangdong's 6.5% so the province and the "
               "nation grow alike in the baseline; declared range 5.5-7.5%",
        plausible=(0.055, 0.075))
    inflow_share: ByGoodsCategory = parameter(
        ByGoodsCategory(food=0.097, clothing=0.088, household=0.133, transport_comm=0.141,
                        other=0.133),
        bounds=(0.0, 0.95), kind="data",
        unit="share of households' 2016 spending on the category bought from goods made "
             "in the other provinces",
        source="Guangdong's 2012 input-output table (Guangdong Statistics Bureau, 42 "
               "sectors, producer prices), the domestic inflow (国内省外流入) over domestic "
               "use by product group: food (sectors 01, 06) 9.7%, clothing (07, 08) 8.8%, "
               "household goods (09, 10, 19, 22) 13.3%, transport and communication "
               "equipment (18, 20) 14.1%; 'other' takes the household goods' share; read "
               "in the tables as redistributed in the CHNIO repository on GitHub "
               "(common2016/CHNIO, data-raw/分省投入产出表). Direct inflows only (goods "
               "made in Guangdong with inputs from other provinces count as Guangdong's); "
               "the 2007 table gives larger shares (21% for food), hence the range",
        plausible_factor=(0.7, 1.6))
    outflow_share: float = parameter(
        0.27, bounds=(0.0, 1.0), kind="data",
        unit="the other provinces' share of the province's sales of manufactures outside "
             "Guangdong (the rest go abroad), 2016",
        source="Guangdong's 2012 input-output table (as inflow_share): domestic outflow "
               "(国内省外流出) over outflow plus exports of the exported categories' sectors "
               "(07, 08, 09, 10, 18, 19, 20, 22): 9,532 over 35,019 hundred million yuan, "
               "27%; the 2007 table gives 31%; declared range 0.2-0.4",
        plausible=(0.2, 0.4))
    outflow_price_elasticity: float = parameter(
        3.0, bounds=(0.0, 20.0),
        unit="elasticity of the other provinces' purchases from Guangdong to its prices "
             "relative to national prices",
        source="declared plausible: trade within a country is more price-elastic than "
               "trade across borders; Tombe and Zhu (2019, AER 109(5)) use a trade "
               "elasticity of 4 for China's provinces (recalled, not read in the paper); "
               "declared range 2-5",
        plausible=(2.0, 5.0))
