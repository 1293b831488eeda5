from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register('orders', views.OrderViewSet, basename='order')

ping = [path('ping/', views.NamespacePing.as_view(), name='ping')]

urlpatterns = [
    path('tags/', views.TagCreate.as_view()),
    path('tags/<int:pk>/', views.TagUpdate.as_view()),
    path('memberships/', views.MembershipCreate.as_view()),
    path('perm/staff-or-read-only/', views.StaffOrReadOnly.as_view()),
    path('perm/non-staff/', views.NonStaff.as_view()),
    path('query-versioned/', views.QueryVersioned.as_view(), name='query-versioned'),
    path('ns/v1/', include((ping, 'extra'), namespace='v1')),
    path('ns/v2/', include((ping, 'extra'), namespace='v2')),
    path('auth-token/', views.ObtainToken.as_view()),
    path('token-me/', views.TokenMe.as_view()),
    path('upload/', views.Upload.as_view()),
    path('', include(router.urls)),
]
