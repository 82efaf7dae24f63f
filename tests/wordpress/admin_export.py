"""A small WordPress export and the admin's upload form, for the tests of
the import in the admin."""

import zipfile
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

ADD_URL = reverse("admin:wordpress_importrun_add")

WXR = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>The old blog</title>
  <link>https://old.example</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://old.example</wp:base_site_url>
  <wp:base_blog_url>https://old.example</wp:base_blog_url>
  <wp:author>
    <wp:author_id>1</wp:author_id>
    <wp:author_login><![CDATA[alice]]></wp:author_login>
    <wp:author_email><![CDATA[alice@old.example]]></wp:author_email>
    <wp:author_display_name><![CDATA[Alice]]></wp:author_display_name>
  </wp:author>
  <item>
    <title><![CDATA[Hello from WordPress]]></title>
    <link>https://old.example/2020/05/17/hello/</link>
    <dc:creator><![CDATA[alice]]></dc:creator>
    <guid isPermaLink="false">https://old.example/?p=12</guid>
    <content:encoded><![CDATA[<p>The first post.</p>]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_id>12</wp:post_id>
    <wp:post_date_gmt><![CDATA[2020-05-17 09:30:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[hello]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_parent>0</wp:post_parent>
    <wp:menu_order>0</wp:menu_order>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <wp:is_sticky>0</wp:is_sticky>
    <wp:comment>
      <wp:comment_id>3</wp:comment_id>
      <wp:comment_author><![CDATA[Reader]]></wp:comment_author>
      <wp:comment_author_email><![CDATA[reader@mail.example]]></wp:comment_author_email>
      <wp:comment_author_IP><![CDATA[203.0.113.7]]></wp:comment_author_IP>
      <wp:comment_date_gmt><![CDATA[2020-05-18 10:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Welcome!]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_type><![CDATA[comment]]></wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>
  </item>
</channel>
</rss>
"""


def export(content=WXR, name="export.xml"):
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/xml")


def uploads_zip(members, name="uploads.zip"):
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")
