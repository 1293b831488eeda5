"""pagination-filtering: the note's settings.py and catalog/api.py (ProductViewSet, FeedPagination).

On SQLite `icontains` compiles to LIKE; the PostgreSQL SQL the note shows is checked by compiling the same
queryset with Django's PostgreSQL backend, which needs psycopg2 but no server (Django 3.2's
lookup_cast() matches 5.2's for these lookups).
"""
import base64
from datetime import timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlparse

from django.contrib.auth import get_user_model
from django.db.backends.postgresql.base import DatabaseWrapper
from django.test import TestCase, override_settings
from django.urls import include, path
from django.utils import timezone
from rest_framework.routers import DefaultRouter
from rest_framework.test import APIClient

from catalog.api import FeedViewSet, ProductViewSet
from catalog.models import Category, Post, Product

router = DefaultRouter()
router.register("products", ProductViewSet)
router.register("feed", FeedViewSet)
urlpatterns = [path("api/", include(router.urls))]


def cursor_tokens(url):
    """The decoded cursor of a next/previous link: DRF's base64 of a query string with o, r and p."""
    raw = parse_qs(urlparse(url).query)["cursor"][0]
    return parse_qs(base64.b64decode(raw).decode("ascii"))


@override_settings(ROOT_URLCONF=__name__)
class ProductListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        books, games = Category.objects.create(name="Books"), Category.objects.create(name="Games")
        rows = [("Two Scoops of Django", "DJ-2", "45.00", books), ("Django for APIs", "API-1", "39.00", books),
                ("Django Unchained", "MOV-9", "9.00", books), ("Django board game", "DJ-7", "25.00", games)]
        for name, sku, price, category in rows:
            Product.objects.create(name=name, sku=sku, price=Decimal(price), category=category)
        Product.objects.bulk_create(
            Product(name=f"Filler {i}", sku=f"F-{i}", price=Decimal(i), category=games) for i in range(130)
        )
        cls.books = books

    def setUp(self):
        self.client = APIClient()

    def test_the_worked_example_filters_searches_orders_and_paginates(self):
        body = self.client.get(
            f"/api/products/?category={self.books.id}&min_price=10&search=django&ordering=-price"
        ).json()
        self.assertEqual(set(body), {"count", "next", "previous", "results"})
        self.assertEqual([p["name"] for p in body["results"]], ["Two Scoops of Django", "Django for APIs"])

    def test_search_terms_must_each_match_and_a_caret_field_matches_the_start(self):
        names = lambda query: sorted(p["name"] for p in self.client.get(f"/api/products/?search={query}").json()["results"])
        self.assertEqual(names("django game"), ["Django board game"])
        self.assertEqual(names("dj-"), ["Django board game", "Two Scoops of Django"])  # ^sku: istartswith
        self.assertEqual(names("J-2"), [])  # the middle of a sku does not match ^sku

    def test_page_size_is_client_controlled_up_to_the_maximum(self):
        self.assertEqual(len(self.client.get("/api/products/").json()["results"]), 20)
        self.assertEqual(len(self.client.get("/api/products/?page_size=50").json()["results"]), 50)
        self.assertEqual(len(self.client.get("/api/products/?page_size=5000").json()["results"]), 100)

    def test_ordering_outside_the_whitelist_and_unknown_filters_are_silently_ignored(self):
        default = self.client.get("/api/products/").json()["results"]
        self.assertEqual(self.client.get("/api/products/?ordering=sku").json()["results"], default)
        self.assertEqual(self.client.get("/api/products/?categroy=1").json()["count"], 134)

    def test_icontains_is_upper_like_on_postgresql_not_ilike(self):
        queryset = Product.objects.filter(name__icontains="django")
        postgres = DatabaseWrapper({**self.settings_dict(), "ENGINE": "django.db.backends.postgresql"})
        sql, params = queryset.query.get_compiler(connection=postgres).as_sql()
        self.assertIn('UPPER("catalog_product"."name"::text) LIKE UPPER(%s)', sql)
        self.assertNotIn("ILIKE", sql)
        self.assertEqual(params, ("%django%",))

    @staticmethod
    def settings_dict():
        return {"NAME": "notes", "USER": "", "PASSWORD": "", "HOST": "", "PORT": "", "OPTIONS": {},
                "TIME_ZONE": None, "CONN_MAX_AGE": 0, "AUTOCOMMIT": True, "ATOMIC_REQUESTS": False}


@override_settings(ROOT_URLCONF=__name__)
class FeedCursorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        author = get_user_model().objects.create_user("ada")
        start = timezone.now().replace(microsecond=0)
        # 60 posts a second apart, except that the 50th and 51st newest share their timestamp.
        times = [start - timedelta(seconds=i) for i in range(60)]
        times[50] = times[49]
        Post.objects.bulk_create(Post(title=f"post {i}", author=author, created=t) for i, t in enumerate(times))
        Post.objects.create(title="hidden", author=author, created=start, published=False)

    def test_the_cursor_holds_only_the_first_ordering_field_and_an_offset_for_ties(self):
        page = self.client.get("/api/feed/").json()
        self.assertEqual(set(page), {"next", "previous", "results"})
        self.assertEqual(len(page["results"]), 50)
        # "-id" orders the tie: post 50 ends the page and post 49, with the same "created", starts the next.
        self.assertEqual([post["title"] for post in page["results"][-2:]], ["post 48", "post 50"])
        tokens = cursor_tokens(page["next"])
        # Only "created" is in the cursor: the last value unlike the next page's first, plus rows to skip.
        self.assertEqual(tokens, {"p": [str(Post.objects.get(title="post 48").created)], "o": ["1"]})

    def test_following_next_links_visits_every_published_post_once_in_order(self):
        titles, url = [], "/api/feed/"
        while url:
            page = self.client.get(url).json()
            titles += [post["title"] for post in page["results"]]
            url = page["next"]
        expected = [f"post {i}" for i in range(60)]
        expected[49:51] = ["post 50", "post 49"]
        self.assertEqual(titles, expected)

    def test_a_cursor_that_does_not_decode_is_a_404(self):
        response = self.client.get("/api/feed/?cursor=not-base64!")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "Invalid cursor"})
