"""Plan file checks: every error with its location, nothing saved unless all is valid."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from guongsang.orgs.models import Unit
from guongsang.plans.models import CriteriaSet, Plan
from guongsang.plans.planfile import plan_file_import
from tests.plans.conftest import plan_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

BAD = """
plan:
  number: 1/KH-own_child
  title: Trùng số
  issuer: Phòng Thi đua - Khen thưởng
  period: {from: 2025, to: 2021}
  implements: ["999/KH-UBND"]
  colour: red
milestones:
  - {kind: congress, title: Đại hội, due: 31/02/2025}
criteria_sets:
  - code: ho
    name: Hộ
    subject_kind: household
    criteria:
      - {kind: title_streak, label: GĐVH, params: {titles: [khong-co], years: 3}}
movements:
  - name: A
    lead: Không có
    fields: [khong-co]
    criteria_sets: [ho, chua-co]
    targets:
      - {subject_kind: household, minimum: 0}
      - {subject_kind: household, minimum: 2}
quotas:
  - {title: Q, applies_to: listed}
"""


def test_every_error_is_reported_with_its_location(tree, plans):
    sets_before = CriteriaSet.objects.count()
    result = plan_file_import(BAD, actor=None)
    assert set(result.errors) >= {
        "plan.colour: unknown key",
        "plan.period.to: is before the start year",
        "milestones[1].due: must be a date (yyyy-mm-dd or dd/mm/yyyy)",
        "movements[1].targets[1].minimum: must be a positive whole number",
        "movements[1].targets[2].subject_kind: has a target already",
        "quotas[1].units: list the units when applies_to is “listed”",
        "plan.implements[1]: no plan is numbered “999/KH-UBND”",
        "movements[1].lead: unknown unit “Không có”",
        "movements[1].fields[1]: unknown field “khong-co”",
        "movements[1].criteria_sets[2]: unknown criteria set “chua-co”",
        "plan.number: “Phòng Thi đua - Khen thưởng” already has a plan numbered 1/KH-own_child",
    }
    assert any(
        e.startswith("criteria_sets[1].criteria: ") and "khong-co" in e for e in result.errors
    )
    assert Plan.objects.count() == 4 and CriteriaSet.objects.count() == sets_before


def test_yaml_syntax_error_names_the_line(db):
    result = plan_file_import("plan:\n  title: [a\n", actor=None)
    assert len(result.errors) == 1 and result.errors[0].startswith("YAML syntax error at line")


def test_wrong_types_are_errors(db):
    result = plan_file_import("- a\n- b\n", actor=None)
    assert result.errors == ["The file must be an object with a “plan” key."]
    result = plan_file_import("plan: {title: X, period: 2021, issuer: {kind: nope}}", actor=None)
    assert "plan.period: must be an object (key: value)" in result.errors
    assert "plan.issuer: give the unit's code or name" in result.errors


def test_missing_units_are_created_under_the_issuer_only_when_asked(tree):
    text = "plan:\n  title: X\n  issuer: {code: SNV, name: Sở Nội vụ%s}\n  period: {from: 2023, to: 2023}\nmovements:\n  - {name: A, lead: Phòng Mới}\n"  # noqa: E501
    Unit.objects.filter(pk=tree["own"].pk).update(code="SNV")
    refused = plan_file_import(text % "", actor=None)
    assert refused.errors == ["movements[1].lead: unknown unit “Phòng Mới”"]
    assert not Unit.objects.filter(name="Phòng Mới").exists()
    created = plan_file_import(text % ", create_missing_units: true", actor=None)
    assert created.errors == [] and created.created_units == ["Phòng Mới"]
    lead = created.plan.movements.get().lead_unit
    assert lead.path.startswith(tree["own"].path) and lead.depth == tree["own"].depth + 1


def test_implements_an_existing_plan_by_number(tree):
    province = plan_create(tree["parent"], number="12065/KH-UBND")
    text = "plan:\n  title: Sở\n  issuer: Sở Nội vụ\n  period: {from: 2023, to: 2025}\n  implements: [12065/KH-UBND]\n"  # noqa: E501
    result = plan_file_import(text, actor=None)
    assert result.errors == []
    assert list(result.plan.implements.all()) == [province]


def test_command_dry_run_saves_nothing_and_errors_fail(tree, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("plan:\n  title: Lệnh\n  period: {from: 2023, to: 2025}\n", encoding="utf-8")
    Unit.objects.filter(pk=tree["own"].pk).update(code="SNV")
    out = StringIO()
    call_command("plans_import", str(good), "--issuer-code", "SNV", "--dry-run", stdout=out)
    assert "valid" in out.getvalue() and not Plan.objects.exists()
    call_command("plans_import", str(good), "--issuer-code", "SNV", stdout=StringIO())
    assert Plan.objects.get().issuer == tree["own"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("plan:\n  title: X\n  period: {from: 2023, to: 1}\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was saved"):
        call_command("plans_import", str(bad), "--issuer-code", "SNV", stderr=err)
    assert "plan.period.to" in err.getvalue()
