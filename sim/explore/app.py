"""The explorer's page (`make explore`, or `solara run sim/explore/app.py`).

The economy view is Mesa's SolaraViz made of its own parts: Mesa's ModelController
(Reset, play and Step) rebuilds and steps an ExplorerModel from the choice in the
sidebar, and every chart re-renders on Mesa's update counter. The results view reads a
sweep's comparison and distribution (sim.api.load_sweep). A bad choice shows the
command line's message and leaves the running economy as it is.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import solara
import solara.lab
from mesa.visualization.solara_viz import ModelController
from mesa.visualization.utils import force_update, update_counter

from sim.config.levers import LEVERS
from sim.config.paths import PROJECT_ROOT
from sim.economy.constants import KINDS
from sim.economy.outcomes import OUTCOMES
from sim.explore import controls, figures
from sim.explore.controls import word
from sim.report.charts import WORDS as CHART_WORDS
from sim.report.charts import Labels, case_of

SWEEPS = Path(os.environ.get("SIM_EXPLORER_SWEEPS", PROJECT_ROOT / "results" / "sweeps"))
"""Where the results view looks for sweeps (results/sweeps, or $SIM_EXPLORER_SWEEPS)."""
lang = solara.reactive("en")


def sweep_folders(root: Path = SWEEPS) -> list[str]:
    """The names of the sweep folders under `root` that hold runs or a comparison."""
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir()
                  if p.is_dir() and ((p / "comparison.parquet").exists()
                                     or (p / "multirun.yaml").exists()))


def sweep_path(choice: str) -> Path:
    """The folder of a sweep named in the list (under SWEEPS) or given as a path (from
    the project's folder if relative)."""
    path = Path(choice).expanduser()
    if path.is_absolute():
        return path
    return SWEEPS / path if (SWEEPS / path).is_dir() else PROJECT_ROOT / path


@solara.component
def LeverControl(key: str, value: Any, changed: bool, on_value) -> None:
    lever = LEVERS[key]
    label = controls.lever_label(lever, lang.value) + (" ●" if changed else "")
    if controls.has_slider(lever):
        solara.Text(label)
        solara.SliderFloat("", value=float(value), min=float(lever.lower),
                           max=float(lever.upper), step=controls.SLIDER_STEP,
                           on_value=on_value, thumb_label=False)
        solara.Text(f"{float(value):,.6g}", style={"font-weight": "bold"})
    elif lever.numeric:
        solara.InputFloat(label, value=float(value), on_value=on_value)
    elif lever.one_of is not None:
        solara.Select(label, values=list(lever.one_of), value=value, on_value=on_value)
    else:
        solara.SelectMultiple(label, values=list(value), all_values=list(lever.allowed),
                              on_value=on_value)
    solara.Text(controls.lever_caption(lever, lang.value),
                style={"font-size": "0.75em", "color": "#555555"})


@solara.component
def EconomyCharts(model) -> None:
    """The running economy's charts, drawn anew each time Mesa's counter moves (its time
    series read once for all of them)."""
    update_counter.get()
    ts = model.timeseries()
    with solara.ColumnsResponsive(6, large=6):
        for chart in (*figures.ECONOMY_CHARTS, *figures.AGENT_CHARTS):
            if chart in figures.AGENT_CHARTS:
                fig = chart(model, lang.value)
            else:
                fig = chart(ts, lang.value) if len(ts) else figures.waiting(lang.value)
            solara.FigureMatplotlib(fig, format="png", dependencies=[
                update_counter.value, lang.value, id(model), chart.__name__])


@solara.component
def EconomyView() -> None:
    scenario = solara.use_reactive("baseline")
    households = solara.use_reactive(controls.DEFAULT_HOUSEHOLDS)
    seed = solara.use_reactive(0)
    levers = solara.use_reactive(controls.scenario_levers("baseline"))
    initial = solara.use_memo(lambda: controls.ExplorerModel(), [])
    model = solara.use_reactive(initial)
    parameters = solara.use_reactive({"scenario": "baseline",
                                      "households": controls.DEFAULT_HOUSEHOLDS,
                                      "seed": 0, "levers": {}})
    progress = solara.use_reactive(0.0)
    message = controls.problem(scenario.value, households.value, seed.value, levers.value)

    def keep_valid() -> None:
        if message is None:  # Reset builds only a choice that passes the checks
            parameters.set({"scenario": scenario.value, "households": households.value,
                            "seed": seed.value,
                            "levers": controls.changed_levers(scenario.value, levers.value)})

    solara.use_effect(keep_valid, [scenario.value, households.value, seed.value,
                                   str(levers.value), message])

    def choose_scenario(name: str) -> None:
        scenario.set(name)
        levers.set(controls.scenario_levers(name))

    def set_lever(key: str, value: Any) -> None:
        levers.set({**levers.value, key: value})

    def run_to_end() -> None:
        m = model.value
        left = max(0, m.p.steps - m.steps)
        for i in range(left):
            if not m.running:
                break
            m.step()
            progress.set((i + 1) / max(1, left))
            if i % 4 == 3 or i == left - 1:
                force_update()
        force_update()

    def build() -> None:
        # in a thread, so the page answers while the economy and its burn-in are built
        # (Mesa's Reset builds the same choice in the foreground)
        model.set(controls.ExplorerModel(**parameters.value))
        force_update()

    runner = solara.lab.use_task(run_to_end, dependencies=None, prefer_threaded=True)
    builder = solara.lab.use_task(build, dependencies=None, prefer_threaded=True)
    own = controls.scenario_levers(scenario.value)
    with solara.Columns([1, 3]):
        with solara.Column():
            with solara.Card(word("scenario", lang.value)):
                solara.Select(word("scenario", lang.value), values=controls.scenario_names(),
                              value=scenario.value, on_value=choose_scenario)
                solara.Text(controls.scenario_title(scenario.value, lang.value))
                solara.InputInt(word("households", lang.value), value=households)
                solara.InputInt(word("seed", lang.value), value=seed)
                if message:
                    solara.Error(message, classes=["explorer-error"])
                else:
                    solara.Text(word("valid", lang.value), style={"font-size": "0.8em"})
                solara.Button(word("apply", lang.value), on_click=lambda: builder(),
                              disabled=builder.pending or message is not None,
                              color="primary", classes=["explorer-build"])
                if builder.pending:
                    solara.Text(word("building", lang.value))
                    solara.ProgressLinear(True)
                ModelController(model, model_parameters=parameters,
                                play_interval=solara.use_reactive(300),
                                render_interval=solara.use_reactive(1),
                                use_threads=solara.use_reactive(False))
                with solara.Row():
                    solara.Button(word("run_to_end", lang.value), on_click=lambda: runner(),
                                  disabled=runner.pending, color="secondary")
                if runner.pending:
                    solara.Text(word("running", lang.value))
                    solara.ProgressLinear(100.0 * progress.value)
                QuarterNow(model.value)
            with solara.Card(word("levers", lang.value)):
                solara.Button(word("reset_levers", lang.value), text=True,
                              on_click=lambda: levers.set(controls.scenario_levers(
                                  scenario.value)))
                for key in LEVERS:
                    moved = not controls.same(levers.value[key], own[key])
                    LeverControl(key, levers.value[key], moved,
                                 lambda v, key=key: set_lever(key, v))
        with solara.Column():
            EconomyCharts(model.value)


@solara.component
def QuarterNow(model) -> None:
    update_counter.get()
    ts = model.timeseries()
    now = ts["quarter"].iloc[-1] if len(ts) else "2015Q4"
    moved = controls.changed_levers(model.scenario, model.lever_targets)
    solara.Text(f"{word('quarter', lang.value)}: {now} ({model.scenario}, "
                f"{len(model.households.kind):,} · seed {model.seed})",
                classes=["explorer-quarter"])
    if moved:
        solara.Text(f"{word('changed', lang.value)}: "
                    + ", ".join(f"{k} = {v}" for k, v in moved.items()),
                    classes=["explorer-moved"], style={"font-size": "0.8em"})


@solara.component
def ResultsView() -> None:
    folders = sweep_folders()
    folder = solara.use_reactive(folders[0] if folders else "")
    outcome = solara.use_reactive("consumption_pc")
    kind = solara.use_reactive("all")
    decile = solara.use_reactive("all")
    chosen = solara.use_reactive([])

    def load():
        from sim.api import load_sweep  # aggregates a sweep not yet compared

        if not folder.value:
            return None
        try:
            return load_sweep(sweep_path(folder.value))
        except Exception as error:  # not a sweep folder: say so and keep the page
            return f"{folder.value}: {error}"

    sweep = solara.use_memo(load, [folder.value])
    solara.InputText(word("sweep_path", lang.value), value=folder.value,
                     on_value=lambda text: folder.set(text.strip()))
    if sweep is None or isinstance(sweep, str):
        if isinstance(sweep, str):
            solara.Error(sweep, classes=["explorer-error"])
        solara.Info(word("no_sweeps", lang.value))
        return
    comparison, distribution = sweep.comparison, sweep.distribution
    # a case is a scenario and its swept values, so a lever grid keeps its points apart
    cases = case_of(comparison)
    scenarios = [c for c, s in dict.fromkeys(zip(cases, comparison.scenario, strict=True))
                 if s != "baseline"]
    labels_of = Labels.load(lang.value)
    titles = {c: labels_of.title(c) for c in scenarios}
    by_title = {t: s for s, t in titles.items()}
    names = [o for o in dict.fromkeys(comparison.outcome) if o in OUTCOMES]
    labels = {OUTCOMES[o].label(lang.value): o for o in names}
    shown = [c for c in chosen.value if c in scenarios] or scenarios
    seeds = int(comparison["n_paired"].max())
    kinds = {word("all", lang.value): "all", **{CHART_WORDS[lang.value][k]: k for k in KINDS}}
    with solara.Columns([1, 3]):
        with solara.Column():
            solara.Select(word("sweep", lang.value),
                          values=folders if folder.value in folders else [*folders, folder.value],
                          value=folder)
            solara.Select(word("outcome", lang.value), values=list(labels),
                          value=OUTCOMES[outcome.value].label(lang.value),
                          on_value=lambda label: outcome.set(labels[label]))
            solara.SelectMultiple(word("scenarios", lang.value),
                                  values=[titles[s] for s in shown],
                                  all_values=[titles[s] for s in scenarios],
                                  on_value=lambda ts: chosen.set([by_title[t] for t in ts]))
            solara.Select(word("kind", lang.value), values=list(kinds),
                          value=next(k for k, v in kinds.items() if v == kind.value),
                          on_value=lambda label: kind.set(kinds[label]))
            solara.Select(word("decile", lang.value),
                          values=["all", *[str(d) for d in range(1, 11)]], value=decile)
            solara.Text(f"{seeds} {word('seeds', lang.value)}")
        with solara.Column():
            fig = figures.effect_by_scenario(comparison, outcome.value, shown, titles,
                                             lang.value, seeds)
            solara.FigureMatplotlib(fig, format="png",
                                    dependencies=[folder.value, outcome.value, str(shown),
                                                  lang.value])
            fig = figures.gains(distribution, shown, titles,
                                None if kind.value == "all" else kind.value,
                                None if decile.value == "all" else int(decile.value),
                                lang.value, outcome=("welfare_gain_pc"
                                                     if outcome.value.startswith("welfare")
                                                     else "consumption_pc"))
            solara.FigureMatplotlib(fig, format="png",
                                    dependencies=[folder.value, str(shown), kind.value,
                                                  decile.value, lang.value, outcome.value])


@solara.component
def Heading() -> None:
    """The app bar's title (a component of its own, so a language switch redraws it)."""
    solara.Text(word("title", lang.value))


@solara.component
def Page() -> None:
    solara.Title(word("title", lang.value))
    with solara.AppBar():
        with solara.AppBarTitle():
            Heading()
        solara.Button(word("language", lang.value), text=True, classes=["explorer-language"],
                      on_click=lambda: lang.set("zh" if lang.value == "en" else "en"))
    with solara.lab.Tabs():
        with solara.lab.Tab(word("economy", lang.value)):
            EconomyView()
        with solara.lab.Tab(word("results", lang.value)):
            ResultsView()
