"""`python -m sim.chain`: forwards to sim.tools.chain, where the code lives."""

import sys

from sim.tools.chain import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
