"""{% staff_dashboard %} on the admin index (templates/admin/index.html)."""

from django import template

from services.ratings.dashboard import dashboard

register = template.Library()


@register.inclusion_tag("services/ratings/_dashboard.html", takes_context=True)
def staff_dashboard(context) -> dict:
    return {"board": dashboard(context["request"].user)}
