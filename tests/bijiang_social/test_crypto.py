"""The 国密 primitives with published worked values, the keyring and the key settings."""

import base64
import io

import pytest
from django.core.exceptions import ImproperlyConfigured

from bijiang_social import crypto
from bijiang_social.env import env_key, env_key_list

# GB/T 32905-2016, appendix A.1.
SM3_ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
# RFC 8998, appendix A.1 (SM4-GCM): the ciphertext does not depend on the AAD, only the tag does.
RFC8998_KEY = bytes.fromhex("0123456789ABCDEFFEDCBA9876543210")
RFC8998_IV = bytes.fromhex("00001234567800000000ABCD")
RFC8998_PLAIN = bytes.fromhex(
    "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
    "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA"
)
RFC8998_CIPHER = bytes.fromhex(
    "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
    "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
)
KEY_A = b"A" * 16
KEY_B = b"B" * 16


def test_sm3_gives_the_standards_digest_of_abc():
    assert crypto.sm3(b"abc").hex() == SM3_ABC


def test_hmac_sm3_is_the_rfc_2104_construction_over_sm3():
    key = b"k" * 16
    padded = key + bytes(64 - len(key))
    inner = crypto.sm3(bytes(b ^ 0x36 for b in padded) + b"abc")
    expected = crypto.sm3(bytes(b ^ 0x5C for b in padded) + inner)
    assert crypto.hmac_sm3(key, b"abc") == expected


def test_sm4_gcm_gives_the_rfc_8998_ciphertext_and_opens_it_again():
    sealed = crypto.sm4_gcm_encrypt(RFC8998_KEY, RFC8998_PLAIN, nonce=RFC8998_IV)
    assert sealed[:12] == RFC8998_IV
    assert sealed[12:-16] == RFC8998_CIPHER
    assert crypto.sm4_gcm_decrypt(RFC8998_KEY, sealed) == RFC8998_PLAIN


def test_a_changed_byte_is_refused_not_decrypted_to_garbage():
    sealed = bytearray(crypto.sm4_gcm_encrypt(KEY_A, b"522201199001015100"))
    sealed[15] ^= 1
    with pytest.raises(crypto.DecryptionError, match="密文校验失败"):
        crypto.sm4_gcm_decrypt(KEY_A, bytes(sealed))


def test_a_field_value_names_its_key_and_the_same_text_never_seals_the_same_twice():
    ring = crypto.Keyring((KEY_A,))
    first, second = ring.encrypt("13700135555"), ring.encrypt("13700135555")
    assert first.startswith(f"v1:{crypto.key_id(KEY_A)}:")
    assert first != second
    assert "13700135555" not in first
    assert ring.decrypt(first) == ring.decrypt(second) == "13700135555"


def test_an_older_key_still_reads_and_only_the_current_key_writes():
    old = crypto.Keyring((KEY_A,)).encrypt("王测试")
    rotated = crypto.Keyring((KEY_B, KEY_A))
    assert rotated.decrypt(old) == "王测试"
    assert not rotated.is_current(old)
    assert rotated.is_current(rotated.encrypt("王测试"))


def test_a_value_sealed_under_a_key_that_was_dropped_says_which_key_is_missing():
    old = crypto.Keyring((KEY_A,)).encrypt("王测试")
    with pytest.raises(crypto.DecryptionError, match=crypto.key_id(KEY_A)):
        crypto.Keyring((KEY_B,)).decrypt(old)


def test_the_blind_index_is_hmac_sm3_under_the_blind_index_key(settings):
    settings.BLIND_INDEX_KEY = b"i" * 32
    assert crypto.blind_index("5555") == crypto.hmac_sm3(b"i" * 32, b"5555").hex()
    assert len(crypto.blind_index("5555")) == 64
    assert crypto.blind_index("") == ""


def test_a_stream_round_trips_and_a_changed_stream_is_refused():
    data = bytes(range(256)) * 9000  # more than one 1 MB chunk
    sealed = io.BytesIO()
    crypto.encrypt_stream(KEY_A, io.BytesIO(data), sealed)
    assert data[:4096] not in sealed.getvalue()
    opened = io.BytesIO()
    raw = sealed.getvalue()
    crypto.decrypt_stream(KEY_A, io.BytesIO(raw), opened, len(raw))
    assert opened.getvalue() == data
    changed = bytearray(raw)
    changed[100] ^= 1
    with pytest.raises(crypto.DecryptionError, match="备份文件校验失败"):
        crypto.decrypt_stream(KEY_A, io.BytesIO(bytes(changed)), io.BytesIO(), len(changed))


def test_key_settings_read_base64_and_fail_loudly_on_a_bad_key(monkeypatch):
    monkeypatch.setenv(
        "K", base64.b64encode(KEY_A).decode() + "," + base64.b64encode(KEY_B).decode()
    )
    assert env_key_list("K", length=16) == [KEY_A, KEY_B]
    monkeypatch.setenv("K", base64.b64encode(b"short").decode())
    with pytest.raises(ImproperlyConfigured, match="must be 16 bytes"):
        env_key("K", length=16)
    monkeypatch.setenv("K", "not base64!")
    with pytest.raises(ImproperlyConfigured, match="not base64"):
        env_key("K", length=16)
    monkeypatch.delenv("K")
    assert env_key("K", length=16) is None
