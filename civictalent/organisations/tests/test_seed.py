import pytest

from civictalent.organisations.london import (
    LOTI_MEMBER_SLUGS,
    loti_members_mark,
    seed_organisations,
)
from civictalent.organisations.models import Organisation, OrganisationDomain


@pytest.mark.django_db
def test_every_install_has_the_33_london_authorities_with_their_gss_codes() -> None:
    codes = sorted(
        str(code)
        for code in Organisation.objects.exclude(gss_code=None).values_list("gss_code", flat=True)
    )
    assert codes == [f"E090000{number:02d}" for number in range(1, 34)]
    assert Organisation.objects.get(gss_code="E09000001").short_name == "City of London"
    assert Organisation.objects.get(gss_code="E09000033").short_name == "Westminster"
    assert Organisation.objects.get(gss_code="E09000012").name == "London Borough of Hackney"
    assert Organisation.objects.filter(kind="london_borough").count() == 32
    assert Organisation.objects.filter(slug="loti", kind="loti").exists()


@pytest.mark.django_db
def test_the_known_loti_members_start_marked_and_admins_keep_the_last_word() -> None:
    members = set(Organisation.objects.filter(is_loti_member=True).values_list("slug", flat=True))
    assert members == LOTI_MEMBER_SLUGS
    assert not Organisation.objects.get(slug="bexley").is_loti_member
    # Once a platform admin has set membership, marking again changes nothing.
    Organisation.objects.update(is_loti_member=False)
    Organisation.objects.filter(slug="bexley").update(is_loti_member=True)
    assert loti_members_mark(Organisation) == 0
    assert list(
        Organisation.objects.filter(is_loti_member=True).values_list("slug", flat=True)
    ) == ["bexley"]
    assert OrganisationDomain.objects.get(domain="hackney.gov.uk").organisation.slug == "hackney"


@pytest.mark.django_db
def test_seeding_again_changes_nothing() -> None:
    before = Organisation.objects.count()
    assert seed_organisations(Organisation, OrganisationDomain) == 0
    assert Organisation.objects.count() == before == 34
