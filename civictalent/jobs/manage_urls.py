"""Writing, approving and reading vacancies, and a council's vacancies, under /jobs/ (the queue
and a council's approval settings are in approval_urls.py)."""

from django.urls import URLPattern, path

from civictalent.jobs import manage_views as views

urlpatterns: list[URLPattern] = [
    path("<int:pk>/", views.vacancy, name="vacancy"),
    path("<int:pk>/apply/", views.vacancy_apply, name="vacancy_apply"),
    path("new/", views.vacancy_new, name="vacancy_new"),
    path("<int:pk>/edit/", views.vacancy_edit, name="vacancy_edit"),
    path("<int:pk>/check/", views.vacancy_draft, name="vacancy_draft"),
    path("<int:pk>/submit/", views.vacancy_submit, name="vacancy_submit"),
    path("<int:pk>/publish/", views.vacancy_publish, name="vacancy_publish"),
    path("<int:pk>/reject/", views.vacancy_reject, name="vacancy_reject"),
    path("<int:pk>/close/", views.vacancy_close, name="vacancy_close"),
    path("<int:pk>/extend/", views.vacancy_extend, name="vacancy_extend"),
    path("<int:pk>/library/", views.vacancy_library, name="vacancy_library"),
    path("manage/", views.my_vacancies, name="my_vacancies"),
    path("manage/<slug:slug>/", views.council_vacancies, name="council_vacancies"),
    path("manage/<slug:slug>/insight/", views.council_insight, name="council_insight"),
]
