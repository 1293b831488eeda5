"""rest-design: PostSerializer and PostViewSet from blog/api.py behind the note's config/urls.py."""
from django.test import TestCase, override_settings
from rest_framework.test import APIClient

from blog.models import Post


@override_settings(ROOT_URLCONF="config.urls")
class PostApiTests(TestCase):
    def setUp(self):
        self.client = APIClient()

    def test_create_answers_201_with_a_location_taken_from_the_url_field(self):
        response = self.client.post("/api/posts/", {"title": "Hello", "body": "World", "status": "published"}, format="json")
        self.assertEqual(response.status_code, 201)
        post = Post.objects.get()
        self.assertEqual(response["Location"], f"http://testserver/api/posts/{post.id}/")
        self.assertEqual(response.json()["url"], response["Location"])
        self.assertEqual(post.status, Post.Status.DRAFT)  # status is read-only

    def test_publish_then_publish_again_is_a_409(self):
        post = Post.objects.create(title="Hello")
        first = self.client.post(f"/api/posts/{post.id}/publish/")
        self.assertEqual(first.status_code, 200)
        self.assertEqual(first.json()["status"], "published")
        second = self.client.post(f"/api/posts/{post.id}/publish/")
        self.assertEqual(second.status_code, 409)
        self.assertEqual(second.json(), {"detail": "Already published."})

    def test_delete_answers_204_and_a_missing_post_404(self):
        post = Post.objects.create(title="Bye")
        self.assertEqual(self.client.delete(f"/api/posts/{post.id}/").status_code, 204)
        self.assertEqual(self.client.get(f"/api/posts/{post.id}/").status_code, 404)

    def test_put_on_the_collection_is_405_with_an_allow_header(self):
        response = self.client.put("/api/posts/", {}, format="json")
        self.assertEqual(response.status_code, 405)
        self.assertEqual(response["Allow"], "GET, POST, HEAD, OPTIONS")

    def test_a_post_without_the_trailing_slash_cannot_be_redirected(self):
        with override_settings(DEBUG=True), self.assertRaisesMessage(RuntimeError, "APPEND_SLASH"):
            self.client.post("/api/posts", {"title": "x"}, format="json")
        self.assertEqual(self.client.post("/api/posts", {"title": "x"}, format="json").status_code, 301)
