#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path


def check_installed():
    # Before Django is imported: a learner who skipped `pip install` gets one plain
    # line, not a traceback. Loaded from its file, since importing the mysite
    # package would import Celery first.
    path = Path(__file__).resolve().parent / "mysite" / "install_check.py"
    spec = spec_from_file_location("install_check", path)
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    module.require_installed()


def main():
    if sys.argv[1:2] == ["exercises"]:
        # The exercise runner runs the checks inside its own process, so it
        # starts on the test settings (exercises/runner.py).
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings_test")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
    if sys.argv[1:2] == ["run"] and os.environ.get("RUN_MAIN") != "true":
        check_installed()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
