"""Text people type that others read: names without direction tricks.

Unicode's bidirectional controls (the right-to-left override and its kin)
reorder the text around them when displayed, so a name can make the words
after it on a page read differently from what they are ("moc.elgoog" shown
as "google.com"). Names have no use for them: forms drop them.
"""

import re

# LRE, RLE, PDF, LRO, RLO (U+202A–E); LRI, RLI, FSI, PDI (U+2066–9); the
# marks LRM, RLM and ALM.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def without_bidi_controls(text: str) -> str:
    return BIDI_CONTROLS.sub("", text)
