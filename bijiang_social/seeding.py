"""The guide's content, kept in data files an editor can read and correct, loaded by one loader.

Each app keeps the part of the guide it publishes in `<app>/seed/*.yaml` (for example
`services/seed/network.yaml`); `manage.py load_guide` loads every app's files, in the order of
INSTALLED_APPS and then by file name. A file is a list of blocks, one per kind of row:

    - label: 街道                    # names the block in the command's report
      model: services.street         # app_label.modelname
      match: [slug]                  # the fields that identify a row
      rows:
        - slug: huanbei
          name: 环北街道
          street: {slug: huanbei}    # a foreign key: the row of that model with slug huanbei
          domains:                   # a many-to-many field: a list of such rows
            - {slug: minsheng}
          visit_date: {months_ahead: 1, day: 12}   # a date relative to the day of loading

Idempotent and never overwriting staff edits: a row whose `match` fields find an existing row
is left exactly as it is; only missing rows are created (with their many-to-many links). An
empty `match` means a single row (a policy): created only while the table is empty. Values
are converted by the model field (dates as 2024-03-10, decimals, true/false), so a typo fails
loudly, naming the file, the block and the row.

A relative date {months_ahead: N, day: D} is day D of the month N months after the day of
loading, or of the month after if that day has passed: sample schedules stay in the future.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, TextIO

import yaml
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.db import models


class SeedError(Exception):
    """A data file that cannot be loaded; the message says where and why."""


def seed_files() -> list[Path]:
    """Every app's data files, in the order they are loaded."""
    return [
        path
        for config in apps.get_app_configs()
        for path in sorted(Path(config.path, "seed").glob("*.yaml"))
    ]


def read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as file:
        return yaml.safe_load(file) or []


def rows(path: Path, model: str) -> list[dict]:
    """The rows a file gives for one model (for tests and reports)."""
    return [row for block in read(path) if block["model"] == model for row in block["rows"]]


def in_months(today: dt.date, months_ahead: int, day: int) -> dt.date:
    month_index = today.month - 1 + months_ahead
    date = dt.date(today.year + month_index // 12, month_index % 12 + 1, day)
    return date if date >= today else in_months(today, months_ahead + 1, day)


def _row_of(field: models.Field, lookup: Any) -> models.Model:
    if not isinstance(lookup, dict):
        raise SeedError(f"{field.name} 应写成 {{字段: 值}}，例如 {{slug: huanbei}}")
    try:
        return field.related_model._default_manager.get(**lookup)
    except ObjectDoesNotExist:
        raise SeedError(f"{field.name}：找不到 {lookup} 这一行，请先在前面载入它") from None


def _value(field: models.Field, raw: Any, today: dt.date) -> Any:
    if raw is None:
        return None
    if field.many_to_one or field.one_to_one:
        return _row_of(field, raw)
    if isinstance(field, models.DateField) and isinstance(raw, dict):
        return in_months(today, int(raw["months_ahead"]), int(raw["day"]))
    try:
        return field.to_python(raw)
    except ValidationError as error:
        raise SeedError(
            f"{field.name}：{raw!r} 不是有效的值（{'；'.join(error.messages)}）"
        ) from None


def _load_row(model: type[models.Model], match: list[str], row: dict, today: dt.date) -> bool:
    values, links = {}, {}
    for name, raw in row.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            raise SeedError(f"{model._meta.label} 没有字段 {name!r}") from None
        if field.many_to_many:
            links[name] = [_row_of(field, lookup) for lookup in raw or []]
        else:
            values[name] = _value(field, raw, today)
    if match:
        missing = [name for name in match if name not in values]
        if missing:
            raise SeedError(f"缺少用来识别这一行的字段 {missing}")
        lookup = {name: values.pop(name) for name in match}
        obj, created = model._default_manager.get_or_create(**lookup, defaults=values)
    else:
        created = not model._default_manager.exists()
        obj = model._default_manager.create(**values) if created else None
    if created:
        for name, related in links.items():
            getattr(obj, name).set(related)
    return created


def load_file(path: Path, stdout: TextIO, today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    for block in read(path):
        model = apps.get_model(block["model"])
        made = 0
        for number, row in enumerate(block["rows"], start=1):
            try:
                made += _load_row(model, list(block.get("match", [])), row or {}, today)
            except SeedError as error:
                raise SeedError(f"{path}，“{block['label']}”第 {number} 行：{error}") from None
        stdout.write(f"{block['label']}：新增 {made} 条，共 {len(block['rows'])} 条")


def load_all(stdout: TextIO, today: dt.date | None = None) -> None:
    for path in seed_files():
        load_file(path, stdout, today)
