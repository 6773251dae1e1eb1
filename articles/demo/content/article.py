"""The article "Ketamine infusion therapy for PTSD", rewritten from the seed text.

Changes from the seed, on purpose: the NMDA receptor is a *glutamate* receptor (the seed said
glutamine); the evidence is presented as early and mixed, including the negative veterans' trial;
and claims with no source (ketamine "is usually safe", its wartime history, surgical-memory
blunting, suicide in treatment-resistant cases) are left out.
"""

from __future__ import annotations

from articles.choices import Audience, CalloutKind

from . import guide
from .case_stories import CASE_STORIES
from .streams import (
    callout,
    case_story,
    faq,
    guide_cta,
    heading,
    image,
    key_points,
    paragraph,
    statistic,
)

SLUG = "ketamine-for-ptsd"
TITLE = "Ketamine infusion therapy for PTSD"
SUMMARY = (
    "Ketamine, an anaesthetic medicine, is being studied as a treatment for post-traumatic stress "
    "disorder. Small trials found short-lived benefits, but the largest trial so far found none "
    "for PTSD: the evidence is early and mixed."
)
AUDIENCE = Audience.PATIENTS
HERO_IMAGE = "hero-network"
TOPICS = ["mental-health", "trauma", "treatment-options", "understanding-research"]
CONDITIONS = ["ptsd", "major-depressive-disorder"]
TREATMENTS = ["ketamine-infusion-therapy", "psychotherapy", "antidepressant-medication"]
AUTHORS = ["wren-ashdown"]

_CASE_SLUGS = [story["slug"] for story in CASE_STORIES]

BODY: list[dict] = [
    key_points(
        "Ketamine is being studied for PTSD, but it is not an established treatment.",
        "In small trials some people felt better within a day of an infusion, but the benefit "
        "faded within days or weeks.",
        "The largest trial so far, in 158 veterans and service members, found no PTSD benefit "
        "over a placebo.",
        "Trauma-focused talking therapies and antidepressant medicines have the strongest evidence.",
        "If you are in crisis, contact emergency services or a crisis line now.",
    ),
    heading("What PTSD is and how it is treated"),
    paragraph(
        "<p>Post-traumatic stress disorder (PTSD) can develop after a frightening or threatening "
        "experience, such as combat, an assault or a serious accident, or after the repeated "
        "trauma that some emergency, health and police workers meet in their jobs. People with "
        "PTSD may relive the event through unwanted memories, flashbacks or nightmares, avoid "
        "anything that reminds them of it, and feel constantly on guard. It can disrupt sleep, "
        "work and relationships for years.</p>",
        "liriano-2019",
    ),
    statistic(
        "44%",
        "of adults with PTSD, on average, no longer met the diagnosis after a mean of 40 months "
        "without specific treatment",
        "morina-2014",
        context="Pooled from 42 studies of 81,642 people. The figure varied from 8% to 89% between "
        "studies; on average, more than half of people still had PTSD.",
    ),
    image(
        "recovery-chart",
        "Bar chart: 44% of adults with PTSD no longer met the diagnosis after an average of 40 "
        "months without specific treatment, and 56% still did.",
        caption="Natural recovery from PTSD. Data: Morina and colleagues, 2014.",
    ),
    paragraph(
        "<p>Some people recover without specific treatment, but many do not. Talking therapies "
        "that focus on the trauma, and antidepressant medicines, have the strongest evidence, yet "
        "many people who try them still have symptoms afterwards. That gap is why "
        "researchers are testing other options, ketamine among them.</p>",
        "morina-2014",
        "liriano-2019",
    ),
    heading("How ketamine might act on the brain"),
    paragraph(
        "<p>Ketamine is an anaesthetic medicine. It blocks the <b>NMDA receptor</b>, one of the "
        "receptors that <b>glutamate</b>, the brain's main excitatory messenger, uses to pass "
        "signals between nerve cells. One idea is that long-lasting stress disturbs glutamate "
        "signalling and wears away connections between nerve cells in brain areas that handle fear "
        "and mood, and that briefly blocking NMDA receptors could help those connections grow "
        "back. This is a hypothesis: it has not been shown in people with PTSD.</p>",
        "liriano-2019",
        "krystal-2017",
    ),
    image(
        "nmda-diagram",
        "Diagram: glutamate attaches to an NMDA receptor in a nerve cell membrane, and a ketamine "
        "molecule sits in the receptor's channel, blocking it.",
        caption="A simplified picture. Glutamate normally opens the NMDA receptor's channel; "
        "ketamine sits in the channel and blocks it.",
    ),
    paragraph(
        "<p>Much of the support for this idea comes from mice. In one set of experiments, a single "
        "dose given a week <i>before</i> a stressful experience protected mice against later "
        "depression-like behaviour. In another, mice given ketamine a week before they learned to "
        "fear a signal froze less when they met it again, but ketamine given <i>after</i> the fear "
        "was learned made no difference. Reviews of rodent fear-memory studies describe the results "
        "overall as inconsistent, and what happens in mice does not always happen in people.</p>",
        "brachman-2016",
        "mcgowan-2017",
        "choi-2020",
    ),
    paragraph(
        "<p>Ketamine also seems to raise <b>BDNF</b> (brain-derived neurotrophic factor), a protein "
        "that helps nerve cells grow and form connections. In mice, ketamine's fast "
        "antidepressant-like effect depended on a quick burst of BDNF production once NMDA "
        "receptors were blocked. That work used models of depression, not PTSD.</p>",
        "autry-2011",
    ),
    heading("What studies in people show"),
    paragraph(
        "<p>In a small trial, 41 adults with long-lasting PTSD each had one ketamine infusion and, "
        "on another occasion, one infusion of <b>midazolam</b>, a sedative used for comparison "
        "because its effects are noticeable too. A day after ketamine, PTSD symptoms were lower "
        "than a day after midazolam, and depressive symptoms had eased as well. The improvement "
        "did not last long.</p>",
        "feder-2014",
    ),
    paragraph(
        "<p>A later trial gave 30 people six infusions over two weeks. At the end of the two "
        "weeks, two in three people given ketamine had responded, compared with one in five given "
        "midazolam. Among those who responded, the benefit lasted a median of about four weeks.</p>",
        "feder-2021",
    ),
    paragraph(
        "<p>The largest trial so far points the other way. It enrolled 158 veterans and "
        "active-duty service members whose PTSD had not improved with antidepressants, and gave "
        "them eight infusions over four weeks of ketamine, at one of two doses, or of a placebo. "
        "Neither dose reduced PTSD symptoms more than the placebo, although the higher dose did "
        "ease depression (Abdallah and colleagues, 2022).</p>",
        "abdallah-2022",
    ),
    paragraph(
        "<p>Two reviews published in 2024 combined the trials available at the time. Both found "
        "that ketamine's advantage over comparison treatments was small, with large differences "
        "between studies. In one, the advantage was no longer clear once the tendency of small "
        "studies to report bigger effects was taken into account.</p>",
        "borgogna-2024",
        "almeida-2024",
    ),
    paragraph(
        "<p>Researchers have also looked back through medical records. Among service members "
        "treated for burns, those given ketamine during surgery screened positive for PTSD less "
        "often (27%) than those who were not (46%). A study of this kind shows only an "
        "association: it cannot tell whether ketamine caused the difference.</p>",
        "mcghee-2008",
    ),
    callout(
        CalloutKind.INFO,
        "The evidence is early and mixed",
        "<p>Some small trials found benefits that lasted days or weeks, but the largest trial "
        "found no benefit for PTSD, and combined analyses suggest any effect is small. Ketamine is "
        "not an established treatment for PTSD. If you are interested, ask your care team whether "
        "a research study might suit you.</p>",
    ),
    heading("PTSD together with depression"),
    paragraph(
        "<p>PTSD and depression often occur together, so researchers have watched for effects on "
        "both. In the single-infusion trial, depressive symptoms eased along with PTSD symptoms for "
        "a short time. In the large veterans' trial, the higher dose helped depression even though "
        "it did not help PTSD.</p>",
        "feder-2014",
        "abdallah-2022",
    ),
    heading("Three published case reports"),
    paragraph(
        "<p>The stories below retell published case reports. A single case cannot show that a "
        "treatment works: people improve for many reasons, and reports of improvement are more "
        "likely to be published than reports of no change. Case reports are the weakest kind of "
        "evidence; they show what has been described, not what to expect.</p>"
    ),
    case_story(_CASE_SLUGS[0], "A young man whose mood improved after low-dose infusions."),
    case_story(_CASE_SLUGS[1], "A veteran whose sleep and mood improved for about two weeks."),
    case_story(_CASE_SLUGS[2], "A child whose behaviour settled for a week or two after surgery."),
    heading("Safety"),
    paragraph(
        "<p>During an infusion and shortly afterwards, ketamine can make people feel detached from "
        "their surroundings or their body (<b>dissociation</b>) and can cause unusual perceptions. "
        "In the veterans' trial these effects were stronger at the higher dose, faded within about "
        "two hours, and became milder with repeated infusions.</p>",
        "abdallah-2022",
    ),
    callout(
        CalloutKind.CAUTION,
        "Ketamine needs medical supervision",
        "<p>Ketamine is a powerful anaesthetic medicine. It should only be given by trained "
        "clinicians who watch over you throughout. Talk to your own doctor before considering it, "
        "and do not stop or change your current medicines or therapy without their advice. The "
        "long-term effects of repeated ketamine treatment for PTSD are not known.</p>",
    ),
    faq(
        (
            "Is ketamine a standard treatment for PTSD?",
            "<p>No. It is still being studied, and the results so far are mixed. Trauma-focused "
            "talking therapies and antidepressant medicines have the strongest evidence.</p>",
        ),
        (
            "How quickly could ketamine help, and for how long?",
            "<p>In trials, some people felt better within a day of an infusion. After a single "
            "infusion the effect faded quickly. After a two-week course, people who responded "
            "stayed better for a median of about four weeks. In the largest trial, ketamine worked "
            "no better than a placebo for PTSD.</p>",
        ),
        (
            "What does an infusion feel like?",
            "<p>Many people feel detached, dreamy or unreal during the infusion. In trials these "
            "feelings faded within a couple of hours. A clinician should watch over you "
            "throughout.</p>",
        ),
        (
            "Can I stop my other treatment if I try ketamine?",
            "<p>No, not without advice. Talk to the person who prescribes your medicines, or to "
            "your therapist, before you change anything.</p>",
        ),
        (
            "Is ketamine used for PTSD in children?",
            "<p>The trials described here were in adults. One published case report describes a "
            "child whose behaviour improved for a week or two after ketamine was given for "
            "surgery and for a scan, but a single case cannot show that it helps. Children and "
            "young people with PTSD should be assessed by a specialist team.</p>",
        ),
    ),
    callout(
        CalloutKind.URGENT,
        "If you are in crisis, get help now",
        "<p>If you are thinking about ending your life, or feel you cannot keep yourself safe, "
        "call your local emergency number now. In the US, call or text <b>988</b> (the 988 Suicide "
        "&amp; Crisis Lifeline); veterans can press 1 after dialling 988. In the UK and Ireland, "
        "call Samaritans free on <b>116 123</b>, day or night.</p>",
    ),
    guide_cta(
        guide.SLUG,
        guide.TITLE,
        "What to ask before treatment, what a session involves and when to seek urgent help. "
        "Download it as a PDF, a large-print PDF, plain text or an e-book.",
    ),
]

# Shown in the reference list next to each source.
REFERENCE_NOTES: dict[str, str] = {
    "morina-2014": "Natural recovery from PTSD (the 44% figure)",
    "liriano-2019": "Overview of ketamine for PTSD and usual treatments",
    "krystal-2017": "Synaptic-loss hypothesis",
    "brachman-2016": "Mouse study: ketamine given before stress",
    "mcgowan-2017": "Mouse study: ketamine and learned fear",
    "choi-2020": "Review of rodent fear-memory studies",
    "autry-2011": "Mouse study: ketamine, NMDA receptors and BDNF",
    "feder-2014": "Single-infusion trial",
    "feder-2021": "Two-week, six-infusion trial",
    "abdallah-2022": "Trial in 158 veterans and service members",
    "borgogna-2024": "2024 meta-analysis of randomised trials",
    "almeida-2024": "2024 meta-analysis",
    "mcghee-2008": "Records study in burned service members",
    "donoghue-2015": "Case report: the child treated during surgery",
    "womble-2013": "Case report: candidate source of the adult case stories (unconfirmed match)",
}

# Cited by the embedded case stories rather than by the article text; listed after the others.
EXTRA_REFERENCES = ["donoghue-2015", "womble-2013"]
