"""{% live_figures %}: the portal's own figures (services.ratings.data.live_figures) for the
overview, beside the guide's published ones."""

from django import template

from services.ratings.data import live_figures as compute_live_figures

register = template.Library()


@register.inclusion_tag("services/ratings/_live_figures.html")
def live_figures() -> dict:
    return {"live": compute_live_figures()}
