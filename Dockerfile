# The portal as one stateless image: code, dependencies and collected static files.
# Configure it only through the environment (see README.md).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    PRIVATE_MEDIA_ROOT=/data/private_media

WORKDIR /app
COPY . .
RUN pip install --quiet . \
    && SECRET_KEY=build-only DEBUG=0 \
       FIELD_ENCRYPTION_KEYS=YnVpbGQtb25seS1rZXktMQ== BLIND_INDEX_KEY=YnVpbGQtb25seS1ibGluZC1pbmRleC1rZXktMzJieXQ= \
       BACKUP_ENCRYPTION_KEY=YnVpbGQtb25seS1rZXktMQ== python manage.py collectstatic --noinput --verbosity 0 \
    && useradd --create-home --uid 1000 portal \
    && mkdir -p /data/private_media && chown -R portal /data

USER portal
EXPOSE 8000
# Migrations are a separate, one-off step (`python manage.py migrate && python manage.py createcachetable`); see README.md.
ENV GUNICORN_BIND=0.0.0.0:8000
CMD ["gunicorn", "bijiang_social.wsgi"]
