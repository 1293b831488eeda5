from django.db import models


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)


class Membership(models.Model):
    team = models.CharField(max_length=50)
    username = models.CharField(max_length=150)
    note = models.CharField(max_length=10, blank=True, default='')

    class Meta:
        unique_together = [('team', 'username')]


class Order(models.Model):
    customer = models.CharField(max_length=100)


class OrderItem(models.Model):
    order = models.ForeignKey(Order, related_name='items', on_delete=models.CASCADE)
    sku = models.CharField(max_length=32)
    quantity = models.IntegerField()

    class Meta:
        ordering = ['id']
