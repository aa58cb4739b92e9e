"""Many community points at once, for the query-budget tests."""

from accounts.models import Street
from services.models import ServiceDomain, ServicePoint


def add_community_points(street_slug: str, how_many: int) -> list[ServicePoint]:
    """`how_many` community points in a street, each with coordinates and every domain."""
    street = Street.objects.get(slug=street_slug)
    created = ServicePoint.objects.bulk_create(
        ServicePoint(
            level=ServicePoint.Level.COMMUNITY,
            name=f"测试点{n}",
            slug=f"test-{n}",
            street=street,
            address="铜兴大道",
            opening_hours="周一至周五",
            phone="0856-0000999",
            latitude=27.69 + n / 10000,
            longitude=109.20,
        )
        for n in range(how_many)
    )
    through = ServicePoint.domains.through
    through.objects.bulk_create(
        through(servicepoint_id=point.pk, servicedomain_id=domain.pk)
        for point in created
        for domain in ServiceDomain.objects.all()
    )
    return created
