"""Django settings for the billing project."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "django-insecure-7h#k2v!q9x@m4p$w8z&r1t^y6u*e3o(b5n)c0s-d=f+g"  # expect: CWE-798

DEBUG = True  # expect: CWE-489

ALLOWED_HOSTS = ["billing.example.com", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "billing.invoices",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "billing.urls"
WSGI_APPLICATION = "billing.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "billing",
        "USER": "billing_app",
        "PASSWORD": "pG7$wQ2!zR9xLm4K",  # expect: CWE-798
        "HOST": os.environ.get("DB_HOST", "localhost"),
        "PORT": "5432",
    },
    "replica": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "billing",
        "USER": "billing_ro",
        "PASSWORD": os.environ.get("REPLICA_DB_PASSWORD", ""),  # safe: CWE-798
        "HOST": os.environ.get("REPLICA_DB_HOST", "localhost"),
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},  # safe: CWE-798
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]  # safe: CWE-327, CWE-798

SESSION_COOKIE_SECURE = False  # expect: CWE-614
SESSION_COOKIE_HTTPONLY = False  # expect: CWE-1004
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_COOKIE_SECURE = True

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

STRIPE_API_KEY = os.environ.get("STRIPE_API_KEY", "")  # safe: CWE-798
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD")  # safe: CWE-798
