from guongsang.orgs import scope
from guongsang.orgs.enums import Role


def navigation(request):
    user = getattr(request, "user", None)
    return {"user_roles": [Role(code).label for code in sorted(scope.roles_of(user))]}
