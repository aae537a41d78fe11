"""Test-only models for "Who is the sender?": tables are made per test."""

from django.db import models
from django.test.utils import isolate_apps

# Django 6.1 added foreign keys whose ON DELETE the database carries out.
DB_CASCADE = getattr(models, "DB_CASCADE", None)

with isolate_apps("signals_lab"):

    class Place(models.Model):
        name = models.CharField(max_length=50)

        class Meta:
            app_label = "signals_lab"

        def __str__(self):
            return self.name

    class ShownPlace(Place):
        """A proxy: same table, another class, another sender."""

        class Meta:
            proxy = True
            app_label = "signals_lab"

    class Restaurant(Place):
        """Multi-table inheritance: a table of its own, linked to Place's."""

        cuisine = models.CharField(max_length=50)

        class Meta:
            app_label = "signals_lab"

    class Draft(models.Model):
        title = models.CharField(max_length=50)

        class Meta:
            app_label = "signals_lab"

        def __str__(self):
            return self.title

        def save(self, *args, **kwargs):
            # --8<-- [start:no_super]
            self.title = self.title.strip()
            # ...and forgot `super().save(*args, **kwargs)`: nothing is written
            # --8<-- [end:no_super]

    MODELS = (Place, Restaurant, Draft)

    if DB_CASCADE is not None:

        class Shelf(models.Model):
            label = models.CharField(max_length=50)

            class Meta:
                app_label = "signals_lab"

            def __str__(self):
                return self.label

        class Book(models.Model):
            shelf = models.ForeignKey(Shelf, on_delete=DB_CASCADE)
            title = models.CharField(max_length=50)

            class Meta:
                app_label = "signals_lab"

            def __str__(self):
                return self.title

        CASCADE_MODELS = (Shelf, Book)
