"""The framework's part of the demo data and the generator (see core/generation/base.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from civictalent.core.generation.base import Context, Progress, Step
from civictalent.core.generation.scales import Scale
from civictalent.framework.models import Framework, RoleLevel
from civictalent.framework.services import framework_import_ddat, framework_load_starter


@dataclass(frozen=True)
class Level:
    pk: int
    name: str
    rank: int
    family: str


def levels(context: Context) -> list[Level]:
    """The default framework's current role levels, for steps that give rows a role level."""

    def read() -> list[Level]:
        return [
            Level(level.pk, level.name, level.rank, level.role.family.name)
            for level in RoleLevel.objects.filter(framework__is_default=True, is_current=True)
            .select_related("role__family")
            .order_by("slug")
        ]

    return context.memo("levels", read)


class FrameworkStep(Step):
    name = "framework"
    description = "the DDaT framework from the shared datasets when they are there"

    def target(self, scale: Scale) -> int:
        return 1

    @staticmethod
    def ddat_files() -> Path | None:
        folder = Path(settings.BASE_DIR).parent / "shared" / "datasets" / "ddat"
        return folder if (folder / "roles.csv").exists() else None

    def existing(self, context: Context) -> int:
        defaults = Framework.objects.filter(is_default=True)
        if self.ddat_files() is not None:
            # The migration loads the small starter framework; DDaT replaces it when we can.
            defaults = defaults.exclude(slug="starter")
        return int(defaults.exists())

    def run(self, context: Context, progress: Progress) -> int:
        if self.existing(context):
            progress(1, 1, "")
            return 0
        ddat = self.ddat_files()
        if ddat is not None:
            framework_import_ddat(roles_path=ddat / "roles.csv", skills_path=ddat / "skills.csv")
        else:
            framework_load_starter()
        context.forget("levels")
        progress(1, 1, "")
        return 1


GENERATION_STEPS = (FrameworkStep(),)
