"""Model fields for personal data at rest: SM4-GCM in the column, clear text in Python.

`EncryptedCharField("身份证号码", max_length=18)` reads and validates like a CharField of 18
characters (forms, admin, validators), but the column holds ``v1:<keyid>:<base64>`` (a text
column, since the sealed value is longer). The clear value never reaches SQL, so a query on it
cannot work: every look-up but ``isnull`` and ``= ''`` is refused with a FieldError that says to
use the blind index.

`BlindIndexField(source="mobile", normalise="last4")` is a companion column, filled on every
save from the source field: HMAC-SM3 (hex) of the normalised clear value. Exact look-ups go
through it: ``filter(mobile_last4_index=index_of(Model, "mobile_last4_index", "5555"))``.
"""

from collections.abc import Callable

from django.core.exceptions import FieldError
from django.db import models
from django.db.models.lookups import Exact, IsNull

from bijiang_social.crypto import blind_index, decrypt_field, encrypt_field, is_encrypted


def _exact(value: str) -> str:
    return value.strip()


def _upper(value: str) -> str:
    return value.strip().upper()


def _last4(value: str) -> str:
    digits = "".join(ch for ch in value if ch.isdigit())
    return digits[-4:] if len(digits) >= 4 else ""


NORMALISERS: dict[str, Callable[[str], str]] = {
    "exact": _exact,  # phone numbers, bank accounts (already normalised by the model)
    "upper": _upper,  # ID numbers: a final x and X are one number
    "last4": _last4,  # the last four digits, for tracking and staff search
}


class _EmptyOnlyExact(Exact):
    def get_prep_lookup(self):
        if self.rhs not in ("", None):
            raise FieldError(_REFUSED.format(field=self.lhs.target.name))
        return super().get_prep_lookup()


_REFUSED = (
    "{field} is encrypted at rest: a query on its clear value cannot match. "
    "Look it up through its BlindIndexField (bijiang_social/encrypted_fields.py)."
)


class EncryptedFieldMixin:
    """SM4-GCM on the way into the column, decryption on the way out."""

    def get_internal_type(self) -> str:
        return "TextField"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, "") or is_encrypted(value):
            return value
        return encrypt_field(value)

    def from_db_value(self, value, expression, connection):
        if value in (None, "") or not is_encrypted(value):
            return value  # a row the encrypting migration has not reached yet
        return decrypt_field(value)

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return IsNull
        if lookup_name == "exact":
            return _EmptyOnlyExact
        raise FieldError(_REFUSED.format(field=self.name))


class EncryptedCharField(EncryptedFieldMixin, models.CharField):
    """A CharField whose max_length bounds the clear value; the column is text."""


class EncryptedTextField(EncryptedFieldMixin, models.TextField):
    pass


class BlindIndexField(models.CharField):
    """HMAC-SM3 of the normalised source value, recomputed on every save ('' when empty)."""

    def __init__(self, *args, source: str, normalise: str = "exact", **kwargs):
        if normalise not in NORMALISERS:
            raise ValueError(f"normalise must be one of {sorted(NORMALISERS)}")
        self.source, self.normalise = source, normalise
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        # Looked up exactly: indexed, except that a unique index is already one (PostgreSQL
        # would otherwise be asked for its text-pattern index twice).
        kwargs.setdefault("db_index", not kwargs.get("unique", False))
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.update(source=self.source, normalise=self.normalise)
        return name, path, args, kwargs

    def index(self, clear: str) -> str:
        return blind_index(NORMALISERS[self.normalise](clear or ""))

    def pre_save(self, model_instance, add):
        value = self.index(getattr(model_instance, self.source) or "")
        setattr(model_instance, self.attname, value)
        return value


def index_of(model: type[models.Model], index_field: str, clear: str) -> str:
    """The value to filter `index_field` by for a clear value, normalised as that field does."""
    field = model._meta.get_field(index_field)
    if not isinstance(field, BlindIndexField):
        raise TypeError(f"{model.__name__}.{index_field} is not a BlindIndexField")
    return field.index(clear)


def encrypted_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedFieldMixin)]


def reseal(model: type[models.Model], *, batch_size: int = 500) -> int:
    """Save every row of `model` again: encrypted fields under the current key, blind indexes
    under the current index key. Returns the number of rows written. Idempotent."""
    fields = encrypted_fields(model)
    indexes = [f for f in model._meta.concrete_fields if isinstance(f, BlindIndexField)]
    if not fields and not indexes:
        return 0
    names = [f.name for f in fields]
    index_names = [f.attname for f in indexes]
    written = 0
    rows = model._base_manager.order_by("pk")
    batch = []
    for row in rows.iterator(chunk_size=batch_size):
        for field in indexes:
            field.pre_save(row, False)
        batch.append(row)
        if len(batch) >= batch_size:
            written += model._base_manager.bulk_update(batch, names + index_names)
            batch = []
    if batch:
        written += model._base_manager.bulk_update(batch, names + index_names)
    return written


class BlindIndexSearchMixin:
    """For a ModelAdmin: `blind_index_search = ["id_number_index"]` lets a search for a whole
    value (an ID number, a mobile) find its rows through the index, beside search_fields."""

    blind_index_search: tuple[str, ...] | list[str] = ()

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        for name in self.blind_index_search if term else ():
            index = index_of(self.model, name, term)
            if index:
                found |= queryset.filter(**{name: index})
        return found, duplicates
