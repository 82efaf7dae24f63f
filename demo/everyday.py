"""Demo articles in Everyday Life, one of them still a draft."""

TAP = """
<p>A dripping tap wastes thousands of litres of water a year and keeps you awake at
night. In most homes the fix takes half an hour, a spanner and a part that costs
less than a coffee.</p>

<h2>Find out what kind of tap you have</h2>

<p>Turn the handle. If it turns several times before the water stops, it is a
compression tap with a rubber washer. If it turns only a quarter or half a turn, it
has a ceramic disc cartridge.</p>

<h2>What you need</h2>

<ul>
<li>An adjustable spanner and a flat screwdriver.</li>
<li>A replacement washer or cartridge: take the old one to the shop.</li>
<li>A cloth, to protect the chrome from the spanner's teeth.</li>
</ul>

<h2>Step by step</h2>

<ol>
<li>Turn off the water at the isolating valve under the sink, or at the stopcock.</li>
<li>Open the tap to drain what is left in the pipe.</li>
<li>Prise off the cap on the handle, undo the screw and lift the handle away.</li>
<li>Unscrew the valve body with the spanner, holding the tap still with the other
hand.</li>
<li>Swap the washer or the cartridge, reassemble, and turn the water back on
slowly.</li>
</ol>

<h3>If it still drips</h3>

<p>The seat the washer presses against may be worn. A seat-reseating tool can grind
it smooth again; if that fails, it is time to replace the tap.</p>

<blockquote><p>Put the plug in the sink before you start. Small screws love
drains.</p></blockquote>
"""

TWO_MINUTES = """
<p>The two-minute rule is simple: if a task takes less than two minutes, do it now
instead of putting it on a list. It comes from productivity writing, but it works
best at home, where small jobs pile up quietly.</p>

<h2>Why it works</h2>

<p>Writing a small task down, remembering it and coming back to it often costs more
than doing it. Hanging up a coat takes ten seconds; a chair covered in coats takes
an afternoon.</p>

<h2>Where to use it</h2>

<ul>
<li>Putting things back where they live, straight away.</li>
<li>Rinsing a mug instead of leaving it by the sink.</li>
<li>Opening the post over the recycling bin.</li>
<li>Wiping the hob while the kettle boils.</li>
</ul>

<h2>Where not to</h2>

<p>The rule is for chores, not for interruptions. If you are concentrating on
something important, a two-minute task can wait on a list after all.</p>

<h3>Make it a habit</h3>

<p>Pick one room and practise there for a week. Habits grow from places as much as
from intentions.</p>

<blockquote><p>You do not rise to the level of your goals; you fall to the level of
your systems.</p></blockquote>

<p>The quote is from James Clear, whose
<a href="https://jamesclear.com/">writing on habits</a> popularised many of these
ideas.</p>
"""

LABELS = """
<p>Food labels carry a lot of numbers. You only need to read a few of them to make
a good choice in the aisle.</p>

<h2>Start with the portion size</h2>

<p>Every figure on the label is per portion or per 100 grams. Manufacturers'
portions are often smaller than what people actually eat, so compare per 100 grams
between products.</p>

<h2>The three numbers worth checking</h2>

<ol>
<li><strong>Sugars</strong>: more than 22.5 g per 100 g is high.</li>
<li><strong>Saturated fat</strong>: more than 5 g per 100 g is high.</li>
<li><strong>Salt</strong>: more than 1.5 g per 100 g is high.</li>
</ol>

<h3>Colour-coded labels</h3>

<p>Where the front of the pack uses traffic-light colours, a basket of mostly green
and amber is a good sign. A red is not forbidden, just something to balance.</p>

<h2>The ingredients list</h2>

<p>Ingredients are listed in order of weight. If sugar, in any of its many names,
appears in the first three, it is a major part of the food.</p>

<blockquote><p>Compare per 100 grams, check three numbers, glance at the first three
ingredients. That is the whole minute.</p></blockquote>
"""

COMPOSTING = """
<p>You do not need a garden to compost. A small bin on a balcony or under the sink
can turn peelings into soil for pot plants.</p>

<h2>Two methods that fit a flat</h2>

<ul>
<li>A bokashi bin, which ferments scraps in a sealed bucket.</li>
<li>A wormery, where worms do the work.</li>
</ul>

<p>Notes to expand: smells, fruit flies, what to do with the finished compost.</p>
"""

ARTICLES = [
    {
        "slug": "fixing-a-dripping-tap",
        "title": "Fixing a Dripping Tap Without Calling a Plumber",
        "author": "tom",
        "category": "everyday-life",
        "tags": ["home", "diy"],
        "summary": "Most dripping taps need a new washer or cartridge. Half an "
        "hour, a spanner and a cheap part are usually enough.",
        "body": TAP,
        "days_ago": 9,
        "cover": {
            "colors": ("#0077b6", "#90e0ef", "#ffffff"),
            "alt": "Light blue gradient with white circles like water drops",
        },
    },
    {
        "slug": "the-two-minute-rule-for-a-tidier-home",
        "title": "The Two-Minute Rule for a Tidier Home",
        "author": "happy",
        "category": "everyday-life",
        "tags": ["habits", "home"],
        "summary": "If a chore takes less than two minutes, do it now. Why the "
        "rule works at home, and where it does not.",
        "body": TWO_MINUTES,
        "days_ago": 25,
        "cover": {
            "colors": ("#606c38", "#dda15e", "#fefae0"),
            "alt": "Olive green blending into sand, with cream shapes suggesting "
            "a calm, tidy room",
        },
    },
    {
        "slug": "reading-a-food-label-in-a-minute",
        "title": "Reading a Food Label in a Minute",
        "author": "maya",
        "category": "everyday-life",
        "tags": ["nutrition"],
        "summary": "Portion size, three numbers and the first three ingredients: "
        "all you need to compare two products in the aisle.",
        "body": LABELS,
        "days_ago": 40,
    },
    {
        "slug": "composting-in-a-small-flat",
        "title": "Composting in a Small Flat",
        "author": "tom",
        "category": "everyday-life",
        "tags": ["home"],
        "summary": "You do not need a garden to compost.",
        "body": COMPOSTING,
        "status": "draft",
    },
]
