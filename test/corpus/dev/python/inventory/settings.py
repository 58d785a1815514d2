"""Django settings for the inventory project. Everything sensitive comes from the environment."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # safe: CWE-798

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"  # safe: CWE-489

ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "inventory.example.com").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "inventory.stock",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

ROOT_URLCONF = "inventory.urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "inventory"),
        "USER": os.environ.get("DB_USER", "inventory"),
        "PASSWORD": os.environ["DB_PASSWORD"],  # safe: CWE-798
        "HOST": os.environ.get("DB_HOST", "localhost"),
    }
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ.get("REDIS_URL", "redis://localhost:6379/1")}}

SESSION_COOKIE_SECURE = True  # safe: CWE-614
SESSION_COOKIE_HTTPONLY = True  # safe: CWE-1004
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = not DEBUG
SECURE_HSTS_SECONDS = 31536000

PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]  # safe: CWE-327
PASSWORD_RESET_TIMEOUT = 60 * 60  # safe: CWE-798

SUPPLIER_API_KEY = os.getenv("SUPPLIER_API_KEY", "<your-api-key>")  # safe: CWE-798
EMAIL_HOST_PASSWORD = ""  # safe: CWE-798

LOGGING = {
    "version": 1,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "DEBUG" if DEBUG else "INFO"},  # safe: CWE-489
}

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
