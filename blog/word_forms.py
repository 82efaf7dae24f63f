"""Irregular English word forms, so that search finds "sleep" for "slept".

Both search backends stem words with Porter's rules (SQLite's FTS5
tokenizer, PostgreSQL's english configuration): "seizures" finds "seizure"
and "sleeping" finds "sleep", but no rule joins "slept" to "sleep" or
"mice" to "mouse". A lemmatiser would (lemminflect), at about 70 MB more per
worker; these tables of common irregular verbs and plurals cover what
readers type. Forms that are common words in their own right ("saw", "lay",
"ground", "rose") are left out: they would widen searches more than help.
"""

# Each group: the base form, then its other forms.
VERBS = """
arise arose arisen, awake awoke awoken, beat beaten, begin began begun,
bend bent, bind bound, bite bitten, bleed bled, blow blew blown,
break broke broken, breed bred, bring brought, build built, burn burnt,
buy bought, catch caught, choose chose chosen, cling clung, creep crept,
deal dealt, dig dug, draw drew drawn, dream dreamt, drink drank drunk,
drive drove driven, eat ate eaten, fall fell fallen, feed fed, feel felt,
fight fought, find found, flee fled, fly flew flown,
forbid forbade forbidden, forget forgot forgotten, forgive forgave forgiven,
freeze froze frozen, give gave given, grow grew grown, hang hung, hear heard,
hide hid hidden, hold held, keep kept, kneel knelt, know knew known,
lead led, lean leant, leap leapt, learn learnt, leave left, lend lent,
light lit, lose lost, meet met, pay paid, prove proved proven,
ride rode ridden, ring rang rung, run ran, seek sought, sell sold, send sent,
shake shook shaken, shine shone, shoot shot, show showed shown,
shrink shrank shrunk, sing sang sung, sink sank sunk, sit sat,
slay slew slain, sleep slept, slide slid, speak spoke spoken, speed sped,
spend spent, spin spun, spit spat, spring sprang sprung, stand stood,
steal stole stolen, stick stuck, sting stung, stink stank stunk,
stride strode stridden, strike struck, strive strove striven,
swear swore sworn, sweep swept, swim swam swum, swing swung, take took taken,
teach taught, tear tore torn, think thought, throw threw thrown,
tread trod trodden, understand understood, wake woke woken, wear wore worn,
weave wove woven, weep wept, win won, withdraw withdrew withdrawn,
write wrote written
"""
PLURALS = """
child children, foot feet, goose geese, man men, mouse mice, ox oxen,
person people, tooth teeth, woman women, analysis analyses,
criterion criteria, crisis crises, diagnosis diagnoses, hypothesis hypotheses,
phenomenon phenomena, thesis theses
"""


def _forms_by_word() -> dict[str, tuple[str, ...]]:
    forms = {}
    for group in (VERBS + "," + PLURALS).split(","):
        words = tuple(group.split())
        for word in words:
            forms[word] = words
    return forms


FORMS = _forms_by_word()


def forms_of(word: str) -> tuple[str, ...]:
    """The word and its irregular forms ("slept": sleep, slept), or just it."""
    return FORMS.get(word, (word,))
