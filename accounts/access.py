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
audit-trail pages and the apps built later use the same functions; none writes its own check
(tests/accounts/test_access_in_one_place.py fails when `is_staff`, `is_superuser` or
`has_perm` appear anywhere else). The site layer, which imports no app, asks through
`bijiang_social.decisions`, filled from `accounts`' AppConfig.ready().

- *Personal data*: ID numbers, mobile numbers and bank accounts are shown in full — on a page
  or in an export — only when `sees_personal_data(user, row)`; masked otherwise.
- *Three administrators* (等保 2.0): the 系统管理员 manages accounts and roles, the 安全管理员
  the lock-outs, the 审计管理员 reads the audit record. None of them sees a case, candidate,
  social worker or sign-up. The superuser is for emergencies; each use is recorded
  (`SuperuserUse`).
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
SYSTEM_ADMINISTRATOR = "系统管理员"
SECURITY_ADMINISTRATOR = "安全管理员"
AUDIT_ADMINISTRATOR = "审计管理员"
ADMINISTRATORS = (SYSTEM_ADMINISTRATOR, SECURITY_ADMINISTRATOR, AUDIT_ADMINISTRATOR)

EXPORT_PERSONAL_DATA = "accounts.export_personal_data"
"""The personal-data permission: full ID, mobile and bank-account numbers on pages and in
exports (exports with them are logged). Within the holder's street scope: see
`sees_personal_data`."""
PERSONAL_DATA = EXPORT_PERSONAL_DATA

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
    # The station enters its workers' ID and bank numbers and calls applicants back: it sees
    # them in full for its own street (a read-only viewer sees them masked).
    EXPORT_PERSONAL_DATA,
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
    # 等保 2.0's three administrators: accounts and roles; lock-outs; the audit record.
    SYSTEM_ADMINISTRATOR: [
        *_crud("auth", "user", actions=("view", "add", "change")),
        *_crud("auth", "group", actions=("view", "add", "change")),
        *_crud("accounts", "staffprofile"),
        *_crud("accounts", "street", actions=("view",)),
        RESET_SECOND_FACTOR,  # a lost phone, recorded in SecondFactorReset, which he reads
        "accounts.view_secondfactorreset",
    ],
    SECURITY_ADMINISTRATOR: [
        *_crud("axes", "accessattempt", actions=("view", "delete")),  # delete = unlock
        *_crud("axes", "accesslog", "accessfailurelog", actions=("view",)),
    ],
    AUDIT_ADMINISTRATOR: [
        *_crud(
            "accounts",
            "personaldataexport",
            "superuseruse",
            "secondfactorreset",
            "securityevent",
            actions=("view",),
        ),
        *_crud("axes", "accesslog", "accessfailurelog", "accessattempt", actions=("view",)),
        "accounts.read_audit_record",
    ],
}
PORTAL_APPS = ["accounts", "services", "careers", "recruitment", "bijiang_social"]
ROLE_APPS = [*PORTAL_APPS, "auth", "axes"]
AUDIT_RECORD_MODELS = [
    "accounts.view_personaldataexport",
    "accounts.view_superuseruse",
    "accounts.view_secondfactorreset",
    "accounts.view_securityevent",
]
"""The audit record is the audit administrator's (and the hub's exports log): not every
viewer's."""


def role_permissions(role: str, all_codenames: list[str]) -> set[str]:
    """The permissions a role holds, as "app_label.codename"; unknown names are skipped."""
    if role == READ_ONLY:
        return {
            name
            for name in all_codenames
            if ".view_" in name
            and name.split(".")[0] in PORTAL_APPS
            and name not in AUDIT_RECORD_MODELS
        }
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


def is_staff_account(user) -> bool:
    """A staff account (active or not, logged in or not): marked staff, or a superuser. Staff
    log in only at the admin's door (`accounts.audiences`)."""
    return bool(user is not None and (user.is_staff or user.is_superuser))


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


def uses_superuser(user) -> bool:
    """An active superuser: kept for emergencies, every use recorded (`SuperuserUse`)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def superusers(queryset):
    """The superusers among `queryset` of users (the demo set-up asks whether one exists)."""
    return queryset.filter(is_superuser=True)


def may_export_personal_data(user) -> bool:
    """She holds the personal-data permission at all (for some street or round)."""
    return is_working_staff(user) and user.has_perm(EXPORT_PERSONAL_DATA)


_UNSCOPED = object()


def _row_street_id(row):
    """The street id a row belongs to, `_UNSCOPED` for a row no street owns (a recruitment
    round's registration, a training sign-up)."""
    queryset = type(row)._default_manager.all()
    path = getattr(queryset, "street_path", None)
    if path is None:
        return _UNSCOPED
    if path == "":
        return row.pk
    *hops, last = path.split("__")
    for hop in hops:
        row = getattr(row, hop, None)
        if row is None:
            return None
    return getattr(row, f"{last}_id", None)


def sees_personal_data(user, row) -> bool:
    """The personal-data rule, for pages and exports alike: full ID, mobile and bank numbers
    of `row` only for working staff whose role holds the personal-data permission and who
    may reach the row — her street's rows (the hub: every street's); a row no street owns
    (registrations, candidates, sign-ups) when her role may view that kind of row, which for
    recruitment means the recruitment officer. Everybody else sees them masked."""
    if row is None or not may_export_personal_data(user):
        return False
    street_id = _row_street_id(row)
    if street_id is _UNSCOPED:
        opts = row._meta
        return user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    return staff_scope(user).includes(street_id)


def shown(user, row, value: str, mask) -> str:
    """`value` in full when `sees_personal_data(user, row)`, else `mask(value)`."""
    if not value:
        return value
    return value if sees_personal_data(user, row) else mask(value)


# --- Decisions the apps ask (each named after what it allows) -------------------------------


def may_delete_case(user) -> bool:
    """Cases are a record of the district's work: only the superuser removes one."""
    return uses_superuser(user)


def may_enter_case(user) -> bool:
    """A walk-in or paper application, entered by a clerk for her street."""
    return not staff_scope(user).is_empty and user.has_perm("services.add_serviceapplication")


def may_close_rectification(user) -> bool:
    return is_working_staff(user) and user.has_perm("services.close_rectification")


def may_review_registration(user, registration=None) -> bool:
    """资格审查 decisions and the on-site check of originals: the recruitment officer."""
    return is_working_staff(user) and user.has_perm("recruitment.review_registration")


def may_see_registration_documents(user, registration) -> bool:
    """A candidate's photo and scans carry her ID: the personal-data rule."""
    return sees_personal_data(user, registration)


def may_import_holidays(user) -> bool:
    return is_working_staff(user) and user.has_perms(
        ["bijiang_social.add_holidayarrangement", "bijiang_social.add_calendarday"]
    )


def may_decide_roll(user, roll=None) -> bool:
    """Only the bureau (district-hub staff with the approval permission) approves or returns
    a subsidy roll."""
    return sees_every_street(user) and user.has_perm("careers.approve_subsidyroll")


may_approve_roll = may_return_roll = may_decide_roll


def may_forward_promotion(user, application) -> bool:
    """The station of the worker's street forwards a promotion application (or returns it)."""
    return (
        is_working_staff(user)
        and user.has_perm("careers.forward_promotionapplication")
        and staff_scope(user).includes(application.worker.street_id)
    )


may_return_promotion = may_forward_promotion


def may_decide_promotion(user, application=None) -> bool:
    """The bureau approves or rejects a forwarded promotion application."""
    return sees_every_street(user) and user.has_perm("careers.decide_promotionapplication")


def may_read_history(user) -> bool:
    """The change history (django-simple-history pages): the district hub and superusers."""
    return uses_superuser(user) or sees_every_street(user)


def may_read_audit_record(user) -> bool:
    """The audit administrator's record: exports of personal data, superuser uses, log-ins."""
    return uses_superuser(user) or (
        is_working_staff(user) and user.has_perm("accounts.read_audit_record")
    )


def is_staff_member(user) -> bool:
    """Logged in as staff at all (the page cache empties after a staff write; the admin's
    banners)."""
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_staff)


ROLE_BYPASSING_USER_FIELDS = ["is_superuser", "user_permissions"]
"""Fields of a user account that grant rights past the roles: read-only to non-superusers."""


def may_make_superuser(user) -> bool:
    """Granting superuser status or single permissions bypasses the roles: superusers only.
    The system administrator manages accounts through roles."""
    return uses_superuser(user)


def accounts_managed_by(user, queryset):
    """The user accounts the admin's user pages list: staff accounts only (a candidate's user
    name is her ID number, a worker's account is her station's); superusers see all."""
    return queryset if uses_superuser(user) else queryset.filter(is_staff=True)


ACCOUNT_STANDING_FIELDS = ["is_active", "is_staff", "is_superuser"]
"""What an account may do at all; a change of any is recorded in the audit record."""


def account_standing(account) -> dict[str, bool]:
    return {name: getattr(account, name) for name in ACCOUNT_STANDING_FIELDS}


def may_delete_account(account) -> bool:
    """Staff accounts (and superusers) are deactivated, never deleted: every entry of the audit
    record and of the change history keeps its author."""
    return not (account.is_staff or account.is_superuser)


def may_change_account(user, account) -> bool:
    """The system administrator changes staff accounts, never a superuser's."""
    return uses_superuser(user) or not account.is_superuser


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


class PersonalDataAdmin(admin.ModelAdmin):
    """A change page whose `personal_fields` (field name -> mask function) show in full only
    by the personal-data rule; to anybody else each shows masked and read-only, so it is
    neither read nor changed. Put it before ModelAdmin subclasses in the bases."""

    personal_fields: dict = {}

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        for name, mask in self.personal_fields.items():
            setattr(self, f"{name}_masked", _masked_display(model, name, mask))

    def _masks(self, request, obj) -> bool:
        return obj is not None and not sees_personal_data(request.user, obj)

    def _swap(self, names):
        return [f"{n}_masked" if n in self.personal_fields else n for n in names]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return self._swap(fields) if self._masks(request, obj) else fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self._masks(request, obj):
            return fieldsets
        return [
            (title, {**opts, "fields": self._swap(opts["fields"])}) for title, opts in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if self._masks(request, obj):
            readonly += [f"{name}_masked" for name in self.personal_fields]
        return readonly

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.personal_fields:
            record_personal_view(request, obj)  # shown in full: recorded (masked: nothing)
        return super().render_change_form(request, context, add, change, form_url, obj)


def _masked_display(model, name: str, mask):
    def display(obj) -> str:
        value = getattr(obj, name)
        return mask(value) if value else ""

    display.short_description = f"{model._meta.get_field(name).verbose_name}（已遮盖）"
    return display


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
    from accounts import audit
    from accounts.models import PersonalDataExport

    ids = [str(pk) for pk in row_ids]
    audit.record(audit.Kind.PERSONAL_DATA_EXPORTED, user=user, target=what[:200], rows=len(ids))
    return PersonalDataExport.objects.create(
        user=user, what=what, row_count=len(ids), row_ids=",".join(ids)
    )


def record_personal_view(request, row) -> None:
    """A page that shows `row`'s ID, mobile or bank numbers in full: recorded in the audit
    record (call from the view, when `sees_personal_data(request.user, row)`)."""
    from accounts import audit

    if sees_personal_data(request.user, row):
        opts = row._meta
        audit.record(
            audit.Kind.PERSONAL_DATA_VIEWED,
            request=request,
            target=f"{opts.verbose_name} #{row.pk}",
            model=f"{opts.app_label}.{opts.model_name}",
            id=row.pk,
            path=request.path[:200],
        )


# --- Who may take a workflow's steps (accounts.steps) -------------------------------------
# Named predicates, may_<verb>_<thing>(user, obj), that the step tables of the four workflows
# name in their `may` column (with may_review_registration, may_forward_promotion,
# may_decide_promotion and may_decide_roll above). Each asks the role and the street scope.


def _holds(user, permission: str) -> bool:
    return is_working_staff(user) and user.has_perm(permission)


def may_handle_case(user, case) -> bool:
    """A case's review and service steps: staff who change cases, of the case's street."""
    return _holds(user, "services.change_serviceapplication") and staff_scope(user).includes(
        case.street_id
    )


def may_submit_registration(user, registration) -> bool:
    """Only the candidate herself submits her registration form."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and registration.account.user_id == user.pk
    )


def may_submit_roll(user, roll) -> bool:
    """A station submits its own street's subsidy roll."""
    return _holds(user, "careers.change_subsidyroll") and staff_scope(user).includes(roll.street_id)
