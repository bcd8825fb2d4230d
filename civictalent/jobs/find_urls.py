"""Finding vacancies, under /jobs/: the board, its feeds, councils and saved searches."""

from django.urls import URLPattern, path

from civictalent.jobs import find_views as views

urlpatterns: list[URLPattern] = [
    path("", views.board, name="board"),
    path("feed.rss", views.feed_rss, name="feed_rss"),
    path("feed.atom", views.feed_atom, name="feed_atom"),
    path("councils/", views.councils, name="councils"),
    path("saved/", views.saved_searches, name="saved_searches"),
    path("saved/save/", views.saved_search_save, name="saved_search_save"),
    path("saved/<int:pk>/delete/", views.saved_search_delete_view, name="saved_search_delete"),
]
