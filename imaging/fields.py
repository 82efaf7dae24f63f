import secrets
from pathlib import PurePath


def random_image_name(folder: str, filename: str) -> str:
    """A stored name that reveals nothing of the uploader's file name."""
    extension = PurePath(filename).suffix.lower()[:5] or ".jpg"
    token = secrets.token_hex(12)
    return f"{folder}/{token[:2]}/{token}{extension}"
