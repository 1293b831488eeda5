from rest_framework import serializers

from .models import Order


class OrderSerializer(serializers.ModelSerializer):
    class Meta:
        model = Order
        fields = ["id", "number", "total", "notes"]


class OrderSerializerV1(serializers.ModelSerializer):
    class Meta:
        model = Order
        fields = ["id", "number", "total"]
