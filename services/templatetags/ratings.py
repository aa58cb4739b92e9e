"""{% rating_panel %}: the 好差评 part of a tracking result (the case was found with its
reference and digits, so the page may show and post the pair)."""

from django import template

from services.applications.models import Status
from services.ratings.forms import RatingForm
from services.ratings.models import RatingPolicy
from services.ratings.rules import occasions

register = template.Library()
# Closed cases, and cases in service (their recorded evaluations can be rated).
RATABLE_STATUSES = (Status.IN_SERVICE, Status.CLOSED)


@register.inclusion_tag("services/ratings/_rating_panel.html", takes_context=True)
def rating_panel(context, case, pair_form) -> dict:
    if case.status not in RATABLE_STATUSES:
        return {"items": []}  # nothing to rate yet: no queries
    bound = context.get("rating_form")
    pair = {
        "reference": case.reference,
        "phone_last4": pair_form.cleaned_data.get("phone_last4", ""),
    }
    items = []
    policy = RatingPolicy.current()
    for occasion in occasions(case, policy=policy):
        if bound is not None:
            # A refused rating: only its own form, so its error summary leads the page.
            form = bound if bound.prefix == occasion.key else None
        else:
            latest = occasion.latest
            initial = dict(pair)
            if latest is not None and occasion.can_change:
                initial.update(level=latest.level, aspect=latest.aspect, comment=latest.comment)
            form = RatingForm(prefix=occasion.key, initial=initial)
        items.append({"occasion": occasion, "form": form})
    return {
        "items": items,
        "change_days": policy.change_days,
        "rated": context.get("rated"),
        "csrf_token": context.get("csrf_token"),
    }
