"""Are there migrations the database has not applied? A fast answer and a sure one.

`fast_unapplied()` compares the migration files on disk with the rows of the
`django_migrations` table: no migration module is imported, so a warm
`manage.py run` skips `migrate` in a few milliseconds. It can only err towards
"something to apply" (a squashed migration recorded under its old names, say),
and then `migrate` runs, which is always right. `unapplied()` asks Django's own
migration planner, for the development notice that must never be wrong.
"""

from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder


def migration_files():
    """{(app_label, migration_name)} for every migration file of the installed apps."""
    found = set()
    for config in apps.get_app_configs():
        folder = _migrations_folder(config)
        if folder and folder.is_dir():
            found.update(
                (config.label, file.stem)
                for file in folder.glob("[0-9]*.py")  # Django's names start with a number
            )
    return found


def _migrations_folder(config):
    # MIGRATION_MODULES may move an app's migrations, or hide them (None): the
    # debug toolbar hides its own unless it stores its data in the database.
    module = getattr(settings, "MIGRATION_MODULES", {}).get(config.label, "")
    if module is None:
        return None
    if not module:
        return Path(config.path) / "migrations"
    spec = find_spec(module)
    locations = spec.submodule_search_locations if spec else None
    return Path(next(iter(locations))) if locations else None


def fast_unapplied(using=DEFAULT_DB_ALIAS):
    """Migration files with no row in django_migrations (all of them on a new database)."""
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return sorted(migration_files())
    applied = set(recorder.applied_migrations())
    return sorted(migration_files() - applied)


def unapplied(using=DEFAULT_DB_ALIAS):
    """[(app_label, name)] that `migrate` would apply, as Django's planner sees it."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [(migration.app_label, migration.name) for migration, backwards in plan]
