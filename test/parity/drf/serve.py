"""The parity reference: the blog API of the drf- snippets, written in real Django REST Framework.

python3 serve.py --port N --db PATH [--rates anon=20/minute,user=100/minute,login=5/minute]
migrates a fresh sqlite file, serves on 127.0.0.1:N and prints one ready line. Needs Debian's python3-django (3.2),
python3-djangorestframework (3.14), python3-django-filters and python3-djangorestframework-simplejwt (5.2).
"""
import argparse
import os
import sys
import threading
from datetime import timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the checkout


def configure(db_path, rates):
    from django.conf import settings

    settings.configure(
        DEBUG=False,
        SECRET_KEY='parity-reference-not-secret-0123456789abcdef',
        ALLOWED_HOSTS=['127.0.0.1', 'localhost'],
        ROOT_URLCONF='blog.urls',
        # CommonMiddleware as in every startproject: it validates Host against ALLOWED_HOSTS on each request (without it
        # Django checks Host only when it builds an absolute URL) and appends slashes; no sessions, CSRF or messages.
        MIDDLEWARE=['django.middleware.common.CommonMiddleware'],
        USE_TZ=True,
        DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': db_path}},
        DEFAULT_AUTO_FIELD='django.db.models.AutoField',
        INSTALLED_APPS=[
            'django.contrib.contenttypes',
            'django.contrib.auth',
            'rest_framework',
            'rest_framework_simplejwt.token_blacklist',
            'django_filters',
            'blog',
            'rest_framework.authtoken',  # drf-token-auth (test/parity/drf/extra)
            'extra',
        ],
        CACHES={'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}},
        # Django's PBKDF2 with fewer rounds: the suite logs in dozens of times and hashing speed is not under test
        # (Django's testing docs suggest a faster hasher for the same reason).
        PASSWORD_HASHERS=['blog.hashers.QuickPBKDF2PasswordHasher'],
        REST_FRAMEWORK={
            'DEFAULT_AUTHENTICATION_CLASSES': ['rest_framework_simplejwt.authentication.JWTAuthentication'],
            'DEFAULT_PERMISSION_CLASSES': ['rest_framework.permissions.AllowAny'],
            'DEFAULT_RENDERER_CLASSES': ['rest_framework.renderers.JSONRenderer'],
            'DEFAULT_PARSER_CLASSES': ['rest_framework.parsers.JSONParser'],
            'DEFAULT_THROTTLE_CLASSES': [
                'rest_framework.throttling.AnonRateThrottle',
                'rest_framework.throttling.UserRateThrottle',
            ],
            'DEFAULT_THROTTLE_RATES': rates,
            'ALLOWED_VERSIONS': ['1.0', '2.0'],
            'DEFAULT_VERSION': '1.0',
        },
        SIMPLE_JWT={
            'ACCESS_TOKEN_LIFETIME': timedelta(minutes=5),
            'REFRESH_TOKEN_LIFETIME': timedelta(days=1),
            'ROTATE_REFRESH_TOKENS': True,
            'BLACKLIST_AFTER_ROTATION': True,
            'UPDATE_LAST_LOGIN': False,
            'ALGORITHM': 'HS256',
        },
    )


def without_head_body(app):
    """Django 3.2's development server sends the body of a HEAD response (gunicorn and uWSGI do not)."""

    def wrapped(environ, start_response):
        result = app(environ, start_response)
        if environ['REQUEST_METHOD'] != 'HEAD':
            return result
        if hasattr(result, 'close'):
            result.close()
        return []

    return wrapped


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--db', required=True)
    parser.add_argument('--rates', default='anon=20/minute,user=100/minute,login=5/minute')
    parser.add_argument('--user', action='append', default=[], help='username:password[:staff], created after migrating')
    parser.add_argument('--exit-with-stdin', action='store_true', help='exit when stdin closes (the parent is gone)')
    args = parser.parse_args()
    rates = dict(pair.split('=', 1) for pair in args.rates.split(',') if pair)
    configure(args.db, rates)

    import django
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    import socketserver
    from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
    from django.core.wsgi import get_wsgi_application

    call_command('migrate', run_syncdb=True, verbosity=0)
    for spec in args.user:
        username, password, *flags = spec.split(':')
        get_user_model().objects.create_user(username=username, password=password, is_staff='staff' in flags)

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):
            pass

    # Threaded like runserver, so concurrent requests really overlap (the token blacklist race is part of parity).
    server_cls = type('ThreadedWSGIServer', (socketserver.ThreadingMixIn, WSGIServer), {'daemon_threads': True})
    server = server_cls(('127.0.0.1', args.port), QuietHandler)
    server.set_app(without_head_body(get_wsgi_application()))
    if args.exit_with_stdin:
        def watch_parent():
            sys.stdin.read()
            # The parent cannot clean up after itself when it was killed: remove its temporary database here.
            for path in (args.db, os.path.dirname(args.db)):
                try:
                    os.remove(path) if path == args.db else os.rmdir(path)
                except OSError:
                    pass
            os._exit(0)

        threading.Thread(target=watch_parent, daemon=True).start()
    print(f'parity-drf ready http://127.0.0.1:{args.port}', flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main()
