"""Media in S3-compatible object storage (MEDIA_S3_*), against moto's server mode."""

from io import BytesIO

import boto3
import pytest
from django.core.files.base import ContentFile
from django.utils.module_loading import import_string
from PIL import Image

from briefs import images
from kei_site.settings.base import s3_media_storage

moto_server = pytest.importorskip("moto.server")
BUCKET = "kei-media"


@pytest.fixture
def s3_endpoint():
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    ).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture
def storage(s3_endpoint):
    config = s3_media_storage(
        {
            "MEDIA_S3_BUCKET": BUCKET,
            "MEDIA_S3_ENDPOINT_URL": s3_endpoint,
            "MEDIA_S3_ACCESS_KEY_ID": "test",
            "MEDIA_S3_SECRET_ACCESS_KEY": "test",
            "MEDIA_S3_REGION": "us-east-1",
        }
    )
    return import_string(config["BACKEND"])(**config["OPTIONS"])


def test_without_a_bucket_media_stay_on_the_file_system():
    assert s3_media_storage({}) is None


def test_a_file_written_by_one_server_is_read_by_another(storage, s3_endpoint):
    name = storage.save("briefs/cover.txt", ContentFile(b"shared"))
    # A second app server builds its own storage from the same settings.
    other = type(storage)(**{**storage.get_default_settings(), **_options(storage)})
    with other.open(name) as handle:
        assert handle.read() == b"shared"
    assert storage.url(name).startswith(f"{s3_endpoint}/{BUCKET}/briefs/cover")
    assert "Signature" not in storage.url(name)  # plain, cacheable URLs


def test_renditions_are_written_to_the_bucket(storage):
    buffer = BytesIO()
    Image.new("RGB", (2000, 1000), "navy").save(buffer, "JPEG")
    name = storage.save("briefs/photo.jpg", ContentFile(buffer.getvalue()))
    manifest = images.build_renditions(name, storage)
    widths = [size["width"] for size in manifest["sizes"]]
    assert widths[-1] == 2000 and 720 in widths
    for size in manifest["sizes"]:
        assert storage.exists(size["name"])


def _options(storage):
    return {
        "bucket_name": storage.bucket_name,
        "endpoint_url": storage.endpoint_url,
        "access_key": storage.access_key,
        "secret_key": storage.secret_key,
        "region_name": storage.region_name,
        "querystring_auth": False,
    }
