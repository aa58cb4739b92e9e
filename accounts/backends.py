"""Authentication backends: the password, only at the person's own door; an outside identity,
only for the audience it is bound in (never staff).

In AUTHENTICATION_BACKENDS after django-axes' backend (which counts failures and locks a
user name + address pair). `DoorBackend` replaces Django's ModelBackend: a password checked
anywhere but at a door (`accounts.doors`) opens nothing.
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from accounts import audiences
from accounts.doors import door_of

PASSWORD_BACKEND = "accounts.backends.DoorBackend"
EXTERNAL_BACKEND = "accounts.backends.ExternalIdentityBackend"


class DoorBackend(ModelBackend):
    """Django's user name + password check, then: is this the person's audience's door?

    A person at another audience's door is refused exactly like a wrong password: the
    password is checked either way (the same time), the answer is None, Django sends
    `user_login_failed`, the form shows its "wrong user name or password" message."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        door = door_of(request)
        if door is None:
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None or audiences.audience_of(user) != door.audience:
            return None
        return user


class ExternalIdentityBackend(ModelBackend):
    """A person proven by an identity provider (`accounts.providers`), for one audience."""

    def authenticate(self, request, provider=None, subject=None, audience=None, **kwargs):
        if provider is None or not subject or audience in (None, audiences.STAFF):
            return None
        from accounts.models import ExternalIdentity

        identity = (
            ExternalIdentity.objects.select_related("user")
            .filter(provider=provider, subject=subject)
            .first()
        )
        if identity is None:
            return None
        user = identity.user
        if not self.user_can_authenticate(user) or audiences.audience_of(user) != audience:
            return None
        return user
