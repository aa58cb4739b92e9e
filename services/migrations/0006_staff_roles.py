"""The four staff roles as Django groups. Their permissions are added by
services.access.sync_roles after every migrate (models of later migrations included)."""

from django.db import migrations

ROLES = ["街道社工站工作人员", "区社工总站", "区民政局招聘工作人员", "只读查看"]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("services", "0005_personal_data_exports"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
