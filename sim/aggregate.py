"""`python -m sim.aggregate`: forwards to sim.sweep.aggregate, where the code lives."""

import sys

from sim.sweep.aggregate import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
