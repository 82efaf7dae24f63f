from django import template
from django.forms.utils import flatatt
from django.utils.html import format_html

from imaging.processing import srcset

register = template.Library()


@register.simple_tag
def responsive_image(image, widths, *, alt, sizes="100vw", **attrs):
    """An `<img>` of a stored image: its WebP renditions in `srcset`.

    `{% responsive_image article.cover article.cover_widths
    alt=article.cover_alt sizes="(min-width: 992px) 720px, 100vw" %}`; any
    other keyword becomes an attribute (`class`, `loading`, `fetchpriority`).
    Lazy loading unless told otherwise. Nothing when there is no image.
    """
    if not image:
        return ""
    attributes = {"src": image.url, "alt": alt}
    if widths:
        attributes |= {"srcset": srcset(image, widths), "sizes": sizes}
    width, height = _stored_dimensions(image)
    if width and height:
        attributes |= {"width": width, "height": height}
    attributes |= {"loading": "lazy", "decoding": "async"} | attrs
    return format_html("<img{}>", flatatt(attributes))


def _stored_dimensions(image):
    """The dimensions the model stored at upload: no file is opened here."""
    field, instance = image.field, image.instance
    if not (field.width_field and field.height_field):
        return None, None
    return getattr(instance, field.width_field), getattr(instance, field.height_field)
