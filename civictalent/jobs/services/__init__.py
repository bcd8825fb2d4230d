"""Every change to a vacancy: write, submit, approve (publish or return), withdraw, close,
extend, archive, the library offer made when it closes, and how a council's adverts are
approved.

Each service checks its input and says what is wrong in words a person can act on
(``ValidationError`` with a message per field, keyed by ``VacancyFields`` names), changes the
vacancy in one transaction, writes the audit log, reindexes the vacancy for search and queues
its emails (sent after commit). Nothing is saved when anything is wrong.

One module per concern:

- ``checking``: what was typed, and what publishing needs
- ``writing``: a new draft, and changes to its content
- ``transitions``: every status change, declared once in one table and made by one function
- ``lifecycle``: the status changes as callers ask for them (submit, publish, return, close...)
- ``notices``: who is told, and the closing reminder
- ``approval``: how a council's adverts are approved, its named publishers, and spot checks
- ``health``: the health check of a vacancy's text
- ``library_offer``: the offer of a closed vacancy's JD to the library
- ``counting``: views and apply clicks

Callers import from here; the modules are how the package is laid out, not its interface.
"""

from civictalent.jobs.services.approval import (
    APPROVED_BY,
    council_approval_update,
    council_publishers_update,
    vacancy_spot_check_confirm,
)
from civictalent.jobs.services.checking import fields_of, publish_problems
from civictalent.jobs.services.counting import COUNTED, vacancy_count
from civictalent.jobs.services.health import vacancy_checked_text, vacancy_health_report
from civictalent.jobs.services.library_offer import library_sections, vacancy_offer_decide
from civictalent.jobs.services.lifecycle import (
    Submitted,
    vacancy_archive,
    vacancy_close,
    vacancy_extend,
    vacancy_publish,
    vacancy_reject,
    vacancy_submit,
    vacancy_withdraw,
)
from civictalent.jobs.services.notices import (
    approvers_of,
    editors_to_tell,
    moderators,
    vacancy_remind,
)
from civictalent.jobs.services.transitions import (
    KEPT_AFTER_CLOSING,
    TRANSITIONS,
    closed_by_time,
    vacancy_transition,
)
from civictalent.jobs.services.writing import EDITABLE_STATUSES, vacancy_create, vacancy_update

__all__ = [
    "APPROVED_BY",
    "COUNTED",
    "EDITABLE_STATUSES",
    "KEPT_AFTER_CLOSING",
    "TRANSITIONS",
    "Submitted",
    "approvers_of",
    "closed_by_time",
    "council_approval_update",
    "council_publishers_update",
    "editors_to_tell",
    "fields_of",
    "library_sections",
    "moderators",
    "publish_problems",
    "vacancy_archive",
    "vacancy_checked_text",
    "vacancy_close",
    "vacancy_count",
    "vacancy_create",
    "vacancy_extend",
    "vacancy_health_report",
    "vacancy_offer_decide",
    "vacancy_publish",
    "vacancy_reject",
    "vacancy_remind",
    "vacancy_spot_check_confirm",
    "vacancy_submit",
    "vacancy_transition",
    "vacancy_update",
    "vacancy_withdraw",
]
