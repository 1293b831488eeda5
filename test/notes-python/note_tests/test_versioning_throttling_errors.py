"""versioning-throttling-errors: the note's config/settings.py REST_FRAMEWORK, config/urls.py, OrderViewSet
and problem_details_handler. Throttles count in LocMemCache here (see nexus_settings)."""
from django.core.cache import cache
from django.test import TestCase, override_settings
from rest_framework.test import APIClient

from core.errors import problem_details_handler
from orders.models import Order


@override_settings(ROOT_URLCONF="config.urls")
class VersioningThrottlingErrorTests(TestCase):
    def setUp(self):
        cache.clear()
        Order.objects.create(number="A-1", total="10.00", notes="ring twice")
        self.client = APIClient()

    def test_the_url_version_picks_the_serializer(self):
        self.assertEqual(set(self.client.get("/api/v1/orders/").json()[0]), {"id", "number", "total"})
        self.assertEqual(set(self.client.get("/api/v2/orders/").json()[0]), {"id", "number", "total", "notes"})

    def test_an_unknown_version_is_a_404_problem_details_body(self):
        response = self.client.get("/api/v3/orders/")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response["Content-Type"], "application/problem+json")
        self.assertEqual(response.json(), {"type": "about:blank", "title": "Not Found", "status": 404,
                                           "instance": "/api/v3/orders/", "detail": "Invalid version in URL path."})

    def test_validation_errors_go_under_errors(self):
        response = self.client.post("/api/v2/orders/", {"number": "A-2"}, format="json")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json()["errors"], {"total": ["This field is required."]})
        self.assertEqual(response.json()["title"], "Bad Request")

    def test_the_export_scope_allows_10_a_day_then_429_with_retry_after(self):
        for _ in range(10):
            self.assertEqual(self.client.get("/api/v2/orders/export/").status_code, 200)
        refused = self.client.get("/api/v2/orders/export/")
        self.assertEqual(refused.status_code, 429)
        self.assertGreater(int(refused["Retry-After"]), 86000)  # until the oldest request leaves the day
        self.assertEqual(refused.json()["title"], "Too Many Requests")
        self.assertTrue(refused.json()["detail"].startswith("Request was throttled."))
        # Other actions are not in the "exports" scope.
        self.assertEqual(self.client.get("/api/v2/orders/").status_code, 200)

    def test_the_throttle_keeps_a_list_of_timestamps_per_client(self):
        for _ in range(3):
            self.client.get("/api/v2/orders/export/")
        history = cache.get("throttle_exports_127.0.0.1")
        self.assertEqual(len(history), 3)
        self.assertEqual(history, sorted(history, reverse=True))  # newest first

    def test_num_proxies_takes_the_address_the_proxy_appended(self):
        self.client.get("/api/v2/orders/export/", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9")
        self.assertIsNotNone(cache.get("throttle_exports_198.51.100.9"))
        self.assertIsNone(cache.get("throttle_exports_6.6.6.6"))

    def test_unexpected_exceptions_are_left_to_django(self):
        self.assertIsNone(problem_details_handler(KeyError("boom"), {"request": None}))
