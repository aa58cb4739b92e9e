from decimal import Decimal

from django import template

from recruitment.rules import fmt

register = template.Library()


@register.filter
def score(value) -> str:
    """A score as people write it: 62, 62.5, 78.8 (never 78.800)."""
    if value is None or value == "":
        return ""
    return fmt(Decimal(value))
