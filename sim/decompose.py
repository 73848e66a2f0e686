"""`python -m sim.decompose`: forwards to sim.tools.decompose, where the code lives."""

import sys

from sim.tools.decompose import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
