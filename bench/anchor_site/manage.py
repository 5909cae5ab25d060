#!/usr/bin/env python
import os
import sys

import paths  # noqa: F401  (sys.path: project root + harness common dir)

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchsettings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
