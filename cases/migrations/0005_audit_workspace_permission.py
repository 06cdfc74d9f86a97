from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_rendered_documents"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="caseevent",
            options={
                "ordering": ["seq"],
                "permissions": [("audit_cases", "Can use the auditor workspace")],
                "verbose_name": "case event",
                "verbose_name_plural": "case events",
            },
        ),
    ]
