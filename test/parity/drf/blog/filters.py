import django_filters

from .models import Article


class ArticleFilterSet(django_filters.FilterSet):
    created_after = django_filters.IsoDateTimeFilter(field_name='created_at', lookup_expr='gte')
    created_before = django_filters.IsoDateTimeFilter(field_name='created_at', lookup_expr='lte')

    class Meta:
        model = Article
        fields = ['status', 'owner']
