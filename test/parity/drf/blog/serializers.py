from django.contrib.auth import get_user_model
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.serializers import TokenRefreshSerializer
from rest_framework_simplejwt.settings import api_settings as jwt_settings

from .models import Article, Comment


class OwnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = get_user_model()
        fields = ['id', 'username']


class ArticleSerializer(serializers.ModelSerializer):
    owner = OwnerSerializer(read_only=True)
    body = serializers.CharField(max_length=10000, allow_blank=True, required=False)

    class Meta:
        model = Article
        fields = ['id', 'title', 'body', 'status', 'owner', 'created_at', 'updated_at']
        read_only_fields = ['id', 'owner', 'created_at', 'updated_at']

    def validate(self, attrs):
        # Under partial=True attrs holds only what was sent; the instance supplies the rest, as a DRF project would.
        status = attrs.get('status', getattr(self.instance, 'status', 'draft'))
        body = attrs.get('body', getattr(self.instance, 'body', ''))
        if status == 'published' and len(body.strip()) < 20:
            raise serializers.ValidationError({'body': ['A published article needs a body of at least 20 characters.']})
        return attrs


class CommentSerializer(serializers.ModelSerializer):
    body = serializers.CharField(max_length=2000)

    class Meta:
        model = Comment
        fields = ['id', 'article', 'author', 'body', 'created_at']
        read_only_fields = ['id', 'article', 'author', 'created_at']


class MeSerializer(serializers.ModelSerializer):
    class Meta:
        model = get_user_model()
        fields = ['id', 'username', 'email', 'is_staff']


class ActiveUserTokenRefreshSerializer(TokenRefreshSerializer):
    """simplejwt 5.2 refreshes for a deactivated user; 5.3.1 and later refuse. This backports the later check."""

    default_error_messages = {'no_active_account': 'No active account found for the given token.'}

    def validate(self, attrs):
        refresh = self.token_class(attrs['refresh'])
        user_id = refresh.payload.get(jwt_settings.USER_ID_CLAIM, None)
        user = get_user_model().objects.filter(**{jwt_settings.USER_ID_FIELD: user_id}).first() if user_id else None
        if user is not None and not jwt_settings.USER_AUTHENTICATION_RULE(user):
            raise AuthenticationFailed(self.error_messages['no_active_account'], 'no_active_account')
        return super().validate(attrs)
