from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register('articles', views.ArticleViewSet, basename='article')

urlpatterns = [
    path('api/token/', views.TokenObtainPairView.as_view()),
    path('api/token/refresh/', views.TokenRefreshView.as_view()),
    path('api/token/blacklist/', views.TokenBlacklistView.as_view()),
    path('api/me/', views.MeView.as_view()),
    path('api/versions', views.VersionsView.as_view()),
    path('api/articles-lo/', views.ArticleLimitOffsetList.as_view()),
    path('api/articles-cursor/', views.ArticleCursorList.as_view()),
    re_path(r'^api/articles/(?P<article_pk>[^/.]+)/comments/$', views.CommentListCreate.as_view()),
    re_path(r'^api/comments/(?P<pk>[^/.]+)/$', views.CommentDetail.as_view()),
    path('api/', include(router.urls)),
    path('extra/', include('extra.urls')),
    path('__parity__/users/', views.control_create_user),
    path('__parity__/users/<str:username>/', views.control_update_user),
]

handler404 = 'blog.views.not_found'
