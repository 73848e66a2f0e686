"""Every parameter is declared once, with its value, bounds, unit and source
(sim.config.parameters), and every consumer reads the declarations."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from omegaconf import OmegaConf

from sim.config import load_config
from sim.config.declare import KINDS, problem
from sim.config.errors import ConfigError
from sim.config.levers import LEVERS
from sim.config.parameters import DECLARATIONS, GROUPS
from sim.config.validation import MOVED_KEYS, parameter_keys

REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "config_keys.txt"


def test_every_parameter_has_a_unit_a_source_bounds_and_a_kind() -> None:
    for group, schema in GROUPS.items():
        for f in dataclasses.fields(schema):
            assert "unit" in f.metadata, f"{group}.{f.name} is not declared with parameter()"
    for key, d in DECLARATIONS.items():
        assert d.unit and d.source and d.kind in KINDS, key
        assert d.source.startswith("hand-set") or len(d.source) > 10 or "fitted" in d.source, key


def test_every_declared_value_and_every_fitted_value_is_within_its_bounds() -> None:
    cfg = load_config()
    for key, d in DECLARATIONS.items():
        group, name = key.split(".", 1)
        declared = getattr(GROUPS[group](), name)
        assert problem(d, OmegaConf.to_container(OmegaConf.structured(declared)) if
                       dataclasses.is_dataclass(declared) else declared) is None, key
        value = OmegaConf.select(cfg, key)
        value = OmegaConf.to_container(value) if OmegaConf.is_config(value) else value
        assert problem(d, value) is None, key


def test_every_config_key_of_the_first_release_still_works_or_says_where_it_moved() -> None:
    keys = [k for k in REFERENCE.read_text().splitlines() if k and not k.startswith("#")]
    settable = set(parameter_keys()) | {f"policy.{k}" for k in LEVERS} | {
        "seed", "steps", "start", "progress", "write_households"}
    assert not [k for k in keys if k not in settable and k not in MOVED_KEYS]
    for key, message in MOVED_KEYS.items():
        new = [k for k in settable if k in message]
        assert new, f"the message for {key} names no key that works"
        with pytest.raises(ConfigError, match=f"'{key}' has moved: .*{new[0]}"):
            load_config([f"{key}=0.5"])


@pytest.mark.parametrize("override", ["households.mpc_cash=0.08",
                                      "households.mpc_permanent.rural=0.85",
                                      "firms.markup_bounds=[0.05,0.5]"])
def test_a_parameter_set_on_the_command_line_reaches_the_model(override: str) -> None:
    from sim.config.params import resolve

    key, value = override.split("=")
    p = resolve(load_config([override]))
    group, *path = key.split(".")
    node = getattr(p, group)
    for name in path:
        node = getattr(node, name)
    assert str(node).replace(" ", "") == value


def test_every_behavioural_parameter_declares_how_unsure_it_is() -> None:
    """Every behavioural constant has a plausible range (beside its source), which the
    uncertainty analysis varies it over. A range holds the declared
    value and lies within the bounds; a factor on a group holds 1. (Shares that sum to
    one are varied together, and derived values follow from others.)"""
    for key, d in DECLARATIONS.items():
        if d.kind != "behaviour" or d.sums_to_one or d.optional:
            continue
        assert (d.plausible is None) != (d.plausible_factor is None), key
        value = _declared_value(key)
        low, high = d.bounds
        if d.plausible is not None:
            assert low <= d.plausible[0] <= value <= d.plausible[1] <= high, key
        else:
            f_low, f_high = d.plausible_factor
            assert f_low <= 1.0 <= f_high, key
            values = value if isinstance(value, list) else list(value.values())
            for v in values:  # (a negative value's range runs the other way)
                assert low <= min(f_low * v, f_high * v) and max(f_low * v, f_high * v) <= high, key


def _declared_value(key: str):
    group, name = key.split(".", 1)
    value = getattr(GROUPS[group](), name)
    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value


def test_the_values_fitted_to_2016_lie_in_their_plausible_ranges() -> None:
    """The calibration moves a parameter within what it is believed to be, not beyond."""
    fitted = OmegaConf.to_container(OmegaConf.load(
        Path(__file__).resolve().parents[2] / "configs" / "calibration" / "guangdong_2016.yaml"))
    for group, values in fitted.items():
        if group == "calibration_info":
            continue
        for name, value in values.items():
            key = f"{group}.{name}"
            d = DECLARATIONS[key]
            declared = _declared_value(key)
            if d.plausible is not None:
                assert d.plausible[0] <= value <= d.plausible[1], key
            else:
                low, high = d.plausible_factor
                for part, v in value.items():
                    ratio = v / declared[part]
                    assert low <= ratio <= high, (key, part, ratio)
