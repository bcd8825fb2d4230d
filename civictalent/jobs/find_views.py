"""How candidates find vacancies: the board, its RSS and Atom feeds, the councils list and
saved searches. Every view reads the search with ``criteria_from_query`` so a search means the
same thing on the board, in a feed, in a saved search and in an alert."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, cast
from urllib.parse import parse_qsl, urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import dateformat, timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_POST, require_safe

from civictalent.accounts.models import User
from civictalent.core.emails import site_url
from civictalent.core.forms import GovukFormMixin
from civictalent.core.money import pence_from_pounds, pounds_text
from civictalent.core.numbers import parse_bounded_int
from civictalent.core.page_cache import cached_for_anonymous
from civictalent.core.paging import CountedPaginator
from civictalent.core.permissions import permission, public
from civictalent.jobs import selectors
from civictalent.jobs.board_links import search_token, vacancy_link
from civictalent.jobs.criteria import (
    DEFAULT_SORT,
    POSTED_WITHIN_DAYS,
    SORTS,
    SearchCriteria,
    criteria_from_query,
)
from civictalent.jobs.criteria_words import criteria_in_words, describe
from civictalent.jobs.models import SavedSearch, Vacancy
from civictalent.jobs.pay import range_text
from civictalent.jobs.saved_searches import (
    MAX_NAME,
    saved_search_create,
    saved_search_delete,
    saved_searches_of,
)


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _alerts_url(criteria: SearchCriteria) -> str | None:
    """The alerts sign-up for this search, when the alerts part is installed."""
    try:
        subscribe = reverse("alerts:subscribe")
    except NoReverseMatch:
        return None
    query = criteria.to_query_string(include_sort=False)
    return f"{subscribe}?{query}" if query else subscribe


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


def _query_without_page(request: HttpRequest) -> str:
    return urlencode(
        [(key, value) for key, values in request.GET.lists() if key != "page" for value in values]
    )


# --- the board -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SelectedFilter:
    legend: str
    label: str
    remove_query: str  # the canonical query without this filter


def _selected_filters(board: selectors.Board) -> list[SelectedFilter]:
    """The search's filters, each with a link that removes it (for "no results" advice too)."""
    criteria = board.criteria
    chosen: list[SelectedFilter] = []

    def add(legend: str, label: str, without: SearchCriteria) -> None:
        chosen.append(SelectedFilter(legend, label, without.to_query_string()))

    if criteria.keywords:
        add("Keywords", f"“{criteria.keywords}”", replace(criteria, keywords=""))
    for facet in board.facets:
        values: tuple[str, ...] = getattr(criteria, _CRITERIA_FIELD[facet.name])
        labels = {option.value: option.label for option in facet.options}
        for value in values:
            rest: dict[str, Any] = {
                _CRITERIA_FIELD[facet.name]: tuple(other for other in values if other != value)
            }
            add(facet.legend, labels.get(value, value), replace(criteria, **rest))
    if criteria.min_salary is not None:
        add(
            "Minimum salary",
            f"{pounds_text(pence_from_pounds(criteria.min_salary))} a year",
            replace(criteria, min_salary=None),
        )
    if criteria.posted_within_days is not None:
        add(
            "Posted",
            POSTED_WITHIN_DAYS[criteria.posted_within_days],
            replace(criteria, posted_within_days=None),
        )
    return chosen


_CRITERIA_FIELD = {
    "family": "families",
    "level": "levels",
    "council": "councils",
    "pattern": "patterns",
    "contract": "contracts",
    "workplace": "workplaces",
}


def _default_name(board: selectors.Board) -> str:
    words = criteria_in_words(
        board.criteria, family_names=board.family_names, council_names=board.council_names
    )
    return "; ".join(words)[:MAX_NAME]


@dataclass(frozen=True)
class ResultRow:
    """What one result shows, formatted once here: a page of results is rendered on every
    search, and a template variable costs far more than a Python attribute."""

    vacancy: Vacancy
    url: str
    pay: str
    place: str
    contract: str
    closes: str
    closes_iso: str
    posted: str
    posted_iso: str


def _result_row(vacancy: Vacancy, search: str) -> ResultRow:
    place = vacancy.location or vacancy.organisation.short_name
    if vacancy.workplace:
        place = f"{place} ({vacancy.get_workplace_display().lower()})"
    contract = vacancy.get_contract_display() or "Not given"
    if vacancy.working_pattern:
        contract = f"{contract}, {vacancy.get_working_pattern_display().lower()}"
    published = timezone.localtime(vacancy.published_at) if vacancy.published_at else None
    return ResultRow(
        vacancy=vacancy,
        url=vacancy_link(reverse("jobs:vacancy", kwargs={"pk": vacancy.pk}), search),
        pay=range_text(vacancy.annual_min_pence, vacancy.annual_max_pence)
        or vacancy.pay_text
        or "Not given",
        place=place,
        contract=contract,
        closes=_closing(vacancy),
        closes_iso=vacancy.closes_at.isoformat(timespec="seconds") if vacancy.closes_at else "",
        posted=dateformat.format(published, "j F Y") if published else "Not given",
        posted_iso=published.isoformat(timespec="seconds") if published else "",
    )


_CHECKBOX = (
    '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="{}-{}" '
    'name="{}" type="checkbox" value="{}"{}><label class="govuk-label '
    'govuk-checkboxes__label" for="{}-{}">{} <span class="govuk-hint govuk-!-display-inline">'
    '({}<span class="govuk-visually-hidden"> {}</span>)</span></label></div>'
)


def _checkboxes(facet: selectors.Facet) -> SafeString:
    """A filter's checkboxes, each with the number of jobs ticking it would give."""
    return format_html_join(
        "",
        _CHECKBOX,
        (
            (
                facet.name,
                number,
                facet.name,
                option.value,
                mark_safe(" checked") if option.selected else "",
                facet.name,
                number,
                option.label,
                option.count,
                "job" if option.count == 1 else "jobs",
            )
            for number, option in enumerate(facet.options, start=1)
        ),
    )


@cached_for_anonymous
@public
@require_safe
def board(request: HttpRequest) -> HttpResponse:
    criteria = criteria_from_query(dict(request.GET.lists()))
    canonical = criteria.to_query_string()
    page_number = request.GET.get("page", "")
    if not criteria.problems and _query_without_page(request) != canonical:
        # One address per search, so shared links, saved searches and caches agree.
        query = canonical
        if (parse_bounded_int(page_number) or 0) > 1:
            query = f"{query}&page={page_number}" if query else f"page={page_number}"
        return HttpResponseRedirect(_with_query(reverse("jobs:board"), query))
    found = selectors.board_search(criteria)
    page = CountedPaginator(found.ordered_ids, selectors.PER_PAGE, count=found.total).get_page(
        page_number
    )
    vacancies = selectors.vacancies_in_order(page.object_list, found.councils)
    saved: SavedSearch | None = None
    can_save = request.user.has_perm("jobs.save_search")
    if can_save and not criteria.is_empty:
        saved = SavedSearch.objects.filter(user=_user(request), query_string=canonical).first()
    feed_query = criteria.to_query_string(include_sort=False)
    search = search_token(canonical, page.number)
    selected = _selected_filters(found)
    return render(
        request,
        "jobs/board.html",
        {
            "criteria": criteria,
            "board": found,
            "page": page,
            "results": [_result_row(vacancy, search) for vacancy in vacancies],
            "facets": [(facet, _checkboxes(facet)) for facet in found.facets if facet.options],
            "selected_filters": selected,
            "query": canonical,
            "page_query_prefix": f"{canonical}&" if canonical else "",
            "sort_hidden": _pairs(replace(criteria, sort=DEFAULT_SORT)),
            "sorts": SORTS,
            "posted_options": POSTED_WITHIN_DAYS,
            "rss_url": _with_query(reverse("jobs:feed_rss"), feed_query),
            "atom_url": _with_query(reverse("jobs:feed_atom"), feed_query),
            "alerts_url": _alerts_url(criteria),
            "can_save": can_save and not criteria.is_empty,
            "saved": saved,
            "save_form": SaveSearchForm(initial={"name": _default_name(found), "query": canonical}),
            "in_words": criteria_in_words(
                criteria, family_names=found.family_names, council_names=found.council_names
            ),
        },
    )


def _pairs(criteria: SearchCriteria) -> list[tuple[str, str]]:
    return parse_qsl(criteria.to_query_string())


# --- feeds -----------------------------------------------------------------------------------


def _closing(vacancy: Vacancy) -> str:
    if vacancy.closes_at is None:
        return ""
    closes = timezone.localtime(vacancy.closes_at)
    return f"{dateformat.format(closes, 'j F Y')} at {dateformat.format(closes, 'g:iA').lower()}"


# Characters XML 1.0 cannot hold (a search or an imported advert may contain them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _feed(request: HttpRequest, kind: type[Rss201rev2Feed] | type[Atom1Feed]) -> HttpResponse:
    """Links on settings.SITE_URL, never the host the request names: a feed is cached and
    copied into readers, so a sender's Host header must not reach it."""
    criteria = criteria_from_query(dict(request.GET.lists()))
    query = criteria.to_query_string(include_sort=False)
    words = describe(criteria)
    title = "Civic Talent jobs" + ("" if criteria.is_empty else ": " + "; ".join(words))
    feed = kind(
        title=_xml_text(title[:300]),
        link=_xml_text(site_url(_with_query(reverse("jobs:board"), query))),
        description="Open digital, data and technology jobs at London's councils, newest first.",
        language="en-gb",
        feed_url=_xml_text(site_url(request.get_full_path())),
    )
    for vacancy in selectors.feed_vacancies(criteria):
        link = site_url(reverse("jobs:vacancy", kwargs={"pk": vacancy.pk}))
        pay = range_text(vacancy.annual_min_pence, vacancy.annual_max_pence)
        # Plain text made into escaped HTML: a reader that renders the description shows
        # anyone's angle brackets as text.
        description = format_html(
            "<p>{}</p><p>Council: {}<br>Pay: {}<br>Location: {}<br>Closes: {}</p>",
            vacancy.summary,
            vacancy.organisation.name,
            pay or "Not given",
            vacancy.location or vacancy.organisation.short_name,
            _closing(vacancy),
        )
        feed.add_item(
            title=_xml_text(f"{vacancy.title}, {vacancy.organisation.short_name}"),
            link=link,
            description=_xml_text(str(description)),
            unique_id=link,
            unique_id_is_permalink=True,
            pubdate=vacancy.published_at,
            updateddate=vacancy.updated_at,
            author_name=_xml_text(vacancy.organisation.name),
            categories=[
                _xml_text(label)
                for label in (vacancy.get_contract_display(), vacancy.get_workplace_display())
                if label
            ],
        )
    response = HttpResponse(content_type=feed.content_type)
    feed.write(response, "utf-8")
    return response


@cached_for_anonymous
@public
@require_safe
def feed_rss(request: HttpRequest) -> HttpResponse:
    return _feed(request, Rss201rev2Feed)


@cached_for_anonymous
@public
@require_safe
def feed_atom(request: HttpRequest) -> HttpResponse:
    return _feed(request, Atom1Feed)


# --- councils --------------------------------------------------------------------------------


@cached_for_anonymous
@public
@require_safe
def councils(request: HttpRequest) -> HttpResponse:
    listed = selectors.councils_with_open_jobs()
    hiring = [council for council in listed if council.open_count]
    return render(
        request,
        "jobs/councils.html",
        {
            "councils": listed,
            "hiring_count": len(hiring),
            "open_total": sum(council.open_count for council in hiring),
        },
    )


# --- saved searches --------------------------------------------------------------------------


class SaveSearchForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Name this search",
        max_length=MAX_NAME,
        help_text="So you can tell your saved searches apart, for example “Data jobs in "
        "east London”.",
        error_messages={
            "required": "Enter a name for this search.",
            "max_length": f"The name must be {MAX_NAME} characters or fewer.",
        },
    )
    query = forms.CharField(required=False, widget=forms.HiddenInput)


def _saved_page(request: HttpRequest, form: SaveSearchForm | None = None) -> HttpResponse:
    saved = [
        (search, _with_query(reverse("jobs:board"), search.query_string))
        for search in saved_searches_of(_user(request))
    ]
    return render(
        request,
        "jobs/saved_searches.html",
        {"saved": saved, "form": form},
    )


@permission("jobs.save_search")
@require_GET
def saved_searches(request: HttpRequest) -> HttpResponse:
    return _saved_page(request)


@permission("jobs.save_search")
@require_POST
def saved_search_save(request: HttpRequest) -> HttpResponse:
    form = SaveSearchForm(request.POST)
    if form.is_valid():
        try:
            saved = saved_search_create(
                user=_user(request),
                name=form.cleaned_data["name"],
                query_string=form.cleaned_data["query"],
            )
        except ValidationError as error:
            field = "name" if error.code == "name" else None
            form.add_error(field, error)
        else:
            messages.success(request, f"Saved your search as “{saved.name}”.")
            return redirect(_with_query(reverse("jobs:board"), saved.query_string))
    return _saved_page(request, form)


@permission("jobs.save_search")
@require_POST
def saved_search_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch, pk=pk, user=_user(request))
    saved_search_delete(user=_user(request), saved_search=saved)
    messages.success(request, f"Deleted the saved search “{saved.name}”.")
    return redirect("jobs:saved_searches")
