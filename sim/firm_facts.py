"""`python -m sim.firm_facts`: forwards to sim.tools.firm_facts, where the code lives."""

import sys

from sim.tools.firm_facts import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
