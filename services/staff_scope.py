"""Which street a member of staff works for, read from her StaffProfile without importing any
model, so that both services.models and services.applications.models can use it."""


def staff_street_scope(user) -> tuple[bool, int | None]:
    """(sees every street?, the one street id otherwise) for a member of staff.

    Superusers and district-hub officers see every street; street staff see their own street;
    anyone without a StaffProfile sees nothing.
    """
    if user.is_superuser:
        return True, None
    profile = getattr(user, "staff_profile", None)
    if profile is None:
        return False, None
    return profile.is_district_hub, profile.street_id
