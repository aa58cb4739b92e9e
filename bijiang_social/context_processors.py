from django.db.models import Max
from django.utils.functional import SimpleLazyObject

from bijiang_social.models import GuideSection, GuideSource, KeyFigure


def _last_updated():
    dates = [
        model.objects.aggregate(latest=Max("updated_at"))["latest"]
        for model in (GuideSource, KeyFigure, GuideSection)
    ]
    dates = [d for d in dates if d]
    return max(dates) if dates else None


def site(request):
    """The footer's source and last-update date, fetched only when a template uses them."""
    return {
        "guide_source": SimpleLazyObject(lambda: GuideSource.objects.first()),
        "content_last_updated": SimpleLazyObject(_last_updated),
    }
