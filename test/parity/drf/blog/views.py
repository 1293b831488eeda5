import json

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.decorators.vary import vary_on_headers
from django.views.decorators.csrf import csrf_exempt
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters, generics, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404 as get_visible_or_404
from rest_framework.pagination import CursorPagination, LimitOffsetPagination, PageNumberPagination
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.versioning import AcceptHeaderVersioning
from rest_framework.views import APIView
from rest_framework_simplejwt import views as jwt_views

from .filters import ArticleFilterSet
from .models import Article, Comment
from .serializers import ActiveUserTokenRefreshSerializer, ArticleSerializer, CommentSerializer, MeSerializer


class StandardPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = 'page_size'
    max_page_size = 100


class StandardLimitOffsetPagination(LimitOffsetPagination):
    default_limit = 20
    max_limit = 100


class IdCursorPagination(CursorPagination):
    ordering = '-id'
    page_size = 20


class IsOwnerOrReadOnly(permissions.BasePermission):
    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or obj.owner_id == request.user.id


class IsAuthorOrReadOnly(permissions.BasePermission):
    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or obj.author_id == request.user.id or request.user.is_staff


# The composed API wraps these views in cache_page(60) + vary_on_headers('Authorization'). The reference keeps the
# Vary contract but not the cache: Django's cache_page never invalidates on writes (the snippet's does), so a real
# one here would compare staleness instead of the API. The page cache itself is tested against real Redis.
vary_on_authorization = method_decorator(vary_on_headers('Authorization'), name='dispatch')


def visible_articles(user):
    """Staff see every article, users their own and published ones, anonymous users published ones."""
    queryset = Article.objects.select_related('owner')
    if user.is_staff:
        return queryset
    if user.is_authenticated:
        return queryset.filter(Q(status='published') | Q(owner=user))
    return queryset.filter(status='published')


@vary_on_authorization
class ArticleViewSet(viewsets.ModelViewSet):
    serializer_class = ArticleSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, IsOwnerOrReadOnly]
    pagination_class = StandardPagination
    filter_backends = [DjangoFilterBackend, filters.SearchFilter, filters.OrderingFilter]
    filterset_class = ArticleFilterSet
    search_fields = ['title', 'body']
    ordering_fields = ['id', 'title', 'created_at']
    ordering = ['-id']

    def get_queryset(self):
        return visible_articles(self.request.user)

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)

    @action(detail=True, methods=['post'])
    def publish(self, request, pk=None):
        article = self.get_object()
        article.status = 'published'
        article.save()
        return Response(self.get_serializer(article).data)


@vary_on_authorization
class ArticleLimitOffsetList(generics.ListAPIView):
    serializer_class = ArticleSerializer
    pagination_class = StandardLimitOffsetPagination

    def get_queryset(self):
        return visible_articles(self.request.user).order_by('-id')


@vary_on_authorization
class ArticleCursorList(generics.ListAPIView):
    serializer_class = ArticleSerializer
    pagination_class = IdCursorPagination

    def get_queryset(self):
        return visible_articles(self.request.user)


@vary_on_authorization
class CommentListCreate(generics.ListCreateAPIView):
    serializer_class = CommentSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]
    pagination_class = StandardPagination

    def get_article(self):
        return get_visible_or_404(visible_articles(self.request.user), pk=self.kwargs['article_pk'])

    def get_queryset(self):
        return Comment.objects.filter(article=self.get_article()).order_by('id')

    def perform_create(self, serializer):
        serializer.save(article=self.get_article(), author=self.request.user)


@vary_on_authorization
class CommentDetail(generics.RetrieveUpdateDestroyAPIView):
    serializer_class = CommentSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, IsAuthorOrReadOnly]

    def get_queryset(self):
        # A comment is visible exactly when its article is.
        return Comment.objects.filter(article__in=visible_articles(self.request.user))


@vary_on_authorization
class MeView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request):
        return Response(MeSerializer(request.user).data)


class CSVRenderer(BaseRenderer):
    media_type = 'text/csv'
    format = 'csv'

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = data if isinstance(data, list) else [data]
        columns = list(rows[0].keys()) if rows else []
        return '\n'.join([','.join(columns)] + [','.join(str(row[c]) for c in columns) for row in rows]) + '\n'


class VersionsView(APIView):
    versioning_class = AcceptHeaderVersioning
    renderer_classes = [JSONRenderer, CSVRenderer]

    def get(self, request):
        return Response({'version': request.version})


class LoginThrottled:
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = 'login'


class TokenObtainPairView(LoginThrottled, jwt_views.TokenObtainPairView):
    pass


class TokenRefreshView(LoginThrottled, jwt_views.TokenRefreshView):
    serializer_class = ActiveUserTokenRefreshSerializer


class TokenBlacklistView(LoginThrottled, jwt_views.TokenBlacklistView):
    pass


# Test control, outside the API: what a Django shell or the admin would do.
@csrf_exempt
def control_create_user(request):
    data = json.loads(request.body)
    user = get_user_model().objects.create_user(
        username=data['username'], password=data['password'], is_staff=bool(data.get('is_staff')))
    return JsonResponse({'id': user.id, 'username': user.username}, status=201)


@csrf_exempt
def control_update_user(request, username):
    """{"is_active": false} deactivates, {"is_staff": false} demotes: what the admin would do."""
    user = get_object_or_404(get_user_model(), username=username)
    data = json.loads(request.body or '{}')
    for field in ('is_active', 'is_staff'):
        if field in data:
            setattr(user, field, bool(data[field]))
    user.save()
    return JsonResponse({'id': user.id, 'is_active': user.is_active, 'is_staff': user.is_staff})


def not_found(request, exception=None):
    return JsonResponse({'detail': 'Not found.'}, status=404)
