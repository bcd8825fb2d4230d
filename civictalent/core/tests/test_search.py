import pytest

from civictalent.core.search import query_terms, search_ids, search_index, search_remove

pytestmark = pytest.mark.django_db


def test_search_finds_every_word_best_first_and_forgets_removed_objects() -> None:
    search_index(kind="jd", object_id=1, text="Senior data analyst. Build dashboards with SQL.")
    search_index(kind="jd", object_id=2, text="User researcher. Plan research with residents.")
    search_index(kind="jd", object_id=3, text="Data engineer. Data pipelines, data quality, data.")
    search_index(kind="vacancy", object_id=4, text="Data everywhere")
    assert set(search_ids(kind="jd", query="data")) == {1, 3}
    assert search_ids(kind="jd", query="data")[0] == 3  # the most data-heavy text first
    assert search_ids(kind="jd", query="data dashboards") == [1]
    assert search_ids(kind="jd", query="research") == [2]
    search_index(kind="jd", object_id=1, text="Renamed completely")
    assert search_ids(kind="jd", query="dashboards") == []
    search_remove(kind="jd", object_id=3)
    assert search_ids(kind="jd", query="pipelines") == []


@pytest.mark.parametrize(
    "hostile", ['" OR 1=1 --', "data AND NOT", "NEAR(data)", "*", "'; DROP TABLE x; --"]
)
def test_search_operators_and_injection_are_plain_words(hostile: str) -> None:
    search_index(kind="jd", object_id=1, text="Data analyst")
    search_ids(kind="jd", query=hostile)  # no error, whatever was typed


def test_query_terms_drop_punctuation() -> None:
    assert query_terms("Senior (data) analyst!") == ["senior", "data", "analyst"]
