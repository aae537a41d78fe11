"""`exercises watch`: re-check the current exercise each time a file is saved.

The screen is cleared before each check and shows only the current exercise;
between saves nothing is printed. When it passes, the next one is checked.
"""

from watchfiles import PythonFilter
from watchfiles import watch as watch_files

from .manifest import ROOT, get_exercise, load_manifest

CLEAR = "\033[2J\033[H"


def watch(command, number=None):
    exercises = load_manifest()
    current = get_exercise(number) if number else command.current()
    # Watch folders, not files: many editors save by writing a new file.
    files = {str(ROOT / e.file) for e in exercises} | {str(ROOT / e.checks) for e in exercises}
    folders = sorted({str((ROOT / name).parent) for name in files})
    python = PythonFilter()

    def relevant(change, path):
        return path in files and python(change, path)

    changes = watch_files(*folders, watch_filter=relevant, debounce=150, step=50)
    while True:
        command.stdout.write(CLEAR, ending="")
        while command.report(current):
            if number or current.number == len(exercises):
                if not number:
                    command.stdout.write(command.style.SUCCESS("All exercises pass. Well played!"))
                break
            current = exercises[current.number]  # the next one, checked at once
            command.stdout.write("")
        command.stdout.write(f"\nWatching {current.file}: save to re-check. Ctrl-C stops.")
        command.stdout.flush()
        try:
            next(changes)
        except KeyboardInterrupt:
            return
