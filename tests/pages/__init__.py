"""Each part of the platform lists its own pages for the permission walker and the query budgets.

A module here defines:

- ``EXPECTED``: URL name -> the outcome for each role (see tests/test_permission_walker.py);
- ``BUDGETS``: URL name -> the most queries the page may run (see tests/test_query_budgets.py);
- ``url_kwargs(name, people)``: the URL's arguments, creating what it needs, or None if the
  name is not this module's;
- ``prepare_data_for(name)``: anything else the page needs before it is read;
- ``build_page_data(people)``: enough rows that a query per row would break a budget.
"""

from __future__ import annotations

from types import ModuleType

from tests.pages import alerts, jobs_approval, jobs_find, jobs_imports, jobs_manage

AREAS: tuple[ModuleType, ...] = (jobs_find, jobs_manage, jobs_approval, jobs_imports, alerts)

from tests.pages import accounts_privacy  # noqa: E402

AREAS += (accounts_privacy,)

from tests.pages import salaries_open_data  # noqa: E402

AREAS += (salaries_open_data,)

from tests.pages import api_tokens  # noqa: E402

AREAS += (api_tokens,)

from tests.pages import (  # noqa: E402
    maturity_assessments,
    maturity_capabilities,
    maturity_results,
    maturity_roadmap,
)

AREAS += (maturity_capabilities, maturity_assessments, maturity_results, maturity_roadmap)
