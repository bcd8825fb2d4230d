"""Any saved or deleted JD starts a new generation of the library's cached counts, whichever
code path (service, admin site, import) changed it."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from civictalent.jdlibrary.models import JobDescription
from civictalent.jdlibrary.selectors import library_changed


@receiver(post_save, sender=JobDescription, dispatch_uid="jdlibrary-counts-save")
@receiver(post_delete, sender=JobDescription, dispatch_uid="jdlibrary-counts-delete")
def job_description_changed(sender: Any, **kwargs: Any) -> None:
    library_changed()
