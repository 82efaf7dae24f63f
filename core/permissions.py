"""Every permission Folio checks, named once, and the roles that hold them.

Views, querysets, the admin and templates ask for these names; `ROLES` is
the one table of which group holds what, applied by `core.roles` after
every `migrate` (and by `manage.py sync_roles`). Strings only: core
imports no app of ours.
"""

# An editor: publishes, schedules, sends back, restores revisions.
PUBLISH_ARTICLE = "blog.publish_article"
# Sees every article, drafts included, as readers will see it.
PREVIEW_ARTICLE = "blog.preview_article"
# "Author": a member of the authors team, who may submit articles for review.
SUBMIT_ARTICLE = "blog.submit_article"
MODERATE_COMMENT = "comments.moderate_comment"
REVIEW_APPLICATION = "accounts.review_authorapplication"
# Sends again, from the admin, an email the mail server did not take.
RESEND_MAIL = "core.resend_unsentmail"
# Imports a WordPress export (its authors, posts, pages, comments, images).
IMPORT_WORDPRESS = "wordpress.add_importrun"

EDITORS = "Editors"
MODERATORS = "Moderators"
AUTHORS = "Authors"


def _crud(app: str, model: str, actions=("add", "change", "delete", "view")):
    return [f"{app}.{action}_{model}" for action in actions]


_MODERATION = [
    MODERATE_COMMENT,
    *_crud("comments", "comment", ("change", "delete", "view")),
    *_crud("comments", "blockedterm"),
    "comments.view_moderationevent",
]

# Each group holds exactly these permissions.
ROLES = {
    EDITORS: [
        PUBLISH_ARTICLE,
        PREVIEW_ARTICLE,
        SUBMIT_ARTICLE,
        *_crud("blog", "article"),
        *_crud("blog", "category"),
        *_crud("blog", "tag"),
        *_crud("blog", "slugredirect", ("change", "delete", "view")),
        *_crud("blog", "page"),
        *_crud("accounts", "author", ("change", "view")),
        *_crud("imaging", "image", ("change", "delete", "view")),
        "accounts.view_authorapplication",
        REVIEW_APPLICATION,
        *_MODERATION,
        *_crud("core", "unsentmail", ("delete", "view")),
        RESEND_MAIL,
        IMPORT_WORDPRESS,
        *_crud("wordpress", "importrun", ("view",)),
        *_crud("wordpress", "oldaddress", ("change", "delete", "view")),
    ],
    MODERATORS: _MODERATION,
    AUTHORS: [SUBMIT_ARTICLE],
}
