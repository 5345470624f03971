from ocop.producers.tests.conftest import (  # noqa: F401 - shared fixtures
    commune_officer,
    council_member,
    national_office,
    neighbour_user,
    other_province_office,
    producer_user,
    province_office,
)
