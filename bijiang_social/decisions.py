"""Access decisions the site layer asks about, without importing the app that decides them.

The site layer imports no app; `accounts` (which owns who may do what, in
`accounts/access.py`) fills this registry from its AppConfig.ready(). A decision nobody
registered refuses: a page of the site layer never opens by default.
"""

from collections.abc import Callable

READ_HISTORY = "read_history"
"""May this user read the change history (the 历史 pages)?"""
IMPORT_HOLIDAYS = "import_holidays"
"""May this user import the State Council's holiday arrangement?"""
IS_STAFF_MEMBER = "is_staff_member"
"""Is this user logged in as staff (her writes empty the page cache; admin banners)?"""

_rules: dict[str, Callable[..., bool]] = {}


def register(name: str, rule: Callable[..., bool]) -> None:
    _rules[name] = rule


def allows(name: str, user, *args) -> bool:
    """The registered rule's answer; False for a user of None or a rule never registered."""
    rule = _rules.get(name)
    return bool(user is not None and rule is not None and rule(user, *args))
