"""The explorer (`make explore`): a local web app on Mesa's SolaraViz (Solara).

Two views. The economy: choose a scenario, move its levers (each control shows the
lever's unit, bounds and plan clauses from configs/levers.yaml), pick the households and
the seed, then step or play the economy quarter by quarter and watch its charts. The
results: open a sweep's folder and browse its comparison by outcome, scenario, household
kind and income decile. Labels come from the same declarations as the brief's, in
English or Chinese.

The app builds models with the command line's config and checks (sim.config.compose),
so a bad value shows the same message. `controls` holds what the views compute (no
Solara), `figures` the charts, `app` the page.
"""
