"""A minimal iCalendar (RFC 5545) writer for the mobile rural posts' visit schedule.

All-day events; text escaped and lines folded at 75 octets as the RFC requires, so village
cadres can subscribe from any calendar application.
"""

import datetime as dt
from collections.abc import Iterable

from services.models import RuralVisit

PRODID = "-//碧江区民政局//碧江区社会工作服务平台//ZH"


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, never inside a UTF-8 character."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > (75 if not pieces else 74):
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def rural_visits_calendar(visits: Iterable[RuralVisit], host: str, now: dt.datetime) -> str:
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape('碧江区流动社工进村走访')}",
        "X-WR-TIMEZONE:Asia/Shanghai",
    ]
    for visit in visits:
        description = f"社工：{visit.social_worker}；出发站点：{visit.start_point.name}"
        if visit.what_to_bring:
            description += f"；请携带：{visit.what_to_bring}"
        if not visit.is_verified:
            description += "（示例数据，以民政部门通知为准）"
        lines += [
            "BEGIN:VEVENT",
            f"UID:rural-visit-{visit.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{visit.visit_date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{visit.visit_date + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{escape(f'流动社工进村：{visit.township}{visit.village}')}",
            f"LOCATION:{escape(f'碧江区{visit.township}{visit.village}')}",
            f"DESCRIPTION:{escape(description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
