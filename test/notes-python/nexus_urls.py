"""No URLs: a test that needs a note's routes names its urls module with override_settings(ROOT_URLCONF=...)."""
urlpatterns = []
