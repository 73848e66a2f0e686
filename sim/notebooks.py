"""`python -m sim.notebooks`: forwards to sim.tools.notebooks, where the code lives."""

import sys

from sim.tools.notebooks import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
