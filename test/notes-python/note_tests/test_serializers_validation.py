"""serializers-validation: BookingSerializer and the hand-written BookingCreate view, as the note writes them."""
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.utils import timezone
from rest_framework.test import APIRequestFactory, force_authenticate

from bookings.models import Booking
from bookings.serializers import BookingSerializer
from bookings.views import BookingCreate


class BookingSerializerTests(TestCase):
    def setUp(self):
        self.user = get_user_model().objects.create_user("ada")
        self.request = APIRequestFactory().post("/bookings/")
        self.request.user = self.user  # what CurrentUserDefault reads
        self.start = timezone.now() + timedelta(days=1)

    def serializer(self, instance=None, **changes):
        data = {
            "room": 3,
            "start": self.start.isoformat(),
            "end": (self.start + timedelta(hours=2)).isoformat(),
            "guests": 2,
            **changes,
        }
        return BookingSerializer(instance, data=data, context={"request": self.request})

    def test_a_valid_booking_is_saved_with_the_request_user_as_owner(self):
        other = get_user_model().objects.create_user("mallory")
        serializer = self.serializer(owner=other.pk)  # a HiddenField ignores the body
        self.assertTrue(serializer.is_valid(), serializer.errors)
        booking = serializer.save()
        self.assertEqual(booking.owner, self.user)
        self.assertNotIn("owner", serializer.data)
        self.assertIn("created", serializer.data)

    def test_guests_out_of_range_gives_the_field_error_of_the_note(self):
        serializer = self.serializer(guests=9)
        self.assertFalse(serializer.is_valid())
        self.assertEqual(serializer.errors, {"guests": ["Ensure this value is less than or equal to 8."]})

    def test_a_start_in_the_past_fails_validate_start(self):
        serializer = self.serializer(start=(timezone.now() - timedelta(hours=1)).isoformat())
        self.assertFalse(serializer.is_valid())
        self.assertEqual(serializer.errors, {"start": ["Bookings cannot start in the past."]})

    def test_end_before_start_fails_validate_under_end(self):
        serializer = self.serializer(end=(self.start - timedelta(hours=1)).isoformat())
        self.assertFalse(serializer.is_valid())
        self.assertEqual(serializer.errors, {"end": ["end must be after start."]})

    def test_validate_does_not_run_while_a_field_is_invalid(self):
        serializer = self.serializer(guests=9, end=(self.start - timedelta(hours=1)).isoformat())
        self.assertFalse(serializer.is_valid())
        self.assertEqual(set(serializer.errors), {"guests"})

    def test_a_double_booking_fails_the_unique_together_validator(self):
        first = self.serializer()
        self.assertTrue(first.is_valid(), first.errors)
        first.save()
        second = self.serializer(guests=4)
        self.assertFalse(second.is_valid())
        self.assertEqual(second.errors, {"non_field_errors": ["This room is already booked at that time."]})

    def test_a_partial_update_reads_the_missing_start_from_the_instance(self):
        booking = Booking.objects.create(
            room=1, start=self.start, end=self.start + timedelta(hours=1), guests=1, owner=self.user
        )
        serializer = BookingSerializer(
            booking, data={"end": (self.start - timedelta(hours=1)).isoformat()}, partial=True,
            context={"request": self.request},
        )
        self.assertFalse(serializer.is_valid())
        self.assertEqual(serializer.errors, {"end": ["end must be after start."]})

    def test_reading_data_before_is_valid_raises_an_assertion_error(self):
        with self.assertRaises(AssertionError):
            self.serializer().data


class BookingCreateViewTests(TestCase):
    def post(self, data):
        request = APIRequestFactory().post("/bookings/", data, format="json")
        force_authenticate(request, user=self.user)
        return BookingCreate.as_view()(request)

    def setUp(self):
        self.user = get_user_model().objects.create_user("ada")

    def test_valid_input_gives_201_with_the_booking(self):
        start = timezone.now() + timedelta(days=2)
        response = self.post({"room": 5, "start": start.isoformat(), "end": (start + timedelta(hours=1)).isoformat(), "guests": 3})
        self.assertEqual(response.status_code, 201, response.data)
        self.assertEqual(response.data["room"], 5)
        self.assertEqual(Booking.objects.get().owner, self.user)

    def test_invalid_input_gives_400_keyed_by_field(self):
        response = self.post({"room": 5, "guests": 0})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.data["guests"], ["Ensure this value is greater than or equal to 1."])
        self.assertEqual(response.data["start"], ["This field is required."])
