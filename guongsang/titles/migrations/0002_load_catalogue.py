from django.db import migrations


def load(apps, schema_editor):
    from guongsang.titles.catalogue import catalogue_load

    catalogue_load(apps.get_model("titles", "Title"))


class Migration(migrations.Migration):
    dependencies = [("titles", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
