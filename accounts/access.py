"""Who may see what: the one place that decides it.

Two questions, answered separately and combined everywhere:

- *Which rows?* — the **street scope**. A member of staff works for one street (her
  `StaffProfile.street`) or for the district hub (`is_district_hub`, every street).
  Superusers see every street. Anybody inactive, not staff, or without a profile sees no row.
  `staff_scope(user)` answers it; `StreetScopedQuerySet.for_staff(user)` applies it.
- *What may she do with them?* — her **role**: a Django group with permissions
  (`ROLE_PERMISSIONS`, created by a data migration, kept in step by `sync_roles` after every
  migrate). A street clerk changes her street's cases; a read-only user only views; the
  recruitment officer has no street and works only on recruitment.

`StreetScopedAdmin` joins the two for the admin: Django's permission checks *and* a street
scope, the list and every foreign-key choice limited to the scope. Views, exports, the
audit-trail pages and the apps built later use the same functions; none writes its own check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import admin
from django.db import models

if TYPE_CHECKING:  # the models module imports this one
    from accounts.models import PersonalDataExport

# --- Roles ----------------------------------------------------------------------------------

STREET_CLERK = "街道社工站工作人员"
DISTRICT_HUB = "区社工总站"
RECRUITMENT_OFFICER = "区民政局招聘工作人员"
READ_ONLY = "只读查看"

EXPORT_PERSONAL_DATA = "accounts.export_personal_data"
"""Exports that carry full ID or mobile numbers need this permission; each is logged."""

RESET_SECOND_FACTOR = "accounts.reset_second_factor"
"""Resetting a member of staff's second factor (a lost phone); the 系统管理员's, each recorded."""


def _crud(app: str, *models_: str, actions=("view", "add", "change", "delete")) -> list[str]:
    return [f"{app}.{action}_{model}" for model in models_ for action in actions]


_STREET_WORK = [
    *_crud("services", "servicepoint", "featureproject", "ruralvisit"),
    *_crud("accounts", "street", actions=("view",)),
    *_crud("services", "servicedomain", "servicecategory", actions=("view",)),
    *_crud("services", "serviceapplication", "followup", actions=("view", "change")),
    *_crud("services", "rating", actions=("view",)),
    *_crud("services", "rectification", actions=("view", "change")),
    *_crud("services", "serviceapplication", "casenote", actions=("add",)),  # walk-in, notes
    *_crud("services", "casenote", actions=("view",)),
    *_crud("careers", "socialworker", "certificate", "projectmonth", "subsidyroll"),
    *_crud("careers", "rollline", actions=("view",)),
    # Social workers online: stations record supervision and forward promotion applications.
    *_crud("careers", "supervisionrecord"),
    *_crud("careers", "promotionapplication", actions=("view",)),
    "careers.forward_promotionapplication",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    STREET_CLERK: _STREET_WORK,
    DISTRICT_HUB: [
        *_STREET_WORK,
        *_crud("accounts", "street"),
        *_crud("services", "servicedomain", "servicecategory", "requireddocument"),
        *_crud("services", "reviewpolicy", actions=("view", "add", "change")),
        *_crud("services", "messagetemplate", actions=("view", "add", "change")),
        *_crud("services", "outboxmessage", actions=("view",)),
        *_crud("accounts", "staffprofile", "personaldataexport", actions=("view",)),
        *_crud("careers", "trainingsession", "trainingchannel", "signup"),
        *_crud(
            "careers",
            "certificatelevel",
            "subsidypolicy",
            "promotionstep",
            "assessmentcriterion",
            "promotionwindow",
            actions=("view", "add", "change"),
        ),
        *_crud(
            "bijiang_social",
            "guidesource",
            "keyfigure",
            "guidesection",
            "calendarday",
            "holidayarrangement",
            "notice",
            "faqtopic",
            "faqquestion",
        ),
        *_crud("services", "ratingpolicy", actions=("view", "add", "change")),
        "services.close_rectification",
        "careers.approve_subsidyroll",
        *_crud("careers", "course", "lesson", "livelecture", "sessionattendance"),
        *_crud("careers", "lectureattendance", "achievement", actions=("view",)),
        *_crud("careers", "trainingtarget", actions=("view", "add", "change")),
        "careers.decide_promotionapplication",
        EXPORT_PERSONAL_DATA,
    ],
    RECRUITMENT_OFFICER: [
        *_crud("recruitment", "recruitmentround", "post", "timelinestep", "candidate"),
        *_crud("recruitment", "publicationlog", actions=("view",)),
        *_crud("recruitment", "registration", actions=("view", "change")),
        *_crud("recruitment", "candidateaccount", actions=("view",)),
        "recruitment.review_registration",
        EXPORT_PERSONAL_DATA,
    ],
    READ_ONLY: [],  # every view permission of the portal's apps: see role_permissions()
}
ROLE_APPS = ["accounts", "services", "careers", "recruitment", "bijiang_social"]


def role_permissions(role: str, all_codenames: list[str]) -> set[str]:
    """The permissions a role holds, as "app_label.codename"; unknown names are skipped."""
    if role == READ_ONLY:
        return {name for name in all_codenames if ".view_" in name}
    known = set(all_codenames)
    return {name for name in ROLE_PERMISSIONS[role] if name in known}


def sync_roles(**kwargs) -> None:
    """Give each role group the permissions of `ROLE_PERMISSIONS` (post_migrate handler).

    Only adds: a permission the bureau granted a group by hand in the admin stays. Models
    that later migrations create get their permissions on the next migrate.
    """
    from django.contrib.auth.models import Group, Permission

    permissions = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.filter(content_type__app_label__in=ROLE_APPS).select_related(
            "content_type"
        )
    }
    for role in ROLE_PERMISSIONS:
        group, _ = Group.objects.get_or_create(name=role)
        wanted = role_permissions(role, list(permissions))
        group.permissions.add(*(permissions[name] for name in sorted(wanted)))


# --- Street scope ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffScope:
    """Which streets' rows a user may reach: every street, one street, or none."""

    every_street: bool = False
    street_id: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.every_street and self.street_id is None

    def includes(self, street_id: int | None) -> bool:
        return self.every_street or (street_id is not None and street_id == self.street_id)


NO_STREETS = StaffScope()
EVERY_STREET = StaffScope(every_street=True)


def is_working_staff(user) -> bool:
    """An active, logged-in member of staff (the only kind of user any scope applies to)."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_staff
    )


def staff_scope(user) -> StaffScope:
    """The streets a user's rows come from. Inactive and non-staff users reach none."""
    if not is_working_staff(user):
        return NO_STREETS
    if user.is_superuser:
        return EVERY_STREET
    profile = getattr(user, "staff_profile", None)
    if profile is None:
        return NO_STREETS
    if profile.is_district_hub:
        return EVERY_STREET
    return StaffScope(street_id=profile.street_id)


def sees_every_street(user) -> bool:
    """The district hub and superusers: every street's rows, the audit trail, the bureau's steps."""
    return staff_scope(user).every_street


def may_export_personal_data(user) -> bool:
    return is_working_staff(user) and user.has_perm(EXPORT_PERSONAL_DATA)


# --- The second factor ------------------------------------------------------------------


def needs_second_factor(user) -> bool:
    """Every member of staff passes a second factor at log-in; candidates and workers do not."""
    return is_working_staff(user)


def may_reset_second_factor(user) -> bool:
    """The system administrator (and the emergency superuser) resets a lost phone."""
    return is_working_staff(user) and user.has_perm(RESET_SECOND_FACTOR)


class StreetScopedQuerySet(models.QuerySet):
    """Rows that belong to a street; `street_path` is the lookup from the row to its street
    (`"street"`, `"roll__street"`, `"start_point__street"`; empty for Street itself)."""

    street_path = "street"

    def for_staff(self, user):
        scope = staff_scope(user)
        if scope.every_street:
            return self
        if scope.street_id is None:
            return self.none()
        lookup = f"{self.street_path}_id" if self.street_path else "pk"
        return self.filter(**{lookup: scope.street_id})


def scoped_choices(model, user):
    """The rows of `model` a user may pick in a form: scoped when the model has a street."""
    queryset = model._default_manager.all()
    return queryset.for_staff(user) if hasattr(queryset, "for_staff") else queryset


class StreetScopedAdmin(admin.ModelAdmin):
    """Admin for a model with a street: the group's permissions within the street scope.

    The list, the change pages, the actions and every foreign-key choice hold only rows of the
    user's streets, so she can neither see another street's row nor create one for it.
    """

    def get_queryset(self, request):
        return super().get_queryset(request).for_staff(request.user)

    def _in_scope(self, request) -> bool:
        return not staff_scope(request.user).is_empty

    def has_module_permission(self, request):
        return self._in_scope(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._in_scope(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._in_scope(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._in_scope(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._in_scope(request) and super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("queryset", scoped_choices(db_field.related_model, request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_list_filter(self, request):
        """A street clerk has one street: filters by street are for the district hub."""
        filters = super().get_list_filter(request)
        if sees_every_street(request.user):
            return filters
        return [f for f in filters if not _filters_on_street(f)]


def _filters_on_street(list_filter) -> bool:
    name = list_filter[0] if isinstance(list_filter, tuple) else list_filter
    return isinstance(name, str) and (name == "street" or name.endswith("__street"))


class ScopedInline(admin.options.InlineModelAdmin):
    """An inline on a street-scoped record: the group's permissions, within the scope."""

    def _in_scope(self, request) -> bool:
        return not staff_scope(request.user).is_empty

    def has_view_permission(self, request, obj=None):
        return self._in_scope(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._in_scope(request) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._in_scope(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._in_scope(request) and super().has_delete_permission(request, obj)


# --- The export log ---------------------------------------------------------------------


def record_personal_export(user, what: str, row_ids) -> PersonalDataExport:
    """Write an export of personal data to the audit trail (call inside the export view)."""
    from accounts.models import PersonalDataExport

    ids = [str(pk) for pk in row_ids]
    return PersonalDataExport.objects.create(
        user=user, what=what, row_count=len(ids), row_ids=",".join(ids)
    )
