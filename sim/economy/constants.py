"""Fixed vocabulary of the model: household kinds, regions, the eight NBS consumption
categories and what kind of supply each has (docs/model.md, "Agents" and "Consumption
categories").

These names are a contract: they are column suffixes in the outputs and keys in configs.
"""

from __future__ import annotations

import numpy as np

KINDS: tuple[str, ...] = ("urban", "rural", "migrant")
URBAN, RURAL, MIGRANT = 0, 1, 2

REGIONS: tuple[str, ...] = ("prd", "non_prd")  # Pearl River Delta / 粤东西北
PRD, NON_PRD = 0, 1

CATEGORIES: tuple[str, ...] = (
    "food",  # 食品烟酒
    "clothing",  # 衣着
    "housing",  # 居住
    "household",  # 生活用品及服务
    "transport_comm",  # 交通通信
    "education_culture",  # 教育文化娱乐
    "healthcare",  # 医疗保健
    "other",  # 其他用品和服务
)
N_CATEGORIES = len(CATEGORIES)
CATEGORY_INDEX = {name: i for i, name in enumerate(CATEGORIES)}
FOOD = CATEGORY_INDEX["food"]
HEALTHCARE = CATEGORY_INDEX["healthcare"]
HOUSING = CATEGORY_INDEX["housing"]
# Durable purchases that households may pay in instalments (分期付款, 五（五）).
DURABLES = np.array([CATEGORY_INDEX["household"], CATEGORY_INDEX["transport_comm"]])

# Basic needs vs development-and-enjoyment (发展享受型) categories.
BASIC = np.array([c in ("food", "clothing", "housing") for c in CATEGORIES])
UPGRADE = ~BASIC

# Goods can be stored and shipped (inventory, online sales, rural delivery surcharge);
# services are produced where and when they are consumed. Housing (rent, utilities),
# education/culture and healthcare are treated as services.
GOODS = np.array([c not in ("housing", "education_culture", "healthcare") for c in CATEGORIES])
SERVICES = ~GOODS
# Goods shipped into rural areas from outside the county, which bear the rural delivery
# surcharge (五（二）): every good but food, which villages buy locally (food bought
# online is shipped in too: sim.economy.processes.choice).
SHIPPED_IN = GOODS & (np.arange(len(CATEGORIES)) != FOOD)

# Categories with a foreign premium tier (luxury goods, outbound travel and study): the
# channel of 二（八） and 六（八）. Goods can also be imported and bought at home.
PREMIUM = np.array(
    [c in ("clothing", "household", "transport_comm", "education_culture", "other")
     for c in CATEGORIES]
)

# Manufactured goods that the rest of the world buys from Guangdong.
EXPORTED = np.array([c in ("clothing", "household", "transport_comm", "other") for c in CATEGORIES])

# Services whose supply the `policy.services.capacity` lever scales (二（一）, 六（六）):
# education, culture and tourism, health and elderly care.
CAPACITY_SERVICES = np.array([c in ("education_culture", "healthcare") for c in CATEGORIES])

# What the government buys in the goods market: the services whose capacity the lever
# scales (public education and health) and inspection, testing and certification
# services (检验检测, 四（二）) from the firms of the "other" category, at which no other
# public purchase is aimed.
PUBLICLY_BOUGHT = CAPACITY_SERVICES | (np.arange(len(CATEGORIES)) == CATEGORY_INDEX["other"])

# Green-labelled goods (二（三）) are a flagged subset of these categories' firms.
GREEN_CATEGORIES = np.array([c in ("household", "transport_comm") for c in CATEGORIES])

# Supply channels of an option in a category's choice set.
# PROVINCES: goods made in the other provinces of China, sold in Guangdong's shops at
# national prices (the domestic inflow of the input-output tables, 国内省外流入).
OFFLINE, ONLINE, ABROAD, IMPORTED, PROVINCES = 0, 1, 2, 3, 4
CHANNELS: tuple[str, ...] = ("offline", "online", "abroad", "imported", "provinces")

# The rest of China (the other provinces and the central government) is a sector of
# its own: Guangdong trades with it at national prices, shares taxes with the centre
# and receives its transfers, in the yuan of one monetary union.
SECTORS: tuple[str, ...] = ("households", "firms", "capital_goods", "bank", "government",
                            "rest_of_world", "rest_of_china")

# A household's `employer` when its earners work for the capital-goods sector (a firm
# row otherwise, -1 out of work).
CAPITAL_GOODS_EMPLOYER = -2


# A quarter before any the model runs, the burn-in's included: "never excluded from
# credit", "never on probation".
NEVER = -(2**31)


def quarter_label(start: str, step: int) -> str:
    """Calendar label of a step: quarter_label("2016Q1", 5) == "2017Q2"."""
    year, q = int(start[:4]), int(start[-1])
    index = year * 4 + (q - 1) + step
    return f"{index // 4}Q{index % 4 + 1}"
