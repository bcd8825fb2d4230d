"""The ``civictalent`` command: every Django management command, with clear start-up errors.

``civictalent serve``, ``civictalent demo``, ``civictalent createadmin`` and the rest are
management commands; run ``civictalent help`` to list them all.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    # Safe by default: production settings unless told otherwise (make run says dev).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    from django.core.management import execute_from_command_line

    from config.startup import explain_configuration_errors

    arguments = list(sys.argv if argv is None else argv)
    arguments[0] = "civictalent"
    if len(arguments) > 1 and not arguments[1].startswith("-"):
        # `civictalent map-title` runs the management command map_title.
        arguments[1] = arguments[1].replace("-", "_")
    explain_configuration_errors(lambda: execute_from_command_line(arguments))
    return 0


if __name__ == "__main__":
    sys.exit(main())
