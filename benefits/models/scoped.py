"""The queryset of a record held by a ward (its `ward` field): every read starts with
visible_to, as the register's do."""

from django.db import models

from areas.scope import ward_q


class WardScopedQuerySet(models.QuerySet):
    def visible_to(self, user, *, write: bool = False):
        return self.filter(ward_q(user, write=write))
