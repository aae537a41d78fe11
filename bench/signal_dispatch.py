"""What Signal.send costs with 0, 1 and 10 receivers, with and without the
"Signals sent" instrumentation, against a plain function call.

Run:  make bench   (or .venv/bin/python bench/signal_dispatch.py)
"""

import os
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
os.environ["SIGNALS_INSTRUMENT"] = "0"  # measure "off" as shipped: nothing installed

import django  # noqa: E402

django.setup()

from django.dispatch import Signal  # noqa: E402

from signals_lab import instrument  # noqa: E402

NUMBER = 20_000
REPEAT = 5


def say(line):
    sys.stdout.write(line + "\n")


def receiver(sender, **kwargs):
    return None


def plain_call():
    receiver(sender=None, instance=None)


def per_call_us(statement):
    best = min(timeit.repeat(statement, number=NUMBER, repeat=REPEAT))
    return best / NUMBER * 1e6


def signal_with(count):
    signal = Signal()
    # Distinct functions: one function connected ten times would be kept once.
    receivers = [lambda sender, **kwargs: None for _ in range(count)]
    for each in receivers:
        signal.connect(each, weak=False)
    return signal


def main():
    baseline = per_call_us(plain_call)
    say(f"Signal.send cost, best of {REPEAT} x {NUMBER:,} sends (microseconds per send)")
    say(f"  a plain function call: {baseline:.3f} us")
    say(
        f"  {'receivers':>9}  {'off':>9}  {'on, idle':>9}  {'recording':>9}  {'recording/off':>13}"
    )
    for count in (0, 1, 10):
        signal = signal_with(count)

        def send(signal=signal):
            signal.send(sender=None, instance=None)

        off = per_call_us(send)
        instrument.install()
        try:
            idle = per_call_us(send)  # installed, but no recorder active
            recorder = instrument.Recorder(limit=1, rolling=True)
            with instrument.recording(recorder):
                recording = per_call_us(send)
        finally:
            instrument.uninstall()
        ratio = recording / off
        say(f"  {count:>9}  {off:>9.3f}  {idle:>9.3f}  {recording:>9.3f}  {ratio:>12.1f}x")
    say("off: not installed (the default): Django's own methods, so the cost is zero.")
    say("on, idle: installed, nothing recording (another thread's request is being traced).")
    say("recording: inside a request the panel shows (or SIGNALS_INSTRUMENT=1).")


if __name__ == "__main__":
    main()
