#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    if sys.argv[1:2] == ["exercises"]:
        # The exercise runner runs the checks inside its own process, so it
        # starts on the test settings (exercises/runner.py).
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings_test")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
