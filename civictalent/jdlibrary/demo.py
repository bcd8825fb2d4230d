"""The demo library: about forty job descriptions across every job family, built from the short
role data in demo_roles.py and written through the library's own services, so their health
scores, versions, salaries and search entries are made exactly as for a council's. Demo sites
only. Each council's JDs are written by its first editor, or by a demo editor made for it
(with no usable password: it exists to be the author).
"""

from __future__ import annotations

from civictalent.accounts.models import User
from civictalent.accounts.services import user_create_verified
from civictalent.framework.models import RoleLevel
from civictalent.jdlibrary.curation import jd_mark_exemplar
from civictalent.jdlibrary.demo_roles import DEMO_ROLES, DemoRole
from civictalent.jdlibrary.models import SECTION_LABELS, JobDescription, Licence, Visibility
from civictalent.jdlibrary.services import SectionInput, jd_create, jd_publish, jd_update
from civictalent.jdlibrary.suggestions import suggestion_create
from civictalent.organisations.models import Membership, Organisation, Role
from civictalent.organisations.selectors import council_editors

DEMO_SOURCE_PREFIX = "demo-library-"
PLATFORM_ADMIN_EMAIL = "platform.admin@demo.civictalent.example"
# Who suggests changes to another council's JD: a member of Greenwich, or of Hackney.
SUGGESTERS = (
    "member.greenwich@demo.civictalent.example",
    "member.hackney@demo.civictalent.example",
)

DESIRABLE = (
    "- Experience of working in local government or another public service\n"
    "- Experience of sharing your work openly, for example through blog posts or show and tells\n\n"
    "We do not ask for a degree. If you meet most of the essential criteria, please apply."
)
BENEFITS = (
    "- 27 days' annual leave plus bank holidays, rising with service\n"
    "- The Local Government Pension Scheme\n"
    "- Hybrid and flexible working; part time and job shares welcome\n"
    "- A learning budget and time to learn, including London-wide communities of practice"
)
HOW_TO_APPLY = (
    "Send your CV and a statement of up to 800 words showing how you meet each essential "
    "criterion. Examples can come from paid work, volunteering, study or your own projects.\n\n"
    "We will send the interview questions two days before. Tell us about any adjustment you "
    "need and we will make it."
)
REVISED_HOW_TO_APPLY = (
    HOW_TO_APPLY + "\n\nWe now offer a short, informal call with the hiring manager before you "
    "apply: book one through the recruitment team."
)


def _bullets(lines: tuple[str, ...]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def demo_sections(role: DemoRole, council_name: str) -> list[SectionInput]:
    """One demo role's job description, section by section, in the library's section kinds."""
    texts = {
        "purpose": role.purpose,
        "responsibilities": "In this role you will:\n\n" + _bullets(role.duties),
        "essential": _bullets(role.essentials),
        "desirable": DESIRABLE,
        "about_council": (
            f"{council_name} is a London council. Its digital, data and technology people work "
            "with every service, from housing to social care, and share what they learn with "
            "other councils through LOTI."
        ),
        "benefits": BENEFITS,
        "how_to_apply": HOW_TO_APPLY,
    }
    return [SectionInput(kind, SECTION_LABELS[kind], text) for kind, text in texts.items()]


def pay_text(role: DemoRole) -> str:
    low, high = role.pay
    return f"£{low:,} to £{high:,} a year including London weighting"


def _author(organisation: Organisation) -> User:
    editors = council_editors(organisation.pk)  # its editors and admins
    plain_editors = Membership.objects.filter(
        organisation=organisation, role=Role.EDITOR, user__in=editors
    ).values_list("user_id", flat=True)
    if editors:
        return next((u for u in editors if u.pk in set(plain_editors)), editors[0])
    user = user_create_verified(
        email=f"editor.{organisation.slug}@demo.civictalent.example",
        password=None,  # authors only: nobody signs in as them, and no hashing slows the demo
        display_name=f"{organisation.short_name} editor",
    )
    Membership.objects.create(user=user, organisation=organisation, role=Role.EDITOR)
    return user


def _role_level(name: str) -> RoleLevel | None:
    return RoleLevel.objects.filter(framework__is_default=True, name=name).first()


def _demo_jd_create(role: DemoRole, organisation: Organisation, author: User) -> JobDescription:
    sections = demo_sections(role, organisation.name)
    jd = jd_create(
        organisation=organisation,
        author=author,
        title=role.title,
        sections=sections,
        role_level=_role_level(role.role_level),
        pay_text=pay_text(role),
        contract="permanent",
        working_pattern="Full time, 36 hours a week",
        location=f"{organisation.short_name}, hybrid",
        source_kind="pasted",
        source_filename=f"{DEMO_SOURCE_PREFIX}{role.reference}",
    )
    if role.revised:
        jd = jd_update(
            jd=jd,
            author=author,
            sections=[
                SectionInput(s.kind, s.heading, REVISED_HOW_TO_APPLY)
                if s.kind == "how_to_apply"
                else s
                for s in sections
            ],
        )
    if role.council_only:
        jd_publish(jd=jd, author=author, visibility=Visibility.COUNCIL)
    else:
        jd_publish(
            jd=jd, author=author, visibility=Visibility.MEMBERS, licence=Licence.OGL, consent=True
        )
    jd.refresh_from_db()
    return jd


def demo_library_load() -> int:
    """Create the demo library's JDs that are missing (by reference); returns how many."""
    existing = set(
        JobDescription.objects.filter(source_filename__startswith=DEMO_SOURCE_PREFIX).values_list(
            "source_filename", flat=True
        )
    )
    councils = Organisation.objects.in_bulk(
        {role.council for role in DEMO_ROLES}, field_name="slug"
    )
    curator = User.objects.filter(email=PLATFORM_ADMIN_EMAIL).first()
    suggesters = list(User.objects.filter(email__in=SUGGESTERS).order_by("email"))
    authors: dict[int, User] = {}
    created = 0
    for role in DEMO_ROLES:
        organisation = councils.get(role.council)
        if organisation is None or f"{DEMO_SOURCE_PREFIX}{role.reference}" in existing:
            continue
        if organisation.pk not in authors:
            authors[organisation.pk] = _author(organisation)
        jd = _demo_jd_create(role, organisation, authors[organisation.pk])
        if role.exemplar and curator is not None:
            jd_mark_exemplar(jd=jd, by=curator, reason=role.exemplar)
        outsiders = [u for u in suggesters if not u.memberships.filter(organisation=organisation)]
        if role.suggestion and outsiders:
            suggestion_create(jd=jd, author=outsiders[0], text=role.suggestion)
        created += 1
    return created
