"""django-csp's middleware with the site-wide policy built once per process.

django-csp 4 rebuilds the Content-Security-Policy header from settings on every response
(dataclass round trips and a join, for both headers): about a fifth of a bare view's cost
here. The policy only changes with settings, so in the plain case — no nonce asked for, no
view decorator changing the policy — the header built the first time is reused, with
django-csp's own rules for when to set it. Anything else is left to django-csp. Forgotten
when a test overrides the policy settings.
"""

from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# Set on a response by csp.decorators (csp_update, csp_replace, csp …).
PER_RESPONSE = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


@cache
def site_policy(report_only: bool) -> str:
    return build_policy(report_only=report_only)


@receiver(setting_changed)
def _forget_policy(setting, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        site_policy.cache_clear()


class CachedPolicyCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            getattr(response, name, None) for name in PER_RESPONSE
        ):
            return super().process_response(request, response)
        if response.status_code in (404, 500) and settings.DEBUG:
            return response  # django-csp leaves the debug pages alone
        for header, setting, exempt, report_only in (
            (HEADER, "CONTENT_SECURITY_POLICY", "_csp_exempt", False),
            (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", "_csp_exempt_ro", True),
        ):
            value = site_policy(report_only)
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if (
                value
                and header not in response
                and not getattr(response, exempt, False)
                and not request.path_info.startswith(tuple(prefixes))
            ):
                response[header] = value
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
