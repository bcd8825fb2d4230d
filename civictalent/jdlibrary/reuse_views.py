"""Reuse a job description: download it as Word or Markdown, see what each version changed, and
start a new draft for your own council from it."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from civictalent.accounts.models import User
from civictalent.core.forms import GovukFormMixin
from civictalent.core.permissions import permission
from civictalent.jdlibrary import selectors, services
from civictalent.jdlibrary.diff import diff_snapshots
from civictalent.jdlibrary.documents_out import as_docx, as_markdown
from civictalent.jdlibrary.models import JDVersion, JobDescription
from civictalent.organisations.models import Organisation

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def jd_from_pk(request: HttpRequest, pk: int, **_: object) -> JobDescription:
    return get_object_or_404(
        JobDescription.objects.select_related("organisation", "role_level__role"), pk=pk
    )


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _download(content: bytes | str, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A draft or a council-only JD must not linger in a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


def _filename(jd: JobDescription, extension: str) -> str:
    stem = slugify(f"{jd.title} {jd.organisation.short_name}")[:80] or f"job-description-{jd.pk}"
    return f"{stem}.{extension}"


@permission("jdlibrary.view_jd", on=jd_from_pk)
@require_GET
def download_docx(request: HttpRequest, pk: int) -> HttpResponse:
    jd = jd_from_pk(request, pk)
    return _download(as_docx(jd), filename=_filename(jd, "docx"), content_type=DOCX_TYPE)


@permission("jdlibrary.view_jd", on=jd_from_pk)
@require_GET
def download_markdown(request: HttpRequest, pk: int) -> HttpResponse:
    jd = jd_from_pk(request, pk)
    return _download(
        as_markdown(jd), filename=_filename(jd, "md"), content_type="text/markdown; charset=utf-8"
    )


@permission("jdlibrary.view_jd", on=jd_from_pk)
@require_GET
def versions(request: HttpRequest, pk: int) -> HttpResponse:
    jd = jd_from_pk(request, pk)
    return render(
        request,
        "jdlibrary/reuse_versions.html",
        {"jd": jd, "versions": jd.versions.select_related("author").order_by("-number")},
    )


@permission("jdlibrary.view_jd", on=jd_from_pk)
@require_GET
def version_diff(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    jd = jd_from_pk(request, pk)
    version = get_object_or_404(
        JDVersion.objects.select_related("author"), job_description=jd, number=number
    )
    history = jd.versions.select_related("author")
    previous = history.filter(number__lt=number).order_by("-number").first()
    following = history.filter(number__gt=number).order_by("number").first()
    changes = diff_snapshots(previous.snapshot, version.snapshot) if previous else []
    return render(
        request,
        "jdlibrary/reuse_diff.html",
        {
            "jd": jd,
            "version": version,
            "previous": previous,
            "following": following,
            "changes": changes,
            "words_added": sum(change.words_added for change in changes),
            "words_removed": sum(change.words_removed for change in changes),
        },
    )


class CopyForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label="Which council is the new draft for?",
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the council the new draft is for.",
            "invalid_choice": "Choose one of the councils you edit job descriptions for.",
        },
    )

    def __init__(self, *args: Any, councils: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["organisation"])
        field.queryset = councils
        if len(councils) == 1:
            # One choice is no choice: say which council instead of showing a lone radio.
            field.initial = councils[0]
            field.widget = forms.HiddenInput()


@permission("jdlibrary.view_jd", on=jd_from_pk)
@require_http_methods(["GET", "POST"])
def start_from(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    if not user.has_perm("jdlibrary.contribute"):
        raise PermissionDenied(
            "Only council editors can start a new job description. Ask your council's admin to "
            "make you an editor."
        )
    source = jd_from_pk(request, pk)
    councils = selectors.councils_user_edits_for(user)
    form = CopyForm(request.POST if request.method == "POST" else None, councils=councils)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.jd_copy(
                source=source, organisation=form.cleaned_data["organisation"], author=user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"We copied {source.title} as a draft for {new.organisation.short_name}. Change "
                "what you need, then publish it.",
            )
            if user.has_perm("jdlibrary.edit_jd", new):
                return redirect("jdlibrary:review", pk=new.pk)
            return redirect("jdlibrary:detail", pk=new.pk)
    return render(
        request,
        "jdlibrary/reuse_copy.html",
        {"jd": source, "form": form, "only_council": councils[0] if len(councils) == 1 else None},
    )
