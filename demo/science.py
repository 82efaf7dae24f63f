"""Demo articles in Science."""

SUNSET = """
<p>At noon the sky is blue; an hour before dark it can turn orange, pink and deep
red. Nothing about the sun changes in between. What changes is how much air its
light has to cross before it reaches you.</p>

<h2>Scattering in a nutshell</h2>

<p>Sunlight is a mix of every colour. When it passes through the atmosphere, the
tiny molecules of nitrogen and oxygen bounce some of it in new directions. They
scatter short wavelengths, the blues and violets, far more strongly than the long
reds. This is called <em>Rayleigh scattering</em>, after the physicist who worked
out the maths in the 1870s.</p>

<h3>Why not violet, then?</h3>

<p>Violet is scattered even more than blue, but sunlight contains less of it, some
is absorbed high in the atmosphere, and our eyes are less sensitive to it. The mix
we end up seeing reads as sky blue.</p>

<h2>The long path at sunset</h2>

<p>When the sun is low, its light travels through many times more air than at
midday. Most of the blue is scattered away long before it reaches you, and what is
left is the orange and red end of the spectrum.</p>

<blockquote><p>A red sky is blue light that went somewhere else.</p></blockquote>

<h2>Try it at home</h2>

<ol>
<li>Fill a clear glass with water and stir in a few drops of milk.</li>
<li>Shine a torch through it from the side in a dark room.</li>
<li>Look from the side: the water glows faintly blue.</li>
<li>Look through the glass towards the torch: the light looks orange.</li>
</ol>

<p>Dust and smoke make sunsets redder still, which is why the evenings after a
volcanic eruption or a forest fire can be spectacular. The
<a href="https://www.metoffice.gov.uk/">Met Office</a> publishes good explainers on
these effects.</p>
"""

VACCINES = """
<p>A vaccine is a rehearsal. It shows the immune system what an invader looks like,
without the danger of the real infection, so that the body is ready if the real
thing ever arrives.</p>

<h2>Two kinds of defence</h2>

<p>The <strong>innate</strong> immune system reacts within hours to anything that
looks foreign, but it does not learn. The <strong>adaptive</strong> immune system is
slower the first time, taking a week or two, and it remembers.</p>

<h3>Antibodies and memory cells</h3>

<p>B cells make antibodies that stick to one particular shape on a germ. T cells
find and destroy infected cells. After an infection, or a vaccine, a small number of
both stay behind as memory cells, sometimes for decades.</p>

<h2>What goes into a vaccine</h2>

<ul>
<li>A weakened or inactivated germ.</li>
<li>A single piece of it, such as a surface protein.</li>
<li>Instructions, as mRNA, for your own cells to make that piece for a while.</li>
</ul>

<p>All three teach the same lesson: this is the shape to look out for.</p>

<h2>Why boosters exist</h2>

<p>Memory fades for some diseases, and some viruses change their shape over time.
A booster refreshes the lesson or updates it.</p>

<blockquote><p>Recognise the shape, remember it, respond faster next time: that is
the whole lesson.</p></blockquote>

<p>The <a href="https://www.who.int/health-topics/vaccines-and-immunization">World
Health Organization's immunization pages</a> explain schedules and safety
monitoring in more detail.</p>
"""

NEUROPLASTICITY = """
<p>For most of the twentieth century, textbooks taught that the adult brain was
fixed: you were born with your neurons and slowly lost them. We now know the brain
keeps changing its wiring for the whole of life. Scientists call this
neuroplasticity.</p>

<h2>Connections that strengthen with use</h2>

<p>Every time two neurons fire together, the connection between them becomes a
little easier to use next time. Practise a tune on the piano and the path it takes
through your brain literally becomes more efficient.</p>

<h3>And weaken without it</h3>

<p>The reverse is also true. Connections that are rarely used are pruned back,
which is why a language learned at school fades if it is never spoken.</p>

<h2>Recovery after injury</h2>

<p>After a stroke, nearby areas of the brain can take over some of the work of
damaged ones. Rehabilitation relies on this: repeating a movement hundreds of times
helps the brain build new routes around the damage.</p>

<h2>What helps a brain keep changing</h2>

<ul>
<li>Learning something genuinely new, not just repeating what you know.</li>
<li>Regular physical exercise, which supports the growth of new connections.</li>
<li>Enough sleep, when the day's learning is consolidated.</li>
</ul>

<p>Neuroscientists sum up the first idea in a rhyme that has been repeated since
the 1990s:</p>

<blockquote><p>Neurons that fire together wire together.</p></blockquote>
"""

KILOGRAM = """
<p>For 130 years, the kilogram was a lump of metal. A cylinder of platinum and
iridium, kept under three glass bell jars in a vault near Paris, was by definition
exactly one kilogram. Every scale in the world traced back to it.</p>

<h2>The trouble with a lump of metal</h2>

<p>When the official copies were compared with the original, their masses had
drifted apart by about fifty micrograms, roughly the weight of a grain of sand.
Nobody could say which one was changing, because the original was the definition.</p>

<h2>Redefining it with a constant</h2>

<p>In 2019 the kilogram was redefined through the Planck constant, a number from
quantum physics that is the same everywhere in the universe. The metal cylinder is
now just a very well-measured object.</p>

<h3>How do you weigh with a constant?</h3>

<p>A Kibble balance compares the weight of a mass with an electromagnetic force,
which can be measured very precisely in terms of the Planck constant.</p>

<table>
<caption>Base units and what defines them</caption>
<thead><tr><th scope="col">Unit</th><th scope="col">Defined by</th></tr></thead>
<tbody>
<tr><td>second</td><td>caesium atom frequency</td></tr>
<tr><td>metre</td><td>speed of light</td></tr>
<tr><td>kilogram</td><td>Planck constant</td></tr>
</tbody>
</table>

<p>The <a href="https://www.bipm.org/">International Bureau of Weights and
Measures</a> keeps the full definitions of all seven base units.</p>
"""

ARTICLES = [
    {
        "slug": "why-the-sky-turns-red-at-sunset",
        "title": "Why the Sky Turns Red at Sunset",
        "author": "tom",
        "category": "science",
        "tags": ["physics", "light"],
        "summary": "Nothing about the sun changes at dusk. What changes is how "
        "much air its light has to cross, and which colours survive the trip.",
        "body": SUNSET,
        "days_ago": 6,
        "cover": {
            "colors": ("#ff7b00", "#6a040f", "#ffd166"),
            "alt": "Orange fading into dark red, with pale yellow discs like "
            "a setting sun",
        },
    },
    {
        "slug": "how-vaccines-train-the-immune-system",
        "title": "How Vaccines Train the Immune System",
        "author": "maya",
        "category": "science",
        "tags": ["immunology", "vaccines"],
        "summary": "A vaccine is a rehearsal: it shows the immune system what an "
        "invader looks like, so the body is ready for the real thing.",
        "body": VACCINES,
        "days_ago": 15,
        "cover": {
            "colors": ("#03045e", "#0096c7", "#caf0f8"),
            "alt": "Blue gradient with pale round shapes resembling cells under "
            "a microscope",
        },
    },
    {
        "slug": "neuroplasticity-how-the-brain-rewires-itself",
        "title": "Neuroplasticity: How the Brain Rewires Itself",
        "author": "happy",
        "category": "science",
        "tags": ["neuroscience", "habits"],
        "summary": "The adult brain is not fixed. It keeps rewiring itself for "
        "life, strengthening the connections you use and pruning the rest.",
        "body": NEUROPLASTICITY,
        "days_ago": 20,
        "cover": {
            "colors": ("#3c096c", "#9d4edd", "#e0aaff"),
            "alt": "Purple gradient criss-crossed by light lines like connections "
            "between neurons",
        },
    },
    {
        "slug": "a-short-history-of-the-kilogram",
        "title": "A Short History of the Kilogram",
        "author": "tom",
        "category": "science",
        "tags": ["physics", "measurement"],
        "summary": "For 130 years the kilogram was a metal cylinder in a vault. "
        "Since 2019 it is defined by a constant of nature.",
        "body": KILOGRAM,
        "days_ago": 33,
    },
]
