from django.conf import settings
from django.db import models


class Booking(models.Model):
    room = models.PositiveIntegerField()
    start = models.DateTimeField()
    end = models.DateTimeField()
    guests = models.PositiveSmallIntegerField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookings")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["room", "start"], name="one_booking_per_room_start")]
