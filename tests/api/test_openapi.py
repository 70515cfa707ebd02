import json

from django.test import Client

from tests import factories
from tests.api.conftest import session_client

EXPECTED_PATHS = {
    "/api/units": {"get", "post"},
    "/api/units/{unit_id}": {"get", "patch"},
    "/api/units/{unit_id}/children": {"get"},
    "/api/units/{unit_id}/move": {"post"},
    "/api/units/{unit_id}/rename": {"post"},
    "/api/units/merge": {"post"},
    "/api/units/{unit_id}/split": {"post"},
    "/api/units/{unit_id}/dissolve": {"post"},
    "/api/groups": {"get", "post"},
    "/api/groups/{group_id}": {"get", "patch"},
    "/api/people": {"get", "post"},
    "/api/people/{person_id}": {"get", "patch"},
    "/api/people/{person_id}/move": {"post"},
    "/api/households": {"get", "post"},
    "/api/households/{household_id}": {"get", "patch"},
    "/api/titles": {"get"},
    "/api/title-records": {"get", "post"},
    "/api/title-records/{record_id}": {"get", "patch"},
}


def test_openapi_schema_is_served_and_valid(db):
    response = Client().get("/api/openapi.json")

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Gương Sáng API"
    operations = {
        path: {method for method in item if method in {"get", "post", "patch", "put", "delete"}}
        for path, item in schema["paths"].items()
    }
    # The foundation's endpoints are all there (later apps add their own).
    assert {path: operations.get(path) for path in EXPECTED_PATHS} == EXPECTED_PATHS
    assert all(methods for methods in operations.values())
    try:
        from openapi_spec_validator import validate
    except ImportError:  # pragma: no cover - the check above still ran
        return
    validate(schema)


def test_openapi_list_declares_page_size_limit(db):
    schema = Client().get("/api/openapi.json").json()

    parameters = {p["name"]: p for p in schema["paths"]["/api/units"]["get"]["parameters"]}

    assert parameters["limit"]["schema"]["maximum"] == 500
    assert {"q", "kind", "status", "unit", "offset"} <= set(parameters)


def test_api_docs_page_is_served(db):
    client = session_client(factories.UserFactory())

    response = client.get("/api/docs")

    assert response.status_code == 200
    assert b"openapi.json" in response.content
