"""`python -m sim.bench`: forwards to sim.tools.bench, where the code lives."""

import sys

from sim.tools.bench import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
