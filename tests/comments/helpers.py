"""What the comment tests share: a filled-in form, and time travel for it."""

import time
from unittest import mock

from comments.spam import issue_form_token


def issued_seconds_ago(article, seconds):
    """A form token as if the form had been served `seconds` ago."""
    with mock.patch("time.time", return_value=time.time() - seconds):
        return issue_form_token(article_id=article.pk)


def comment_data(article, **fields):
    """A valid comment form for `article`, served a minute ago."""
    data = {
        "name": "Ada Reader",
        "email": "ada@example.org",
        "website": "",
        "body": "A thoughtful remark.",
        "parent": "",
        "extra_info": "",
        "issued": issued_seconds_ago(article, 60),
    }
    return {**data, **fields}
