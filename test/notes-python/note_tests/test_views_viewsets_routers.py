"""views-viewsets-routers: ArticleViewSet behind the note's DefaultRouter (config/urls.py)."""
from unittest import mock

from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from django.urls import reverse
from rest_framework.pagination import PageNumberPagination
from rest_framework.test import APIClient

from articles.models import Article
from articles.views import ArticleViewSet


class OnePerPage(PageNumberPagination):
    page_size = 1


@override_settings(ROOT_URLCONF="config.urls")
class ArticleViewSetTests(TestCase):
    def setUp(self):
        users = get_user_model().objects
        self.ada, self.bob = users.create_user("ada"), users.create_user("bob")
        self.published = Article.objects.create(title="Out", author=self.ada, status=Article.Status.PUBLISHED)
        self.draft = Article.objects.create(title="Draft", author=self.ada)
        self.client = APIClient()

    def test_the_router_generates_the_urls_and_names_of_the_table(self):
        self.assertEqual(reverse("article-list"), "/api/articles/")
        self.assertEqual(reverse("article-drafts"), "/api/articles/drafts/")
        self.assertEqual(reverse("article-detail", args=[7]), "/api/articles/7/")
        self.assertEqual(reverse("article-publish", args=[7]), "/api/articles/7/publish/")
        self.assertEqual(self.client.get("/api/").status_code, 200)  # DefaultRouter's API root

    def test_list_shows_published_articles_with_the_list_serializer(self):
        response = self.client.get("/api/articles/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), [{"id": self.published.id, "title": "Out", "status": "published"}])

    def test_retrieve_uses_the_full_serializer(self):
        self.assertIn("body", self.client.get(f"/api/articles/{self.published.id}/").json())

    def test_create_sets_the_author_from_the_request(self):
        self.client.force_authenticate(self.bob)
        response = self.client.post("/api/articles/", {"title": "Mine", "author": self.ada.id}, format="json")
        self.assertEqual(response.status_code, 201)
        self.assertEqual(Article.objects.get(id=response.json()["id"]).author, self.bob)

    def test_anonymous_writes_are_refused(self):
        self.assertEqual(self.client.post("/api/articles/", {"title": "x"}, format="json").status_code, 403)

    def test_publish_is_post_only_and_checks_object_permissions(self):
        url = f"/api/articles/{self.draft.id}/publish/"
        self.client.force_authenticate(self.bob)
        self.assertEqual(self.client.post(url).status_code, 403)
        self.client.force_authenticate(self.ada)
        self.assertEqual(self.client.get(url).status_code, 405)
        response = self.client.post(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "published")

    def test_drafts_needs_a_user_and_shows_only_their_drafts(self):
        Article.objects.create(title="Bob's draft", author=self.bob)
        self.assertEqual(self.client.get("/api/articles/drafts/").status_code, 403)
        self.client.force_authenticate(self.ada)
        response = self.client.get("/api/articles/drafts/")
        self.assertEqual(response.status_code, 200)
        # No pagination configured: paginate_queryset() returned None and the action answered a plain list.
        self.assertEqual([article["title"] for article in response.json()], ["Draft"])

    def test_drafts_paginates_when_the_view_has_a_paginator(self):
        Article.objects.create(title="Second draft", author=self.ada)
        self.client.force_authenticate(self.ada)
        with mock.patch.object(ArticleViewSet, "pagination_class", OnePerPage):
            body = self.client.get("/api/articles/drafts/").json()
        self.assertEqual(body["count"], 2)
        self.assertEqual(len(body["results"]), 1)
        self.assertTrue(body["next"].endswith("/api/articles/drafts/?page=2"))
