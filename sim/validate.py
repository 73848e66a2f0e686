"""`python -m sim.validate`: forwards to sim.tools.validate, where the code lives."""

import sys

from sim.tools.validate import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
