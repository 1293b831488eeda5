from django.db import models


class Order(models.Model):
    number = models.CharField(max_length=20)
    total = models.DecimalField(max_digits=8, decimal_places=2)
    notes = models.TextField(blank=True)
