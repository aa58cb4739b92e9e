"""Service applications (residents apply, staff review): a part of the services app.

Its models are imported into services/models.py and its admin into services/admin.py, so
Django sees them as the services app's own.
"""
