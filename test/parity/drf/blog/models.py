from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import models
import django.db.models.lookups  # noqa: F401 (models.lookups below)


class Article(models.Model):
    STATUS_CHOICES = [('draft', 'draft'), ('published', 'published')]

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name='articles')
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, default='')
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default='draft')
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = 'blog'
        indexes = [models.Index(fields=['owner']), models.Index(fields=['created_at'])]


class Comment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name='comments')
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name='comments')
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = 'blog'


@models.IntegerField.register_lookup
class OverflowSafeExact(models.lookups.Exact):
    """Backport of Django 5.0: filtering on an integer outside the column's range matches nothing instead of raising
    OverflowError (a 500 on Django 3.2 with sqlite), so an out-of-range id is a plain 404 as on current Django."""

    lookup_name = 'exact'

    def as_sql(self, compiler, connection):
        if isinstance(self.rhs, int) and not -(2 ** 63) <= self.rhs < 2 ** 63:
            raise EmptyResultSet
        return super().as_sql(compiler, connection)
