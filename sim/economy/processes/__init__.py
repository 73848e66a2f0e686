"""The economic processes of a quarter, one per module, in the order the quarter runs
them (sim.economy.model.EconomyModel.step). A process is a function of the state it
reads that returns what it computed; it imports no model module."""
