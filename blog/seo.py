"""Structured data (schema.org JSON-LD) for article pages."""

from django.urls import reverse

from imaging.processing import rendition_url


def article_structured_data(article, request, site_name: str) -> list[dict]:
    """An `Article` and its `BreadcrumbList`, with absolute URLs."""
    absolute = request.build_absolute_uri
    url = absolute(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title,
        "description": article.summary,
        "url": url,
        "mainEntityOfPage": url,
        "author": {
            "@type": "Person",
            "name": article.author.display_name,
            "url": absolute(article.author.get_absolute_url()),
        },
        "publisher": {"@type": "Organization", "name": site_name},
        "datePublished": article.published_at.isoformat()
        if article.published_at
        else None,
        "dateModified": (
            article.revised_at or article.published_at or article.updated_at
        ).isoformat(),
        "wordCount": len(article.body_text.split()),
    }
    if article.cover:
        widest = max(article.cover_widths, default=None)
        image = rendition_url(article.cover, widest) if widest else article.cover.url
        data["image"] = absolute(image)
    crumbs = [("Home", reverse("blog:article_list"))]
    if article.category:
        crumbs.append((article.category.name, article.category.get_absolute_url()))
    crumbs.append((article.title, article.get_absolute_url()))
    breadcrumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute(path),
            }
            for position, (name, path) in enumerate(crumbs, start=1)
        ],
    }
    return [{k: v for k, v in data.items() if v is not None}, breadcrumbs]
