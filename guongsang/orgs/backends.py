from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    """Username/password sign-in and session users; permissions come only from `rules`.

    Django's model permissions are not used here (superusers pass every check anyway), so
    skipping them saves two queries on every request that checks a permission.
    """

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()
