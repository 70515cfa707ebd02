"""How big each scale's dataset is, and how a province's staff is shared out by unit kind."""

from guongsang.orgs.enums import UnitKind as K

SCALES = {
    "province": dict(
        bodies=40,
        divisions=7,
        services=3,
        high_schools=60,
        hospitals=20,
        communes=None,
        units=5_000,
        people=200_000,
        households=20_000,
    ),
    "small": dict(
        bodies=8,
        divisions=3,
        services=0,
        high_schools=3,
        hospitals=1,
        communes=6,
        units=100,
        people=4_000,
        households=400,
    ),
    # For tests: about 50 units, 500 people, 100 households, 2,000 title records.
    "tiny": dict(
        bodies=4,
        divisions=2,
        services=0,
        high_schools=2,
        hospitals=1,
        communes=4,
        units=50,
        people=500,
        households=100,
    ),
}
CITIZENS_PER_HOUSEHOLD = 3.2
# Relative head-count of a unit, by kind (the province's staff is shared out by these).
STAFF_WEIGHT = {
    K.PROVINCE: 0.3,
    K.DEPARTMENT: 0.5,
    K.ARMED_FORCES: 2.0,
    K.MASS_ORGANISATION: 0.4,
    K.PARTY: 0.4,
    K.OTHER: 0.6,
    K.DIVISION: 1.0,
    K.PUBLIC_SERVICE: 2.5,
    K.SCHOOL: 3.5,
    K.HOSPITAL: 20.0,
    K.COMMUNE: 0.4,
    K.TEAM: 0.0,
}
