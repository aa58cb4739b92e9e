"""Passwords are hashed with PBKDF2-HMAC-SM3, and older hashes are upgraded at log-in."""

import base64
import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, identify_hasher, make_password

from bijiang_social.hashers import PBKDF2SM3PasswordHasher

PASSWORD = "Tongren-staff-2026"


def test_the_sm3_hasher_agrees_with_an_independent_pbkdf2_hmac_sm3():
    # hashlib's PBKDF2 over OpenSSL's SM3: another implementation of the same function.
    expected = hashlib.pbkdf2_hmac("sm3", b"password", b"salt", 1000, 32).hex()
    assert expected == "e8b635a41dfe5aaab7cf828cff6f3608e22cac59ba16edd70e000b293d00bc91"
    encoded = PBKDF2SM3PasswordHasher().encode("password", "salt", 1000)
    algorithm, iterations, salt, digest = encoded.split("$")
    assert (algorithm, iterations, salt) == ("pbkdf2_sm3", "1000", "salt")

    assert base64.b64decode(digest).hex() == expected


def test_a_new_password_is_hashed_with_sm3_at_the_measured_iteration_count(db):
    encoded = make_password(PASSWORD)
    assert encoded.startswith("pbkdf2_sm3$500000$")
    assert check_password(PASSWORD, encoded)
    assert not check_password("wrong-password", encoded)


def test_a_sha256_hash_is_upgraded_to_sm3_at_the_next_log_in(client, db):
    user = get_user_model().objects.create(username="old-hash")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    assert identify_hasher(user.password).algorithm == "pbkdf2_sha256"
    assert client.login(username="old-hash", password=PASSWORD)
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "pbkdf2_sm3"
    assert client.login(username="old-hash", password=PASSWORD)
