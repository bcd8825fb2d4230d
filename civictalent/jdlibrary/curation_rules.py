"""Who may curate the job description library: mark and unmark exemplars."""

from civictalent.core.predicates import add_permission, is_platform_admin

add_permission("jdlibrary.curate", is_platform_admin)
