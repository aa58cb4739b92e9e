"""What a careless, curious or hostile visitor may type or send, for hypothesis.

Every value is a string (HTTP has no other type); "wrong types" are lists (a repeated key),
files where text is expected and text where a file is expected.
"""

import io
import struct
import zlib
from urllib.parse import quote_from_bytes

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from PIL import Image

from tests.services.conftest import PDF

# Settings for every fuzz test: few enough examples to keep the whole suite near a minute on a
# loaded 2-core machine, no deadline (the machine is shared), no example database on disk.
fuzz = settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
fuzz_lightly = settings(fuzz, max_examples=25)

LONG = "长" * 10_000
TRICKY = [
    "",
    " ",
    "\x00",
    "12\x00",
    "\t\n\r",
    "nan",
    "NaN",
    "-nan",
    "sNaN",
    "inf",
    "-inf",
    "Infinity",
    "1e309",
    "-1e309",
    "1e-400",
    "9" * 400,
    "9" * 5000,
    "-" + "9" * 30,
    "0x10",
    "1_000",
    "1,5",
    "１２",
    "７５．５",
    "７５。５",
    "٧٥",
    "५",
    "²³",
    "𝟓",
    "\u200b5",
    "5\n",
    "+5",
    "--5",
    ".5",
    "5.",
    "0.0000001",
    "½",
    "\u202eRTL\u202c",
    "مرحبا",
    "👩\u200d👩\u200d👧",
    "\ufeff",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "../../etc/passwd",
    "{{ 7|add:7 }}",
    LONG,
]

# Unicode without lone surrogates (they cannot be encoded in a request); NUL and controls stay.
any_char = st.characters(blacklist_categories=["Cs"])
random_text = st.text(any_char, max_size=40)
long_text = st.tuples(st.text(any_char, min_size=1, max_size=3), st.integers(1_000, 10_000)).map(
    lambda pair: pair[0] * pair[1]
)
numbers_as_text = st.one_of(
    st.integers().map(str),
    st.integers(-(10**40), 10**40).map(str),
    st.floats().map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
# NUL inside otherwise ordinary text (PostgreSQL refuses it in any query parameter).
with_nul = st.tuples(st.sampled_from(["", "huanbei", "12", "张三"]), random_text).map(
    lambda parts: parts[0] + "\x00" + parts[1]
)
nasty_text = st.one_of(st.sampled_from(TRICKY), random_text, numbers_as_text, long_text, with_nul)
# A value for one key: one string, or the key repeated.
nasty_value = st.one_of(nasty_text, st.lists(nasty_text, min_size=2, max_size=3))


def field_value(*good: str) -> st.SearchStrategy:
    """Sometimes a good value (so the other fields get validated too), mostly a nasty one."""
    if not good:
        return nasty_value
    return st.one_of(st.sampled_from(good), nasty_value)


def form_data(fields: dict[str, st.SearchStrategy]) -> st.SearchStrategy[dict]:
    """A submission where any field may be missing, plus now and then an unknown key."""
    return st.tuples(
        st.fixed_dictionaries({}, optional=fields),
        st.dictionaries(random_text, nasty_text, max_size=2),
    ).map(lambda parts: {**parts[1], **parts[0]})


def raw_query(names: list[str]) -> st.SearchStrategy[str]:
    """A raw query string with arbitrary bytes, invalid UTF-8 included, for the given names."""
    pair = st.tuples(
        st.one_of(st.sampled_from(names), random_text.map(str.encode).map(quote_from_bytes)),
        st.one_of(st.binary(max_size=40), with_nul.map(str.encode)).map(quote_from_bytes),
    )
    return st.lists(pair, max_size=4).map(lambda pairs: "&".join(f"{k}={v}" for k, v in pairs))


# --- Files ----------------------------------------------------------------------------------


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_claiming(width: int, height: int) -> bytes:
    """A well-formed PNG that claims any size: Pillow reads the size before any pixel."""
    if (width, height) == (8, 8):
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
        return buffer.getvalue()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + _chunk(b"IDAT", zlib.compress(b"\0" * 16))
        + _chunk(b"IEND", b"")
    )


file_bytes = st.one_of(
    st.just(PDF),
    st.just(png_claiming(8, 8)),
    st.just(b""),
    st.binary(max_size=200),
    st.binary(max_size=200).map(lambda tail: b"%PDF-" + tail),
    st.binary(max_size=200).map(lambda tail: b"\x89PNG\r\n\x1a\n" + tail),
    st.binary(max_size=200).map(lambda tail: b"\xff\xd8\xff" + tail),
    # A PNG header claiming any size, decompression bombs included (65535 × 65535).
    st.tuples(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1)).map(
        lambda wh: png_claiming(*wh)
    ),
    st.sampled_from(
        [png_claiming(65_535, 65_535), png_claiming(20_000, 20_000), png_claiming(0, 0)]
    ),
)
file_name = st.one_of(
    st.sampled_from(["证明.pdf", "photo.png", "scan.jpg", "virus.exe", ".pdf", "a" * 300 + ".pdf"]),
    random_text.map(lambda name: name + ".pdf"),
)
upload = st.builds(
    lambda name, content, kind: SimpleUploadedFile(name, content, kind),
    file_name,
    file_bytes,
    st.sampled_from(["application/pdf", "image/png", "image/jpeg", "text/plain", ""]),
)
# Mostly a file, now and then text where the file should be. (A plain one_of would flatten the
# text strategies' many branches and pick a file only one time in six.)
file_or_text = st.integers(0, 3).flatmap(lambda n: nasty_value if n == 0 else upload)
