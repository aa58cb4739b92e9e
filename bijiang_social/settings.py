"""Settings for the Bijiang social-work portal. Every value that differs between
machines comes from the environment; README.md lists each variable."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from bijiang_social.cache_backends import redis_caches
from bijiang_social.env import env_bool, env_int, env_key, env_key_list, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production refuses to start without one; "
            "for local work set DEBUG=1 or use `make run`."
        )
    SECRET_KEY = "django-insecure-development-only-key-bijiang"

# Keys for personal data at rest (bijiang_social/crypto.py; README, Data protection): SM4 keys for
# fields (first = current, the rest still readable) and for backups, and the HMAC-SM3 key of the
# blind indexes. Production refuses to start without them; DEBUG alone falls back to fixed,
# public development keys.
FIELD_ENCRYPTION_KEYS = env_key_list("FIELD_ENCRYPTION_KEYS", length=16)
BLIND_INDEX_KEY = env_key("BLIND_INDEX_KEY", length=32)
BACKUP_ENCRYPTION_KEY = env_key("BACKUP_ENCRYPTION_KEY", length=16)
_missing_keys = [
    name
    for name, value in [
        ("FIELD_ENCRYPTION_KEYS", FIELD_ENCRYPTION_KEYS),
        ("BLIND_INDEX_KEY", BLIND_INDEX_KEY),
        ("BACKUP_ENCRYPTION_KEY", BACKUP_ENCRYPTION_KEY),
    ]
    if not value
]
if _missing_keys and not DEBUG:
    raise ImproperlyConfigured(
        f"{', '.join(_missing_keys)} not set. Production refuses to start without its "
        "encryption keys; `make run` generates development keys, README (Data protection) "
        "says how to make real ones."
    )
FIELD_ENCRYPTION_KEYS = FIELD_ENCRYPTION_KEYS or [b"development-only"]
BLIND_INDEX_KEY = BLIND_INDEX_KEY or b"development-only-blind-index-key"
BACKUP_ENCRYPTION_KEY = BACKUP_ENCRYPTION_KEY or b"development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The site's own domain, for identifiers that must not change with the Host a visitor typed
# (.ics UIDs, Atom ids): by default the first of ALLOWED_HOSTS.
SITE_DOMAIN = env_str(
    "SITE_DOMAIN", next((h.lstrip(".") for h in ALLOWED_HOSTS if h != "*"), "localhost")
)

INSTALLED_APPS = [
    "bijiang_social.apps.PortalAdminConfig",  # Django's admin, with the staff second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "csp",
    "bijiang_social.apps.AxesConfig",  # django-axes, named in Chinese in the admin
    "django_otp",  # staff second factor (accounts/second_factor.py)
    "django_otp.plugins.otp_totp",  # a phone authenticator app (TOTP)
    "django_otp.plugins.otp_static",  # single-use recovery codes
    "django_ratelimit",
    "simple_history",
    "bijiang_social",
    "accounts",  # who people are and what they may do; below the domain apps
    "services",
    "recruitment",
    "careers",
]

MIDDLEWARE = [
    "bijiang_social.views.HealthzMiddleware",
    # Above the rest: a hit skips everything below and carries the headers stored with it.
    "bijiang_social.page_cache.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "bijiang_social.csp.CachedPolicyCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "bijiang_social.sessions.IdleTimeoutSessionMiddleware",  # Django's, saving less often
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, the first to read a POST body: refuses one past its limit unread.
    "bijiang_social.body_limit.BodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): second factor passed
    "accounts.superuser_log.SuperuserUseMiddleware",  # every admin request by a superuser
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "accounts.doors.DoorLimitMiddleware",  # failed log-ins per address and per user name
    "accounts.passwords.StaffPasswordAgeMiddleware",  # staff: expired or generated password
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "bijiang_social.urls"
# The admin's path; set it to something less guessable in production.
ADMIN_URL = env_str("ADMIN_URL", "admin/")
if not ADMIN_URL.endswith("/") or ADMIN_URL.startswith("/"):
    raise ImproperlyConfigured(f"ADMIN_URL={ADMIN_URL!r} must look like 'admin/' (no leading /).")
WSGI_APPLICATION = "bijiang_social.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bijiang_social.context_processors.site",
                "bijiang_social.context_processors.age_friendly",
                "bijiang_social.context_processors.holiday_arrangement",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Persistent connections: a worker reconnecting per request costs more than most pages.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast (and answer 503) when PostgreSQL is unreachable rather than hang.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DATABASE_CONNECT_TIMEOUT", 5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches. Without REDIS_URL: pages in each process's memory (invalidated across processes
# by a stamp file, see page_cache.py) and rate-limit counters in the database, so limits
# hold across processes. With REDIS_URL: both in Redis, shared by every instance; when Redis
# does not answer within REDIS_TIMEOUT_MS, pages are rendered uncached and the counters go to
# the database (bijiang_social/cache_backends.py), so losing Redis never takes pages down.
REDIS_URL = env_str("REDIS_URL", "")
REDIS_TIMEOUT_MS = env_int("REDIS_TIMEOUT_MS", 250)
if REDIS_URL:
    CACHES = redis_caches(REDIS_URL, REDIS_TIMEOUT_MS)
    # The limits count with bijiang_social.ratelimits (atomic in Redis and in the database);
    # django-ratelimit only lists django-redis by name.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001", "django_ratelimit.E003"]
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "bijiang-pages",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "bijiang_ratelimit_cache",
        },
    }
    # bijiang_social.ratelimits counts in its own table (RateCounter) without Redis.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
RATELIMIT_USE_CACHE = "ratelimit"
# Off only in the fuzz tests (tests/fuzz/conftest.py); bijiang_social.ratelimits honours it too.
RATELIMIT_ENABLE = True
RATELIMIT_IP_META_KEY = "bijiang_social.client_ip.client_ip"
# Wrong tracking look-ups, and application form submissions, per client address.
TRACK_MISS_RATE = env_str("TRACK_MISS_RATE", "10/10m")
# Open data and dashboards count the sample cases (示例数据, ServiceApplication.is_sample) only
# while no real case exists, and never when this is off (set OPEN_DATA_SAMPLES=0 in production).
OPEN_DATA_SAMPLES = env_bool("OPEN_DATA_SAMPLES", True)
APPLY_POST_RATE = env_str("APPLY_POST_RATE", "20/h")
# 我为政府网站找错: reports a client may send, and the working days staff have to handle one.
ERROR_REPORT_POST_RATE = env_str("ERROR_REPORT_POST_RATE", "10/h")
ERROR_REPORT_WORKING_DAYS = env_int("ERROR_REPORT_WORKING_DAYS", 3)
# Recruitment candidates: account sign-ups and log-in attempts per client address, wrong
# score look-ups (准考证号 + 身份证号) per client, and the largest document they may upload.
CANDIDATE_SIGNUP_RATE = env_str("CANDIDATE_SIGNUP_RATE", "10/h")
CANDIDATE_LOGIN_RATE = env_str("CANDIDATE_LOGIN_RATE", "10/10m")
SCORE_LOOKUP_MISS_RATE = env_str("SCORE_LOOKUP_MISS_RATE", "10/10m")
RECRUITMENT_UPLOAD_MAX_MB = env_int("RECRUITMENT_UPLOAD_MAX_MB", 5)
# Password-reset mail for candidates who gave an address (console: written to the log).
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@bijiang.example")

# SMS to residents at each step of a case (services/notifications): "log" writes to the log and
# the outbox only; "aliyun" and "tencent" send through the providers' official SDKs.
SMS_BACKEND = env_str("SMS_BACKEND", "log")
if SMS_BACKEND not in {"log", "aliyun", "tencent"}:
    raise ImproperlyConfigured(f"SMS_BACKEND={SMS_BACKEND!r}: use log, aliyun or tencent.")
SMS_SIGN_NAME = env_str("SMS_SIGN_NAME", "")
ALIYUN_SMS_ACCESS_KEY_ID = env_str("ALIYUN_SMS_ACCESS_KEY_ID", "")
ALIYUN_SMS_ACCESS_KEY_SECRET = env_str("ALIYUN_SMS_ACCESS_KEY_SECRET", "")
TENCENT_SMS_SECRET_ID = env_str("TENCENT_SMS_SECRET_ID", "")
TENCENT_SMS_SECRET_KEY = env_str("TENCENT_SMS_SECRET_KEY", "")
TENCENT_SMS_SDK_APP_ID = env_str("TENCENT_SMS_SDK_APP_ID", "")
TENCENT_SMS_REGION = env_str("TENCENT_SMS_REGION", "ap-guangzhou")

# Whole public pages are cached for anonymous visitors; every staff edit invalidates them.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_STAMP_FILE = env_str("PAGE_CACHE_STAMP_FILE", "")
# What anonymous pages tell nginx, a CDN or the browser (Cache-Control: max-age): short, since
# only our own cache is invalidated by an edit. 0 leaves them to revalidate every time.
PAGE_CACHE_PUBLIC_SECONDS = env_int("PAGE_CACHE_PUBLIC_SECONDS", 5)

# `make bench` only: routes a bare view as the floor every page is compared with.
BENCH_FLOOR = env_bool("BENCH_FLOOR", False)
# `make bench-writes` only: rate limits do not apply to loopback clients (the load generator
# is one address). Refused unless the site answers only to loopback names, so a production
# deployment, which serves a real host name, cannot turn it on.
BENCH_UNLIMITED = env_bool("BENCH_UNLIMITED", False)
if BENCH_UNLIMITED and not set(ALLOWED_HOSTS) <= {"127.0.0.1", "localhost", "::1", "[::1]"}:
    raise ImproperlyConfigured(
        "BENCH_UNLIMITED=1 is for `make bench-writes` on loopback only; "
        f"ALLOWED_HOSTS={ALLOWED_HOSTS!r} names a real host."
    )

# Client addresses: X-Forwarded-For is trusted only when this many proxies sit in front.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Admin login: lock out after repeated failures (django-axes, records in the database).
# One log-in mechanism, one door per audience (accounts.doors, accounts.backends): a password
# opens an account only at its audience's door; outside identities only a bound account.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.DoorBackend",
    "accounts.backends.ExternalIdentityBackend",
]
# Failed log-ins at each door, per client address and per user name (accounts.doors).
STAFF_LOGIN_RATE = env_str("STAFF_LOGIN_RATE", "10/10m")
STAFF_LOGIN_USERNAME_RATE = env_str("STAFF_LOGIN_USERNAME_RATE", "10/h")
CANDIDATE_LOGIN_USERNAME_RATE = env_str("CANDIDATE_LOGIN_USERNAME_RATE", "10/h")
WORKER_LOGIN_USERNAME_RATE = env_str("WORKER_LOGIN_USERNAME_RATE", "10/h")
# Password-reset requests per client address, and reset mails per account (accounts.resets).
PASSWORD_RESET_ADDRESS_RATE = env_str("PASSWORD_RESET_ADDRESS_RATE", "5/h")
PASSWORD_RESET_ACCOUNT_RATE = env_str("PASSWORD_RESET_ACCOUNT_RATE", "3/d")
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "bijiang_social.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Every failed log-in is kept (访问失败日志, part of the audit record: nobody deletes it).
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# Staff second factor (django-otp, accounts/second_factor.py): the name the phone app shows.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "碧江区社工平台")

# The audit trail is read-only: no "revert to this version" in admin.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Sessions end after this many minutes without a request. An unchanged session is saved again
# (its expiry pushed back) once per SESSION_TOUCH_SECONDS, not on every request
# (bijiang_social/sessions.py): it ends at most that much before the idle timeout, never after.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_TOUCH_SECONDS = env_int("SESSION_TOUCH_SECONDS", 60)
SESSION_SAVE_EVERY_REQUEST = False
if not 0 < SESSION_TOUCH_SECONDS < SESSION_COOKIE_AGE:
    raise ImproperlyConfigured("SESSION_TOUCH_SECONDS must be above 0 and below the idle timeout.")

# Passwords: PBKDF2-HMAC-SM3 first (bijiang_social/hashers.py); hashes stored by the others are
# re-hashed with it at the next log-in.
PASSWORD_HASHERS = [
    "bijiang_social.hashers.PBKDF2SM3PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

# Password rules per audience (accounts.passwords): staff 12+ characters of three kinds,
# changed every 90 days, the last 5 not reused; candidates and workers 8+ with letters and
# digits; nobody's like her user name, name in pinyin, ID number or birthday.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.passwords.AudienceLengthValidator"},
    {"NAME": "accounts.passwords.PersonalInfoValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "accounts.passwords.PasswordHistoryValidator"},
]
STAFF_PASSWORD_MIN_LENGTH = env_int("STAFF_PASSWORD_MIN_LENGTH", 12)
PUBLIC_PASSWORD_MIN_LENGTH = env_int("PUBLIC_PASSWORD_MIN_LENGTH", 8)
STAFF_PASSWORD_MAX_AGE_DAYS = env_int("STAFF_PASSWORD_MAX_AGE_DAYS", 90)
STAFF_PASSWORD_HISTORY = env_int("STAFF_PASSWORD_HISTORY", 5)

LANGUAGE_CODE = "zh-hans"
# Admin text Django and django-axes ship untranslated (locale/zh_Hans, compiled .mo committed).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Private documents live outside every public URL; only permission-checked views read them.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media")))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Several instances on several hosts share the documents through an S3-compatible bucket
# (MinIO, a cloud object store) when DOCUMENTS_S3_BUCKET is set; otherwise through
# PRIVATE_MEDIA_ROOT, which can be a shared volume. Either way files are private: they are
# read only by the permission-checked download view, never linked.
DOCUMENTS_S3_BUCKET = env_str("DOCUMENTS_S3_BUCKET", "")
if DOCUMENTS_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": DOCUMENTS_S3_BUCKET,
            "endpoint_url": env_str("DOCUMENTS_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("DOCUMENTS_S3_REGION", "") or None,
            "access_key": env_str("DOCUMENTS_S3_ACCESS_KEY", ""),
            "secret_key": env_str("DOCUMENTS_S3_SECRET_KEY", ""),
            "location": "documents",
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# Social workers online (careers): lesson videos are private files served only to logged-in
# workers. "django" streams them with HTTP Range; "x-accel" hands the file to nginx through
# the internal location VIDEO_X_ACCEL_PREFIX (see deploy/ and README); "redirect" sends a
# short-lived signed address of the S3 bucket (only with DOCUMENTS_S3_BUCKET).
VIDEO_DELIVERY = env_str("VIDEO_DELIVERY", "django")
if VIDEO_DELIVERY not in ("django", "x-accel", "redirect"):
    raise ImproperlyConfigured(
        f"VIDEO_DELIVERY={VIDEO_DELIVERY!r} must be one of: django, x-accel, redirect."
    )
if VIDEO_DELIVERY == "redirect" and not DOCUMENTS_S3_BUCKET:
    raise ImproperlyConfigured("VIDEO_DELIVERY=redirect needs DOCUMENTS_S3_BUCKET.")
VIDEO_X_ACCEL_PREFIX = env_str("VIDEO_X_ACCEL_PREFIX", "/protected-media/")
LESSON_VIDEO_MAX_MB = env_int("LESSON_VIDEO_MAX_MB", 500)
# One limit on every request body (bijiang_social/body_limit.py): a view without files takes
# REQUEST_BODY_MAX_KB, a view that takes files REQUEST_UPLOAD_MAX_MB in all (nginx's
# client_max_body_size), each file then bounded by its own limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("REQUEST_BODY_MAX_KB", 1024) * 1024
REQUEST_UPLOAD_MAX_MB = env_int("REQUEST_UPLOAD_MAX_MB", 30)
# A worker's activation or password-reset link is valid this many days; log-in attempts
# per client address.
WORKER_INVITATION_DAYS = env_int("WORKER_INVITATION_DAYS", 7)
WORKER_LOGIN_RATE = env_str("WORKER_LOGIN_RATE", "10/10m")
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# django-import-export: a leading "=" is removed from exported values in any format the portal's
# own safe formats (bijiang_social/spreadsheets.py: SafeXLSX, SafeCSV) do not cover.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True

# HTTPS: on by default in production. Behind a TLS-terminating proxy set
# SECURE_PROXY_SSL_HEADER=1 so Django trusts X-Forwarded-Proto from it.
HTTPS = env_bool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Bootstrap draws its form controls' arrows and ticks with data: SVG images.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = {
    "geolocation": ["self"],
    "camera": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # pypdf warns about every defect it repairs in an uploaded PDF; only its errors matter.
    "loggers": {"pypdf": {"level": "ERROR"}},
}
