"""The sample page the site was built to reproduce, kept as it was written.

Its flaw is kept on purpose: the side-effects heading is printed three times,
so the editorial checks have something real to flag.
"""

BODY = """
<p>Klonopin is a prescription drug that is used to treat a variety of mental health
conditions, including anxiety, panic attacks, and depression. It is also used to
treat certain types of seizures. In this article, we will explore how Klonopin works
on the brain and body, as well as the potential side effects of using this
medication.</p>

<h2>How Klonopin Works on the Brain</h2>

<p>Klonopin is a type of benzodiazepine, which is a class of medications that work
by calming the activity in the brain. Benzodiazepines act on neurotransmitters in the
brain, specifically gamma-aminobutyric acid (GABA). GABA is an inhibitory
neurotransmitter, meaning it decreases the activity of neurons in the brain. By
increasing the action of GABA, Klonopin can reduce the symptoms of anxiety, panic
attacks, and depression.</p>

<p>Klonopin also affects other neurotransmitters, such as serotonin and dopamine,
which are involved in regulating mood and emotions. By affecting these
neurotransmitters, Klonopin can help to reduce the symptoms of anxiety and
depression, as well as regulate mood.</p>

<h2>Clinical Studies: How Does Klonopin Work in Treating Seizures?</h2>

<p>Klonopin has also been studied for its efficacy in treating seizures. Seizures
are caused by abnormal electrical activity in the brain, and Klonopin works by
suppressing this activity. Different types of seizures respond differently to
Klonopin, but it has been found to be effective in treating some types of seizures,
such as absence seizures and myoclonic seizures.</p>

<p>In addition, research has shown that Klonopin may be effective in treating certain
types of epilepsy, such as temporal lobe epilepsy. This type of epilepsy is
characterized by recurrent seizures that start in one area of the brain and spread to
other parts of the brain. Klonopin helps to suppress the abnormal electrical activity
in the brain, reducing the number and severity of seizures.</p>

<h2>Understanding the Potential Side Effects of Klonopin</h2>
<h2>Understanding the Potential Side Effects of Klonopin</h2>
<h2>Understanding the Potential Side Effects of Klonopin</h2>

<p>Klonopin is generally considered safe when taken as prescribed. However, like all
medications, there are potential side effects associated with Klonopin use. Common
side effects include drowsiness, confusion, dizziness, and blurred vision. Other
potential side effects include nausea, constipation, dry mouth, and fatigue.</p>

<p>Long-term use of Klonopin can also lead to dependence and tolerance. This means
that over time, the body becomes accustomed to the effects of the drug and needs more
of it to achieve the same results. If Klonopin is stopped suddenly, withdrawal
symptoms may occur, so it is important to follow the instructions of your doctor when
taking this medication.</p>

<p>Klonopin is a powerful medication that can be used to effectively treat anxiety,
panic attacks, depression, and certain types of seizures. While it is generally safe
when taken as prescribed, it is important to understand the potential side effects
and risks associated with taking this medication. To learn more about Klonopin, speak
with your healthcare provider or consult the package insert for more
information.</p>

<p>For further reading, we recommend the following resources:</p>
<ul>
<li><cite>The Complete Guide to Klonopin</cite> by Dr. David Pomeroy</li>
<li><cite>Understanding Klonopin and How It Works</cite> by Dr. Michael Wintemute</li>
<li><cite>Klonopin: A Guide to Safe Use</cite> by Dr. Mark Breder</li>
</ul>

<p>(Note: Is this article not meeting your expectations? Do you have knowledge or
insights to share? Unlock new opportunities and expand your reach by joining our
authors team. Click <a href="/accounts/register/">Registration</a> to join us and
share your expertise with our readers.)</p>
"""

ARTICLE = {
    "slug": "how-klonopin-works-on-the-brain-and-body",
    "title": "How Klonopin Works on the Brain and Body",
    "author": "happy",
    "category": "health",
    "tags": ["medication", "anxiety", "seizures", "neuroscience"],
    "summary": (
        "Klonopin is a prescription drug used to treat anxiety, panic attacks and "
        "certain types of seizures. How it works on the brain and body, and the "
        "potential side effects of using this medication."
    ),
    "body": BODY,
    "days_ago": 1,
    # Drawn by demo/covers.py like the others' covers, in the site's teal.
    "cover": {
        "colors": ("#0a6660", "#1b3a4b", "#9ee5db"),
        "alt": "Deep teal gradient with pale, overlapping circles like cells "
        "seen under a microscope",
    },
}
