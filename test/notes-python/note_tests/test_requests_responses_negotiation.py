"""requests-responses-negotiation: CSVRenderer and ReportView, and the negotiation the note describes."""
from django.test import TestCase, override_settings
from django.urls import path
from rest_framework.test import APIClient

from reports.views import ReportView

urlpatterns = [path("api/reports/", ReportView.as_view())]


@override_settings(ROOT_URLCONF=__name__)
class NegotiationTests(TestCase):
    def setUp(self):
        self.client = APIClient()

    def get(self, accept=None, url="/api/reports/"):
        return self.client.get(url, **({"HTTP_ACCEPT": accept} if accept else {}))

    def test_a_json_body_is_parsed_and_answered_with_201(self):
        response = self.client.post("/api/reports/", '{"year": 2024}', content_type="application/json")
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(response.json()["year"], 2024)

    def test_another_content_type_is_a_415(self):
        response = self.client.post("/api/reports/", "year=2024", content_type="text/plain")
        self.assertEqual(response.status_code, 415)
        self.assertEqual(response.json(), {"detail": 'Unsupported media type "text/plain" in request.'})

    def test_malformed_json_is_a_400_parse_error(self):
        response = self.client.post("/api/reports/", '{"year": 2024', content_type="application/json")
        self.assertEqual(response.status_code, 400)
        self.assertTrue(response.json()["detail"].startswith("JSON parse error - "))

    def test_accept_text_csv_selects_the_csv_renderer(self):
        response = self.get("text/csv")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertEqual(response.content.decode().splitlines()[0], "year,orders,revenue")
        self.assertIn("Accept", response["Vary"])

    def test_an_unsatisfiable_accept_is_a_406(self):
        response = self.get("application/xml")
        self.assertEqual(response.status_code, 406)
        self.assertEqual(response.json(), {"detail": "Could not satisfy the request Accept header."})

    def test_no_accept_header_gets_the_first_renderer(self):
        self.assertEqual(self.get()["Content-Type"], "application/json")

    def test_q_values_are_ignored(self):
        # Equally specific entries: the first renderer (JSON) wins although the client prefers CSV.
        self.assertEqual(self.get("application/json;q=0.5, text/csv")["Content-Type"], "application/json")
        # Even q=0, "not acceptable" in RFC 9110, still selects the renderer.
        self.assertEqual(self.get("text/csv;q=0")["Content-Type"], "text/csv; charset=utf-8")

    def test_a_more_specific_media_type_wins_over_renderer_order(self):
        self.assertEqual(self.get("*/*, text/csv")["Content-Type"], "text/csv; charset=utf-8")

    def test_the_format_query_parameter_narrows_the_renderers_and_accept_must_still_match(self):
        self.assertEqual(self.get(None, "/api/reports/?format=csv")["Content-Type"], "text/csv; charset=utf-8")
        self.assertEqual(self.get("application/json", "/api/reports/?format=csv").status_code, 406)
        self.assertEqual(self.get(None, "/api/reports/?format=xml").status_code, 404)
