"""Ratings remember the registered worker the case was assigned to (not only her name), so two
workers of one name are never mixed up in satisfaction figures."""

import django.db.models.deletion
from django.db import migrations, models


def remember_registered_workers(apps, schema_editor):
    """Existing ratings: the case's registered worker, where the name recorded on the rating is
    hers (a rating made before a re-assignment keeps counting by name)."""
    Rating = apps.get_model("services", "Rating")
    ratings = Rating.objects.filter(
        worker__isnull=True, application__assigned_worker__isnull=False
    ).select_related("application__assigned_worker")
    for rating in ratings.iterator():
        worker = rating.application.assigned_worker
        if worker.name == rating.social_worker:
            Rating.objects.filter(pk=rating.pk).update(worker=worker)


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0005_merge_workers_online_and_phone"),
        ("services", "0008_merge_ratings_and_casework"),
    ]

    operations = [
        migrations.AddField(
            model_name="rating",
            name="worker",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="评价时个案分派的登记社工；她的满意度按这一项统计",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="ratings",
                to="careers.socialworker",
                verbose_name="负责社工（登记）",
            ),
        ),
        migrations.RunPython(remember_registered_workers, migrations.RunPython.noop),
    ]
