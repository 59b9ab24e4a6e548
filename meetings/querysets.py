"""Reusable queries: methods named for what they mean, one page-shaped method per page.

Querysets read; they never write.
"""

from django.db import models


class WorkingGroupQuerySet(models.QuerySet):
    def with_session_count(self):
        return self.annotate(
            session_count=models.Count(
                "sessions", filter=models.Q(sessions__status="held"), distinct=True
            )
        )

    def involving(self, *alpha3_codes: str):
        """Groups in which every one of the given countries takes part."""
        queryset = self
        for code in alpha3_codes:
            queryset = queryset.filter(parties__alpha3=code)
        return queryset.distinct() if alpha3_codes else queryset


class SessionQuerySet(models.QuerySet):
    def held(self):
        return self.filter(status="held")

    def planned(self):
        return self.filter(status="planned")


class OfficialQuerySet(models.QuerySet):
    pass


class ArticleQuerySet(models.QuerySet):
    def meetings(self):
        return self.filter(outcome="meeting")
