"""Demo articles in Health, one of them scheduled and one waiting for review."""

SLEEP = """
<p>Most advice about sleep sounds like a list of things to give up. The good news is
that the habits with the biggest effect are small, cheap and easy to test on
yourself for a week.</p>

<h2>Keep the same wake-up time</h2>

<p>Your body clock is set mostly by when you get up, not by when you go to bed.
Getting up at the same time every day, weekends included, is the single change
sleep clinics recommend first. Bedtime then tends to sort itself out, because you
become sleepy at a steadier hour.</p>

<h2>Light in the morning, dim in the evening</h2>

<p>Daylight tells the brain that the day has started. Ten minutes outside before
noon, even under clouds, is far brighter than any indoor lamp. In the evening the
opposite helps: lower, warmer lights in the last hour before bed.</p>

<h3>What about screens?</h3>

<p>The light from a phone is weak compared with daylight. What keeps people awake
is more often the content: messages, news, one more episode. Putting the phone to
charge outside the bedroom solves both problems at once.</p>

<h2>A short checklist</h2>

<ul>
<li>Same wake-up time, seven days a week.</li>
<li>Caffeine before early afternoon only.</li>
<li>A cool, dark, quiet room.</li>
<li>If you cannot sleep after twenty minutes, get up and read somewhere else.</li>
</ul>

<blockquote><p>Sleep is the best meditation.</p></blockquote>

<p>If poor sleep lasts for weeks despite good habits, talk to your doctor. The
<a href="https://www.nhs.uk/live-well/sleep-and-tiredness/">NHS pages on sleep and
tiredness</a> are a sensible place to start reading.</p>
"""

HEART_RATE = """
<p>Your resting heart rate is the number of times your heart beats in a minute when
you have been sitting quietly for a while. It is one of the simplest measurements
you can take, and over time it says a lot about your fitness and health.</p>

<h2>How to measure it</h2>

<ol>
<li>Sit down and rest for five minutes, ideally in the morning.</li>
<li>Find the pulse on the inside of your wrist, below the thumb.</li>
<li>Count the beats for thirty seconds and double the number.</li>
<li>Repeat on three different mornings and take the average.</li>
</ol>

<h2>What the numbers mean</h2>

<p>For most adults a resting rate between 60 and 100 beats per minute is considered
normal. Trained endurance athletes often sit well below 60, because a stronger heart
moves more blood with each beat.</p>

<h3>When a change matters</h3>

<p>A single reading means little: coffee, stress, a poor night or a cold can all
raise it. A rise of ten beats or more that lasts for several days is worth
noticing, especially with tiredness or breathlessness.</p>

<h2>Bringing it down</h2>

<p>Regular moderate exercise is the most reliable way to lower a resting rate over
months. Brisk walking counts. So does sleeping well and drinking less alcohol.</p>

<blockquote><p>Measure the same way, at the same time, and the trend will tell you
more than any single number.</p></blockquote>

<p>See a doctor promptly if your pulse is often above 100 at rest, below 50 without
training, irregular, or comes with dizziness or chest pain.</p>
"""

ALLERGIES = """
<p>For millions of people spring arrives with itchy eyes and a running nose. Hay
fever cannot be cured, but starting early makes the season far easier.</p>

<h2>Start before the pollen does</h2>

<p>Steroid nasal sprays work best when they are used every day for a week or two
before symptoms usually begin. Check last year's calendar: if trouble started in
April, begin in March.</p>

<h2>Keep pollen outside</h2>

<ul>
<li>Shower and change clothes after a day outdoors.</li>
<li>Keep windows closed in the early morning and evening, when counts peak.</li>
<li>Dry laundry indoors on high-pollen days.</li>
<li>Wrap-around sunglasses help more than you would expect.</li>
</ul>

<h2>When to see a doctor</h2>

<p>If over-the-counter treatments do not help, or if you wheeze or feel tight in the
chest, book an appointment: hay fever and asthma often travel together.</p>
"""

BLOOD_PRESSURE = """
<p>Blood pressure is written as two numbers, such as 120/80. Both matter, and
knowing what each one means makes a check-up far less mysterious.</p>

<h2>The top number: systolic</h2>

<p>The first number is the pressure in your arteries while the heart is beating. It
tends to rise with age as arteries become stiffer.</p>

<h2>The bottom number: diastolic</h2>

<p>The second number is the pressure between beats, while the heart refills.</p>

<h2>Getting a fair reading</h2>

<ul>
<li>Sit for five minutes first, feet flat, back supported.</li>
<li>Rest your arm at heart height.</li>
<li>Take two readings a minute apart and note both.</li>
</ul>
"""

ARTICLES = [
    {
        "slug": "small-habits-for-better-sleep",
        "title": "Small Habits for Better Sleep",
        "author": "happy",
        "category": "health",
        "tags": ["sleep", "habits"],
        "summary": "The sleep habits with the biggest effect are small and cheap: "
        "a steady wake-up time, morning light and a phone that sleeps elsewhere.",
        "body": SLEEP,
        "days_ago": 4,
        "cover": {
            "colors": ("#14213d", "#3a0ca3", "#fca311"),
            "alt": "Deep blue night-time gradient with soft golden circles "
            "like distant lamps",
        },
    },
    {
        "slug": "what-your-resting-heart-rate-tells-you",
        "title": "What Your Resting Heart Rate Tells You",
        "author": "maya",
        "category": "health",
        "tags": ["heart", "exercise"],
        "summary": "How to take your resting pulse properly, what counts as "
        "normal, and which changes are worth a call to the doctor.",
        "body": HEART_RATE,
        "days_ago": 11,
        "cover": {
            "colors": ("#9d0208", "#e85d04", "#ffba08"),
            "alt": "Warm red and orange gradient crossed by bright lines like "
            "a pulse trace",
        },
    },
    {
        "slug": "getting-ahead-of-hay-fever-season",
        "title": "Getting Ahead of Hay Fever Season",
        "author": "maya",
        "category": "health",
        "tags": ["allergies", "habits"],
        "summary": "Hay fever cannot be cured, but starting treatment before the "
        "pollen arrives makes the season far easier.",
        "body": ALLERGIES,
        "publish_in_days": 3,
    },
    {
        "slug": "reading-your-blood-pressure-numbers",
        "title": "Reading Your Blood Pressure Numbers",
        "author": "happy",
        "category": "health",
        "tags": ["heart"],
        "summary": "What the two numbers of a blood pressure reading mean, and how "
        "to get a fair one at home.",
        "body": BLOOD_PRESSURE,
        "status": "submitted",
    },
]
