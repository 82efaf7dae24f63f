"""Who is in the demo: the accounts behind each role, the authors, the categories.

The shared password is for the local demo only; `load_demo` refuses to run
outside debug mode unless forced.
"""

from core.permissions import AUTHORS, EDITORS, MODERATORS

DEMO_PASSWORD = "demo-password-123"
# The key of the demo staff's authenticator app (hex), shared and published
# like the password: staff sign in to the admin with its code (`demo_code`).
DEMO_TOTP_KEY = "466f6c696f2064656d6f20737461666620617070"

# `login` marks the accounts printed after loading, one per role, with the
# page where that role works (`works_at`).
ACCOUNTS = [
    {
        "role": "editor",
        "username": "editor",
        "email": "editor@example.org",
        "first_name": "Elena",
        "last_name": "Park",
        "group": EDITORS,
        "is_staff": True,
        "login": True,
        "works_at": "/admin/",
    },
    {
        "role": "moderator",
        "username": "moderator",
        "email": "moderator@example.org",
        "first_name": "Sam",
        "last_name": "Reyes",
        "group": MODERATORS,
        "is_staff": True,
        "login": True,
        "works_at": "/moderation/",
    },
    {
        "role": "author",
        "username": "happy",
        "email": "happy@example.org",
        "first_name": "Happy",
        "last_name": "Sharer",
        "group": AUTHORS,
        "is_staff": True,
        "login": True,
        "works_at": "/dashboard/",
    },
    {
        "role": "author",
        "username": "maya",
        "email": "maya@example.org",
        "first_name": "Maya",
        "last_name": "Okafor",
        "group": AUTHORS,
        "is_staff": False,
        "login": False,
    },
    {
        "role": "author",
        "username": "tom",
        "email": "tom@example.org",
        "first_name": "Tom",
        "last_name": "Whitfield",
        "group": AUTHORS,
        "is_staff": False,
        "login": False,
    },
]

AUTHORS = [
    {
        "username": "happy",
        "display_name": "Happy Sharer",
        "slug": "happy-sharer",
        "bio": (
            "Hi, I'm Happy Sharer and I love sharing interesting and useful "
            "knowledge with others. I have a passion for learning and enjoy "
            "explaining complex concepts in a simple way."
        ),
        "website": "https://happy-sharer.example.org/",
        "avatar": ("HS", ("#e76f51", "#f4a261")),
    },
    {
        "username": "maya",
        "display_name": "Maya Okafor",
        "slug": "maya-okafor",
        "bio": (
            "Maya is a community nurse who spent ten years on night shifts "
            "before she started writing. She covers everyday health: the "
            "questions patients ask at the door, answered without jargon."
        ),
        "website": "https://maya-okafor.example.org/",
        "avatar": ("MO", ("#2a9d8f", "#264653")),
    },
    {
        "username": "tom",
        "display_name": "Tom Whitfield",
        "slug": "tom-whitfield",
        "bio": (
            "Tom taught physics at a secondary school for twenty years and "
            "still cannot walk past a broken appliance. He writes about "
            "science you can see from the kitchen window and repairs you can "
            "do with a screwdriver."
        ),
        "website": "https://tom-whitfield.example.org/",
        "avatar": None,
    },
]

CATEGORIES = [
    {
        "name": "Health",
        "slug": "health",
        "description": "Medicines, sleep, the heart: how the body works and "
        "how to look after it.",
    },
    {
        "name": "Science",
        "slug": "science",
        "description": "The ideas behind the everyday world, explained plainly.",
    },
    {
        "name": "Everyday Life",
        "slug": "everyday-life",
        "description": "Habits, repairs and small skills that make days easier.",
    },
]
