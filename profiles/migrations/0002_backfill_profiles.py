"""Give a profile to every user that exists before this app: post_save never ran for them."""

from django.conf import settings
from django.db import migrations


# --8<-- [start:backfill]
def backfill_profiles(apps, schema_editor):
    User = apps.get_model(settings.AUTH_USER_MODEL)
    Profile = apps.get_model("profiles", "Profile")
    missing = User.objects.filter(profile__isnull=True).values_list("pk", flat=True)
    # bulk_create sends no signals, which is fine: nothing else listens for profiles.
    Profile.objects.bulk_create(
        (Profile(user_id=pk) for pk in missing.iterator()), batch_size=500
    )


# --8<-- [end:backfill]


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(backfill_profiles, migrations.RunPython.noop)]
