"""Exemplars' public profiles and the consent that lets a person be published."""

import pytest
from django.core.exceptions import PermissionDenied

from guongsang.common.errors import DomainError
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.stories import services
from guongsang.stories.enums import ProfileStatus
from guongsang.stories.selectors import public_profiles
from tests import factories
from tests.stories.conftest import register

pytestmark = pytest.mark.django_db


def _profile(exemplar, actor, **fields):
    fields = {"headline": "Cô giáo vùng cao", "public_summary": "Mười năm bám bản.", **fields}
    return services.profile_create_or_update(exemplar=exemplar, actor=actor, **fields)


def test_profile_is_made_once_then_updated_with_plain_text(editor, person_exemplar):
    profile = _profile(person_exemplar, editor, headline="<b>Cô giáo</b><script>x()</script>")
    again = services.profile_create_or_update(
        exemplar=person_exemplar, actor=editor, public_summary="Hai mươi năm <i>bám bản</i>."
    )

    assert again.pk == profile.pk and again.status == ProfileStatus.DRAFT
    assert again.headline == "Cô giáo"
    assert again.public_summary == "Hai mươi năm bám bản."
    assert "nguyen thi hoa" in again.search_text and "hai muoi nam" in again.search_text


def test_profile_video_links_must_be_web_addresses(editor, person_exemplar):
    with pytest.raises(DomainError):
        _profile(person_exemplar, editor, video_urls="javascript:alert(1)")
    profile = _profile(person_exemplar, editor, video_urls=" https://youtu.be/abc \n\n")
    assert profile.video_urls == "https://youtu.be/abc"


def test_profile_only_for_presentable_exemplars(tree, plan, editor):
    person = factories.person_create(unit=tree["own_child"])
    proposed = register(person, plan, status=ExemplarStatus.PROPOSED)

    with pytest.raises(DomainError):
        _profile(proposed, editor)


def test_person_is_not_published_without_consent(editor, person_exemplar):
    profile = _profile(person_exemplar, editor)

    with pytest.raises(DomainError):
        services.profile_publish(profile=profile, actor=editor)
    with pytest.raises(DomainError):  # consent given needs the how
        services.consent_record(profile=profile, given=True, note=" ", actor=editor)

    profile = services.consent_record(
        profile=profile, given=True, note="Phiếu đồng ý ngày 12/03/2025", actor=editor
    )
    assert (profile.consent_recorded_by, profile.consent_recorded_at is not None) == (editor, True)
    profile = services.profile_publish(profile=profile, actor=editor)
    assert profile.status == ProfileStatus.PUBLISHED
    assert list(public_profiles()) == [profile]


def test_household_needs_consent_collective_does_not(
    editor, household_exemplar, collective_exemplar
):
    household = _profile(household_exemplar, editor)
    collective = _profile(collective_exemplar, editor)

    with pytest.raises(DomainError):
        services.profile_publish(profile=household, actor=editor)
    assert services.profile_publish(profile=collective, actor=editor).status == "published"


def test_consent_withdrawn_withdraws_the_published_profile(editor, person_exemplar):
    profile = _profile(person_exemplar, editor)
    services.consent_record(profile=profile, given=True, note="Đồng ý bằng văn bản", actor=editor)
    services.profile_publish(profile=profile, actor=editor)
    services.profile_feature(profile=profile, featured=True, actor=editor)

    profile = services.consent_record(profile=profile, given=False, note="Rút lại", actor=editor)

    assert (profile.status, profile.is_featured, profile.consent_given) == (
        ProfileStatus.WITHDRAWN,
        False,
        False,
    )
    assert not public_profiles().exists()


def test_withdraw_and_feature(editor, collective_exemplar):
    profile = _profile(collective_exemplar, editor)
    with pytest.raises(DomainError):
        services.profile_feature(profile=profile, featured=True, actor=editor)
    with pytest.raises(DomainError):
        services.profile_withdraw(profile=profile, actor=editor)
    services.profile_publish(profile=profile, actor=editor)

    profile = services.profile_feature(profile=profile, featured=True, actor=editor)
    assert profile.is_featured
    profile = services.profile_withdraw(profile=profile, actor=editor, reason="Cập nhật lại")
    assert (profile.status, profile.is_featured) == (ProfileStatus.WITHDRAWN, False)
    assert profile.history.first().history_change_reason == "Cập nhật lại"


@pytest.mark.parametrize("who", ["officer", "outside_editor"])
def test_profile_changes_refused_out_of_role_or_scope(request, editor, person_exemplar, who):
    actor = request.getfixturevalue(who)
    profile = _profile(person_exemplar, editor)

    with pytest.raises(PermissionDenied):
        _profile(person_exemplar, actor)
    with pytest.raises(PermissionDenied):
        services.consent_record(profile=profile, given=True, note="x", actor=actor)
    with pytest.raises(PermissionDenied):
        services.profile_publish(profile=profile, actor=actor)


def test_admin_may_change_any_profile(admin, sibling_exemplar):
    profile = _profile(sibling_exemplar, admin)
    assert profile.history.first().history_user == admin


def test_an_exemplar_sent_up_for_a_higher_level_stays_presentable():
    from types import SimpleNamespace

    from guongsang.stories.eligibility import may_be_public

    def exemplar(status, level):
        return SimpleNamespace(status=status, level=level, origin="registered", discovery_kind="")

    assert may_be_public(exemplar("proposed", "unit"))
    assert may_be_public(exemplar("under_review", "sector"))
    assert not may_be_public(exemplar("proposed", ""))
