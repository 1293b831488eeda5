"""Settings of the throwaway Django project that runs one note's code.

NEXUS_NOTE_ROOT is a temporary folder holding the note's files (from its python blocks that start with a
file-path comment) over the support apps in support/. Every top-level package there with a models.py is an
installed app. A note's own settings block (settings.py or config/settings.py) is executed over these
defaults, the way a reader pastes it into a project, and its REST_FRAMEWORK and INSTALLED_APPS are kept.
Its CACHES are not: they name Django 4.0's RedisCache, which Debian's Django 3.2 lacks, so throttles
count in LocMemCache here.
"""
import os

ROOT = os.environ["NEXUS_NOTE_ROOT"]

SECRET_KEY = "notes-python-tests-only"
DEBUG = False
USE_TZ = True
ALLOWED_HOSTS = ["testserver"]
ROOT_URLCONF = "nexus_urls"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(ROOT, "db.sqlite3")}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast user creation in tests
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
] + sorted(
    name for name in os.listdir(ROOT) if os.path.isfile(os.path.join(ROOT, name, "models.py"))
)
REST_FRAMEWORK = {}

for _name in ("settings.py", os.path.join("config", "settings.py")):
    _path = os.path.join(ROOT, _name)
    if os.path.isfile(_path):
        _namespace = {"INSTALLED_APPS": list(INSTALLED_APPS), "REST_FRAMEWORK": {}}
        with open(_path, encoding="utf-8") as _file:
            exec(compile(_file.read(), _path, "exec"), _namespace)
        INSTALLED_APPS = _namespace["INSTALLED_APPS"]
        REST_FRAMEWORK = _namespace["REST_FRAMEWORK"]
