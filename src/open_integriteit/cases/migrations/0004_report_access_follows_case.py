"""Access to a report that is part of a case now follows the case (ADR 0015): nothing is
copied from the case onto its reports any more. Remove what was stored twice:

- every report-level assignment of a report in a case (they were copies of the case's
  assignments, or are overridden by the case's team now);
- every report-level implication made at or after the same person was implicated in the
  report's case (the copies ``case_mark_implicated`` and ``case_add_report`` made). A mark
  made on a report before the case mark is the report's own and stays.

Backwards, the copies are made again, so the previous code finds what it expects.
"""

from django.db import migrations


def remove_copies(apps, schema_editor):
    Assignment = apps.get_model("reports", "Assignment")
    Implication = apps.get_model("reports", "Implication")
    CaseImplication = apps.get_model("cases", "CaseImplication")
    Assignment.objects.filter(report__case_link__isnull=False).delete()
    for mark in CaseImplication.objects.all().iterator():
        Implication.objects.filter(
            report__case_link__case_id=mark.case_id, user_id=mark.user_id, created_at__gte=mark.created_at
        ).delete()


def copy_again(apps, schema_editor):
    Assignment = apps.get_model("reports", "Assignment")
    Implication = apps.get_model("reports", "Implication")
    CaseAssignment = apps.get_model("cases", "CaseAssignment")
    CaseImplication = apps.get_model("cases", "CaseImplication")
    CaseReport = apps.get_model("cases", "CaseReport")
    for link in CaseReport.objects.all().iterator():
        for assignment in CaseAssignment.objects.filter(case_id=link.case_id):
            Assignment.objects.get_or_create(
                report_id=link.report_id, user_id=assignment.user_id, defaults={"assigned_by_id": assignment.assigned_by_id}
            )
        for mark in CaseImplication.objects.filter(case_id=link.case_id):
            Implication.objects.get_or_create(
                report_id=link.report_id, user_id=mark.user_id, defaults={"marked_by_id": mark.marked_by_id}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_case_implication_withdrawal"),
        ("reports", "0003_identity_grant_and_implication_withdrawal"),
    ]

    operations = [migrations.RunPython(remove_copies, copy_again)]
