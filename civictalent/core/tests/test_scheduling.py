from datetime import UTC, datetime

from civictalent.core.scheduling import Daily, Every, Weekly


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_every_gives_the_same_period_within_a_slot_and_a_new_one_after() -> None:
    cadence = Every(seconds=60)
    assert cadence.period(at("2026-11-22T10:00:05")) == cadence.period(at("2026-11-22T10:00:59"))
    assert cadence.period(at("2026-11-22T10:00:59")) != cadence.period(at("2026-11-22T10:01:00"))


def test_every_keeps_slots_apart_when_the_clocks_go_back() -> None:
    # 25 October 2026: 01:30 BST (00:30 UTC) and 01:30 GMT (01:30 UTC) are different slots.
    cadence = Every(seconds=60)
    assert cadence.period(at("2026-10-25T00:30:00")) != cadence.period(at("2026-10-25T01:30:00"))


def test_weekly_period_starts_at_the_anchor_in_london_time() -> None:
    monday_seven = Weekly(weekday=0, hour=7)
    # Sunday 22 November 2026: still in the week that began Monday 16 November at 07:00.
    assert monday_seven.period(at("2026-11-22T12:00:00")) == "week-2026-11-16"
    # Monday 23 November, 06:59 London (GMT): not yet the new week.
    assert monday_seven.period(at("2026-11-23T06:59:00")) == "week-2026-11-16"
    assert monday_seven.period(at("2026-11-23T07:00:00")) == "week-2026-11-23"


def test_weekly_anchor_follows_british_summer_time() -> None:
    monday_seven = Weekly(weekday=0, hour=7)
    # In June, 07:00 London is 06:00 UTC.
    assert monday_seven.period(at("2026-06-01T05:59:00")) == "week-2026-05-25"
    assert monday_seven.period(at("2026-06-01T06:00:00")) == "week-2026-06-01"


def test_daily_period_changes_at_the_hour() -> None:
    six = Daily(hour=6)
    assert six.period(at("2026-11-22T05:59:00")) == "day-2026-11-21"
    assert six.period(at("2026-11-22T06:00:00")) == "day-2026-11-22"
