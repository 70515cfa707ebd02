"""The events calendar (ICS): all public events, and one event at a time."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from guongsang.portal.sharing import canonical_path
from guongsang.propagation.enums import EventStatus
from tests.portal.share_support import (
    SHARE_URLS,
    XSS,
    content_fixture,  # noqa: F401
    event_create,
    plan_fixture,  # noqa: F401
    query_count,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(SHARE_URLS)]
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def _events(response) -> dict[str, icalendar.Event]:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(entry["SUMMARY"]): entry for entry in calendar.walk("VEVENT")}


def test_calendar_holds_every_public_event_and_nothing_else(client, content):
    events = _events(client.get("/cong-thong-tin/su-kien.ics"))

    assert set(events) == {"Hội nghị điển hình tiên tiến", "Giao lưu bị hủy"}


def test_calendar_entry_carries_time_zone_place_address_and_status(client, content):
    public, cancelled = content["events"]["public"], content["events"]["cancelled"]

    events = _events(client.get("/cong-thong-tin/su-kien.ics"))

    entry = events[public.title]
    start, end = entry.decoded("DTSTART"), entry.decoded("DTEND")
    assert start == public.start.replace(microsecond=0)
    assert end == public.end.replace(microsecond=0)
    assert str(start.tzinfo) == "Asia/Ho_Chi_Minh"
    assert entry["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert str(entry["LOCATION"]) == "Hội trường UBND tỉnh, Nha Trang"
    assert str(entry["URL"]) == "http://testserver" + canonical_path("event", public)
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert str(events[cancelled.title]["STATUS"]) == "CANCELLED"
    # Participants may name people: they are not published in the calendar.
    assert "Nguyễn Văn A" not in client.get("/cong-thong-tin/su-kien.ics").content.decode()


def test_calendar_uid_is_stable_per_event(client, content):
    public = content["events"]["public"]

    first = _events(client.get("/cong-thong-tin/su-kien.ics"))[public.title]["UID"]
    alone = _events(client.get(f"/cong-thong-tin/su-kien/{public.pk}.ics"))[public.title]["UID"]
    public.title = "Hội nghị (đổi tên)"
    public.save()
    renamed = _events(client.get(f"/cong-thong-tin/su-kien/{public.pk}.ics"))[public.title]["UID"]

    assert first == alone == renamed
    other = _events(client.get("/cong-thong-tin/su-kien.ics"))["Giao lưu bị hủy"]["UID"]
    assert other != first


def test_one_event_calendar_has_that_event_only(client, content):
    public = content["events"]["public"]

    events = _events(client.get(f"/cong-thong-tin/su-kien/{public.pk}.ics"))

    assert list(events) == [public.title]


def test_one_event_calendar_of_a_private_or_unknown_event_is_404(client, content):
    private = content["events"]["private"]

    assert client.get(f"/cong-thong-tin/su-kien/{private.pk}.ics").status_code == 404
    assert client.get("/cong-thong-tin/su-kien/999999.ics").status_code == 404


def test_event_without_end_or_place_still_parses(client, tree):
    start = datetime.datetime(2025, 12, 1, 8, 30, tzinfo=VIETNAM)
    event = event_create(tree["own"], title=XSS, start=start, end=None, location="")

    entry = _events(client.get(f"/cong-thong-tin/su-kien/{event.pk}.ics"))[XSS]

    assert entry.decoded("DTSTART") == start
    assert "DTEND" not in entry and "LOCATION" not in entry


def test_calendar_queries_do_not_grow_with_the_events(client, tree):
    event_create(tree["own"])
    one = query_count(client, "/cong-thong-tin/su-kien.ics")
    for _ in range(9):
        event_create(tree["own"], status=EventStatus.HELD)

    assert query_count(client, "/cong-thong-tin/su-kien.ics") == one
