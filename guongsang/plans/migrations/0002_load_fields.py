from django.db import migrations


def load(apps, schema_editor):
    from guongsang.plans.fields_catalogue import fields_load

    fields_load(apps.get_model("plans", "Field"))


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
