from django.apps import AppConfig
from django.conf import settings


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = "Exercises"

    def ready(self):
        # The learner's files hold receivers; importing them connects them, as
        # an app's ready() imports its signals module. One broken file only
        # fails its own exercise (exercises/loading.py). The test settings turn
        # this off, so the suite passes whatever the learner's files hold.
        if getattr(settings, "EXERCISES_LOAD_LEARNER_FILES", True):
            from django.utils.autoreload import autoreload_started

            from .loading import load_all, watch_learner_files
            from .manifest import load_manifest

            load_all(load_manifest())
            autoreload_started.connect(watch_learner_files, dispatch_uid="exercises.watch")
