"""`python -m sim.replicate`: forwards to sim.tools.replicate, where the code lives."""

import sys

from sim.tools.replicate import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
