"""`python -m sim.calibrate`: forwards to sim.tools.calibrate, where the code lives."""

import sys

from sim.tools.calibrate import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
