"""python manage.py signals: every signal and the receivers connected to it."""

import json
from dataclasses import asdict
from itertools import groupby

from django.core.management.base import BaseCommand, CommandError

from mysite.cookbook import docs_url
from signals_lab.inventory import receiver_rows
from signals_lab.names import all_signals


class Command(BaseCommand):
    help = "List every signal and its connected receivers (sender, dispatch_uid, weak, async)."

    def add_arguments(self, parser):
        parser.add_argument("--signal", help="only this signal, e.g. post_save")
        parser.add_argument("--module", help="only receivers whose module starts with this")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="one JSON object per receiver"
        )
        parser.add_argument(
            "--all",
            action="store_true",
            dest="include_empty",
            help="also list signals that have no receiver",
        )

    def handle(self, *args, signal=None, module=None, as_json=False, include_empty=False, **opts):
        if signal and not any(signal in (name, name.rpartition(".")[2]) for name in all_signals()):
            known = ", ".join(sorted({name.rpartition(".")[2] for name in all_signals()}))
            raise CommandError(f"No signal called {signal!r}. Known signals: {known}.")
        rows = receiver_rows(signal_filter=signal)
        if module:
            rows = [row for row in rows if row.module.startswith(module)]
        if as_json:
            return self.write_json(rows)
        self.write_table(rows, signal, include_empty and not module)

    def write_json(self, rows):
        for row in rows:
            self.stdout.write(json.dumps({**asdict(row), "docs": docs_url(row.chapter)}))

    def write_table(self, rows, signal, include_empty):
        by_signal = {name: list(group) for name, group in groupby(rows, lambda r: r.signal)}
        names = all_signals() if include_empty else by_signal
        shown = 0
        for name in names:
            if signal and signal not in (name, name.rpartition(".")[2]):
                continue
            group = by_signal.get(name, [])
            self.stdout.write(self.style.MIGRATE_HEADING(f"{name}  ({_receivers(len(group))})"))
            for row in group:
                flags = ["weak" if row.weak else "strong", "async" if row.is_async else "sync"]
                uid = (
                    f"dispatch_uid={row.dispatch_uid!r}" if row.dispatch_uid else "no dispatch_uid"
                )
                self.stdout.write(f"  {row.receiver}")
                self.stdout.write(f"      sender: {row.sender}; {uid}; {', '.join(flags)}")
                if row.chapter:
                    self.stdout.write(f"      docs: {docs_url(row.chapter)}")
            shown += 1
        if not shown:
            self.stdout.write("No receiver matches.")


def _receivers(count):
    return f"{count} receiver" if count == 1 else f"{count} receivers"
