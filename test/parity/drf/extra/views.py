"""The reference for the snippets beside the blog API (drf-unique-validators, drf-writable-nested-serializer,
drf-get-serializer-class, drf-permission-composition, drf-versioning-query, drf-versioning-namespace, drf-token-auth,
drf-file-upload), mounted under /extra/ like the composed API's extras.ts. Unthrottled on both sides."""
from django.db import transaction
from rest_framework import generics, mixins, permissions, serializers, viewsets
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.versioning import NamespaceVersioning, QueryParameterVersioning
from rest_framework.views import APIView

from .models import Membership, Order, OrderItem, Tag


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ['id', 'name']


class MembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Membership
        fields = ['id', 'team', 'username', 'note']


class ItemSerializer(serializers.ModelSerializer):
    quantity = serializers.IntegerField(min_value=1)

    class Meta:
        model = OrderItem
        fields = ['sku', 'quantity']


class OrderSerializer(serializers.ModelSerializer):
    items = ItemSerializer(many=True)

    class Meta:
        model = Order
        fields = ['id', 'customer', 'items']

    def create(self, validated_data):
        items = validated_data.pop('items')
        with transaction.atomic():
            order = Order.objects.create(**validated_data)
            for item in items:
                OrderItem.objects.create(order=order, **item)
        return order


class OrderListSerializer(serializers.ModelSerializer):
    class Meta:
        model = Order
        fields = ['id', 'customer']


class Unthrottled:
    throttle_classes = []


class TagCreate(Unthrottled, generics.CreateAPIView):
    queryset = Tag.objects.all()
    serializer_class = TagSerializer


class TagUpdate(Unthrottled, mixins.UpdateModelMixin, generics.GenericAPIView):
    queryset = Tag.objects.all()
    serializer_class = TagSerializer

    def put(self, request, *args, **kwargs):
        return self.update(request, *args, **kwargs)


class MembershipCreate(Unthrottled, generics.CreateAPIView):
    queryset = Membership.objects.all()
    serializer_class = MembershipSerializer


class OrderViewSet(Unthrottled, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    queryset = Order.objects.order_by('id').prefetch_related('items')

    def get_serializer_class(self):
        return OrderListSerializer if self.action == 'list' else OrderSerializer


class ReadOnly(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS


class StaffOrReadOnly(Unthrottled, APIView):
    permission_classes = [permissions.IsAdminUser | ReadOnly]

    def get(self, request):
        return Response({'ok': True})

    def post(self, request):
        return Response({'ok': True})


class NonStaff(Unthrottled, APIView):
    permission_classes = [permissions.IsAuthenticated & ~permissions.IsAdminUser]

    def get(self, request):
        return Response({'ok': True})


class QueryVersioned(Unthrottled, APIView):
    versioning_class = QueryParameterVersioning

    def get(self, request):
        return Response({'version': request.version, 'url': reverse('query-versioned', request=request)})


class PingNamespaceVersioning(NamespaceVersioning):
    allowed_versions = ['v1', 'v2']
    default_version = None


class NamespacePing(Unthrottled, APIView):
    versioning_class = PingNamespaceVersioning

    def get(self, request):
        return Response({'version': request.version, 'url': reverse('ping', request=request)})


class ObtainToken(Unthrottled, ObtainAuthToken):
    pass


class TokenMe(Unthrottled, APIView):
    authentication_classes = [TokenAuthentication]
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request):
        return Response({'username': request.user.username})


MAX_UPLOAD_BYTES = 2 * 1024 * 1024
ALLOWED_CONTENT_TYPES = ['text/plain', 'text/csv', 'image/png', 'application/pdf']


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField()

    def validate_file(self, upload):
        if upload.size > MAX_UPLOAD_BYTES:
            raise serializers.ValidationError(f'The file may not be larger than {MAX_UPLOAD_BYTES} bytes.')
        if upload.content_type not in ALLOWED_CONTENT_TYPES:
            raise serializers.ValidationError(f'Unsupported file type "{upload.content_type}".')
        return upload


class Upload(Unthrottled, APIView):
    parser_classes = [MultiPartParser]
    permission_classes = [permissions.IsAuthenticated]

    def post(self, request):
        serializer = UploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data['file']
        return Response({'name': upload.name, 'size': upload.size, 'content_type': upload.content_type}, status=201)
