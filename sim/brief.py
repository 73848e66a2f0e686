"""`python -m sim.brief`: forwards to sim.report.brief, where the code lives."""

import sys

from sim.report.brief import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
