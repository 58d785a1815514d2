"""Django settings for the acme_portal project."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "k7$h2p!x9w@q4r#v8m&z1n^c6b0e5t3y_Lq8Vd2sJf"  # expect: CWE-798

DEBUG = True  # expect: CWE-489

ALLOWED_HOSTS = ["portal.acme.io", "localhost", "127.0.0.1"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "feeds",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "acme_portal.urls"
WSGI_APPLICATION = "acme_portal.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("POSTGRES_DB", "portal"),
        "USER": os.environ.get("POSTGRES_USER", "portal"),
        "PASSWORD": os.environ.get("POSTGRES_PASSWORD", ""),  # safe: CWE-798
        "HOST": os.environ.get("POSTGRES_HOST", "localhost"),
        "PORT": "5432",
    }
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",  # expect: CWE-327
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

SESSION_COOKIE_SECURE = False  # expect: CWE-614
SESSION_COOKIE_HTTPONLY = False  # expect: CWE-1004
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = False  # safe: CWE-1004

CORS_ALLOWED_ORIGINS = ["https://portal.acme.io", "https://admin.acme.io"]
CORS_ALLOW_CREDENTIALS = True  # safe: CWE-942

EMAIL_HOST = "smtp.sendgrid.net"
EMAIL_HOST_USER = "apikey"  # safe: CWE-798
EMAIL_HOST_PASSWORD = os.environ["SENDGRID_API_KEY"]  # safe: CWE-798

FEED_FETCHER_TOKEN = "ff_tok_3Rk9Wq7Zp2Lx8Nv5Tb4Yc1Md6"  # expect: CWE-798
FEED_FETCHER_TIMEOUT = 10

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
