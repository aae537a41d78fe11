# The delivery state of an order email (orders/delivery.py): a stable Message-ID,
# a status, an attempt count and a lease. Existing rows get a Message-ID each.

from django.db import migrations, models

import orders.models


def give_each_row_a_message_id(apps, schema_editor):
    OrderEmail = apps.get_model("orders", "OrderEmail")
    for email in OrderEmail.objects.all().only("pk"):
        email.message_id = orders.models.new_message_id()
        # Rows sent before this migration are sent.
        email.save(update_fields=["message_id"])
    OrderEmail.objects.filter(sent_at__isnull=False).update(status="sent")


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="orderemail",
            name="message_id",
            field=models.CharField(max_length=200, default="", blank=True),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="orderemail",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Queued"),
                    ("sending", "Sending"),
                    ("sent", "Sent"),
                    ("failed", "Refused by the mail server"),
                    ("dead", "Gave up"),
                ],
                default="pending",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="orderemail",
            name="attempts",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="orderemail",
            name="claimed_until",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="orderemail",
            name="last_error",
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.RunPython(give_each_row_a_message_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="orderemail",
            name="message_id",
            field=models.CharField(
                default=orders.models.new_message_id, max_length=200, unique=True
            ),
        ),
    ]
