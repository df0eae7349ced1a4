"""The production settings' test of a secret key."""

# Keys that have been in this repository or its documentation are not secrets.
KNOWN_KEYS = {"dev-only-insecure-key-not-for-production", "test-only-key"}
MIN_SECRET_KEY_LENGTH = 50


def weak_secret_key_reason(key):
    """Why production settings refuse this key, or None."""
    generate = (
        "generate one with: python -c 'from django.core.management.utils import "
        "get_random_secret_key; print(get_random_secret_key())'"
    )
    if not key:
        return f"DJANGO_SECRET_KEY must be set in production; {generate}"
    if key in KNOWN_KEYS or key.startswith("django-insecure-"):
        return f"DJANGO_SECRET_KEY is a published development key; {generate}"
    if len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < 5:
        return (
            f"DJANGO_SECRET_KEY is too weak ({len(key)} characters; at least "
            f"{MIN_SECRET_KEY_LENGTH} needed, of at least 5 different ones); {generate}"
        )
    return None
