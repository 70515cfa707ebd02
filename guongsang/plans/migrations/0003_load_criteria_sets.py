from django.db import migrations


def load(apps, schema_editor):
    from guongsang.plans.criteria_defaults import criteria_defaults_load

    criteria_defaults_load(
        apps.get_model("plans", "CriteriaSet"),
        apps.get_model("plans", "Criterion"),
        apps.get_model("titles", "Title"),
    )


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_load_fields"), ("titles", "0002_load_catalogue")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
