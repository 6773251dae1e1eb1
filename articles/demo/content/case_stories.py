"""The three published case reports from the seed article, retold without identifying detail.

Ages are given as bands and no names, dates or places appear. The two adult cases could not be
matched to their sources with certainty, so both point at the only candidate report (Womble 2013)
and are flagged `source_needs_verification` for the medical reviewer; see the loader's report.
"""

from __future__ import annotations

from articles.choices import AgeBand, CaseSource, Sex
from articles.models import InterventionRoute

from ..keys import RefKey

CASE_STORIES: tuple[dict, ...] = (
    {
        "slug": "ketamine-infusions-young-adult-ptsd",
        "title": "Low-dose ketamine infusions for a young man with PTSD",
        "summary": "A man in his twenties with typical PTSD symptoms, anxiety and low mood had a "
        "course of low-dose ketamine infusions. Afterwards his mood was back in a healthy range "
        "and his anxiety and depression had eased.",
        "source": CaseSource.PUBLISHED_CASE_REPORT,
        "source_reference": RefKey("womble-2013"),
        "source_needs_verification": True,
        "age_band": AgeBand.ADULT_25_34,
        "sex": Sex.MALE,
        "context": "",
        "conditions": ["ptsd"],
        "comorbidities": [],
        "prior_treatments": [],
        "prior_treatments_note": "Earlier treatments are not described in the account we have.",
        "treatment": "ketamine-infusion-therapy",
        "administration_route": InterventionRoute.IV_INFUSION,
        "dose_descriptor": "Low-dose",
        "setting": "",
        "number_of_sessions": None,  # "infusions", but the account gives no number
        "outcomes": [
            ("Mood", "Returned to a healthy range"),
            ("Anxiety", "Reduced"),
            ("Depressive symptoms", "Reduced"),
        ],
        "time_to_effect": "",
        "effect_duration_min_days": None,
        "effect_duration_max_days": None,
        "follow_up": "How long the improvement lasted is not reported in the account we have.",
        "narrative": (
            "<p>A man in his twenties had the typical symptoms of PTSD, along with anxiety and low "
            "mood. He was given a series of low-dose ketamine infusions into a vein in the hope of "
            "easing them.</p>"
            "<p>After the infusions his mood returned to a healthy range, and both his anxiety and "
            "his depression lessened.</p>"
            "<p>This is one person's experience. It cannot show that ketamine works for PTSD, and "
            "it does not tell us how long the improvement lasted. We have not yet confirmed which "
            "published case report this account comes from; our medical reviewer checks the "
            "source.</p>"
        ),
    },
    {
        "slug": "ketamine-infusion-veteran-treatment-resistant-ptsd",
        "title": "One ketamine infusion for a veteran with treatment-resistant PTSD",
        "summary": "A military veteran in his early twenties, whose PTSD had not improved with "
        "many medicines and talking therapies, had one short ketamine infusion. His mood, sense "
        "of calm and sleep improved for about 15 days.",
        "source": CaseSource.PUBLISHED_CASE_REPORT,
        "source_reference": RefKey("womble-2013"),
        "source_needs_verification": True,
        "age_band": AgeBand.ADULT_18_24,
        "sex": Sex.MALE,
        "context": "Military veteran",
        "conditions": ["ptsd"],
        "comorbidities": [],
        "prior_treatments": ["psychotherapy"],
        "prior_treatments_note": "Many medicines and psychological therapies had not helped; "
        "the account does not name the medicines.",
        "treatment": "ketamine-infusion-therapy",
        "administration_route": InterventionRoute.IV_INFUSION,
        "dose_descriptor": "A single short infusion (dose not reported)",
        "setting": "",
        "number_of_sessions": 1,
        "outcomes": [
            ("Mood", "Lifted"),
            ("Arousal and anxiety", "Felt calmer"),
            ("Sleep", "Slept better"),
        ],
        "time_to_effect": "",
        "effect_duration_min_days": 15,
        "effect_duration_max_days": 15,
        "follow_up": "The improvements lasted about 15 days. Later follow-up is not described.",
        "narrative": (
            "<p>A military veteran in his early twenties had PTSD that filled his nights with "
            "intrusive, distressing thoughts. He had tried many medicines and psychological "
            "therapies without relief, and the illness was disrupting much of his life.</p>"
            "<p>He was given one short infusion of ketamine. Afterwards his mood lifted, he felt "
            "calmer and he slept better. The improvements lasted about 15 days.</p>"
            "<p>A single case cannot show that a treatment works, and here the benefit wore off "
            "after about two weeks. We have not been able to match this account to its published "
            "source with certainty, so it is marked for our medical reviewer to confirm.</p>"
        ),
    },
    {
        "slug": "procedural-ketamine-child-ptsd",
        "title": "Ketamine during surgery and a child's PTSD-related behaviour",
        "summary": "A primary-school-aged boy with PTSD and severe behavioural difficulties was "
        "calmer and better able to manage his emotions for one to two weeks after ketamine given "
        "for surgery, and again after a later scan under sedation.",
        "source": CaseSource.PUBLISHED_CASE_REPORT,
        "source_reference": RefKey("donoghue-2015"),
        "source_needs_verification": False,
        "age_band": AgeBand.CHILD_0_12,
        "sex": Sex.MALE,
        "context": "Living in a long-term residential care setting",
        "conditions": ["ptsd"],
        "comorbidities": ["reactive-attachment-disorder", "disruptive-behaviour-disorder"],
        "prior_treatments": [],
        "prior_treatments_note": "Many earlier treatments had not brought his symptoms under "
        "control; our summary does not list them.",
        "treatment": "procedural-ketamine",
        "administration_route": "",  # not stated in our summary of the report
        "dose_descriptor": "Anaesthetic or sedation dose for a procedure",
        "setting": "Given for a tonsillectomy and, later, for an MRI scan under sedation",
        "number_of_sessions": 2,
        "outcomes": [
            ("Outbursts", "Fewer violent outbursts and tantrums"),
            ("Emotional regulation", "Better able to manage his emotions"),
            ("Therapy", "Took part more fully, and talked about past trauma for the first time"),
        ],
        "time_to_effect": "After each procedure (exact timing not reported in our summary)",
        "effect_duration_min_days": 8,
        "effect_duration_max_days": 13,
        "follow_up": "The improvement lasted about 13 days after the first procedure and about 8 "
        "days after the second, then faded each time.",
        "narrative": (
            "<p>A primary-school-aged boy had PTSD together with reactive attachment disorder and "
            "disruptive behaviour disorder. Many treatments had not helped. His outbursts were so "
            "severe that he was a danger to himself and others, and he was living in a long-term "
            "residential care setting.</p>"
            "<p>He was given ketamine as part of the anaesthetic for a tonsillectomy. Afterwards, his "
            "caregivers saw fewer outbursts and better control of his emotions, "
            "and during this time he began to talk in therapy about trauma he had never disclosed. "
            "When he later had ketamine to be sedated for an MRI scan, a similar improvement "
            "followed. Each time it lasted one to two weeks before fading.</p>"
            "<p>This is a single case. It raises a question for research, but it cannot show that "
            "ketamine helps children with PTSD.</p>"
        ),
    },
)
