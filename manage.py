#!/usr/bin/env python
"""Django's command-line utility. ``civictalent`` (see civictalent/cli.py) does the same."""

import sys

from civictalent.cli import main

if __name__ == "__main__":
    sys.exit(main())
