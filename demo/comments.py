"""Readers' comments on the demo articles, keyed by article slug.

`hours` is how long after publication the comment arrived; `replies` nest
(three levels at most, like the site allows). Comments are approved unless
they say otherwise.
"""

COMMENTS = {
    "how-klonopin-works-on-the-brain-and-body": [
        {
            "name": "Priya Natarajan",
            "email": "priya@example.org",
            "hours": 3,
            "body": "Clear explanation of GABA, thank you. My neurologist said "
            "almost the same thing but much faster.",
            "replies": [
                {
                    "name": "Happy Sharer",
                    "email": "happy@example.org",
                    "hours": 5,
                    "body": "Glad it helped, Priya. Do write down your questions "
                    "before the next appointment: it makes those quick visits "
                    "go further.",
                    "replies": [
                        {
                            "name": "Priya Natarajan",
                            "email": "priya@example.org",
                            "hours": 8,
                            "body": "Good idea, I will.",
                        }
                    ],
                }
            ],
        },
        {
            "name": "Daniel Brooks",
            "email": "reader@example.org",
            "hours": 10,
            "body": "Worth adding that you should never stop it suddenly. "
            "Tapering with my doctor took months, and it was the right call.",
        },
        {
            "name": "Jo",
            "email": "jo@example.org",
            "hours": 14,
            "body": "Is it safe to drink alcohol while taking this?",
            "status": "pending",
        },
    ],
    "small-habits-for-better-sleep": [
        {
            "name": "Marta Silva",
            "email": "marta@example.org",
            "hours": 6,
            "body": "The fixed wake-up time changed everything for me. The first "
            "week was rough, the second was much better.",
            "replies": [
                {
                    "name": "Leo Grant",
                    "email": "leo@example.org",
                    "hours": 9,
                    "body": "Same here. Weekends were the hard part.",
                }
            ],
        },
        {
            "name": "Night Owl",
            "email": "owl@example.org",
            "hours": 20,
            "body": "What about people who work night shifts?",
            "status": "pending",
        },
    ],
    "why-the-sky-turns-red-at-sunset": [
        {
            "name": "Aisha Rahman",
            "email": "aisha@example.org",
            "hours": 4,
            "body": "Did the milk experiment with my kids tonight. They were "
            "amazed that the same glass is blue from one side and orange from "
            "the other.",
        },
        {
            "name": "Ben Carter",
            "email": "ben@example.org",
            "hours": 30,
            "body": "So why are sunsets over the sea sometimes so much redder?",
            "replies": [
                {
                    "name": "Tom Whitfield",
                    "email": "tom@example.org",
                    "hours": 32,
                    "body": "Sea salt and moisture add more small particles to "
                    "the air, and the horizon is low and clear, so the light "
                    "crosses an especially long path.",
                }
            ],
        },
    ],
    "fixing-a-dripping-tap": [
        {
            "name": "Hannah Lee",
            "email": "hannah@example.org",
            "hours": 12,
            "body": "The tip about the plug saved me a screw. Fixed in twenty minutes.",
        },
        {
            "name": "Carl",
            "email": "carl@example.org",
            "hours": 40,
            "body": "Mine has a single lever, does this work the same way?",
            "status": "pending",
        },
    ],
}
