from importlib import import_module

from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = "Exercises"

    def ready(self):
        # The learner's files hold receivers; importing them connects them, as
        # an app's ready() imports its signals module.
        from .manifest import load_manifest

        for exercise in load_manifest():
            import_module(exercise.module)
