"""Load the project's own starter framework, so a fresh install has roles without the CSV."""

from django.db import migrations


def load(apps, schema_editor):
    from civictalent.framework.loading import FrameworkModels
    from civictalent.framework.services import framework_load_starter

    framework_load_starter(
        FrameworkModels(
            framework=apps.get_model("framework", "Framework"),
            family=apps.get_model("framework", "JobFamily"),
            role=apps.get_model("framework", "Role"),
            role_level=apps.get_model("framework", "RoleLevel"),
            skill=apps.get_model("framework", "Skill"),
            need=apps.get_model("framework", "RoleLevelSkill"),
        )
    )


class Migration(migrations.Migration):
    dependencies = [("framework", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
