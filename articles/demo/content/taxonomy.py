"""Topics, treatments, conditions and glossary terms, each identified by its slug.

ICD codes are filled in only where they are certain; "disruptive behaviour disorder" has no single
code in either classification, so its codes stay blank.
"""

from __future__ import annotations

TOPICS: tuple[dict, ...] = (
    {
        "slug": "mental-health",
        "name": "Mental health",
        "description": "Conditions that affect mood, thinking and behaviour, and how they are treated.",
    },
    {
        "slug": "trauma",
        "name": "Trauma",
        "description": "The effects of frightening or threatening experiences, and recovery from them.",
    },
    {
        "slug": "treatment-options",
        "name": "Treatment options",
        "description": "What treatments exist, what they involve and how strong the evidence is.",
    },
    {
        "slug": "understanding-research",
        "name": "Understanding research",
        "description": "How to read study results: trials, reviews, animal studies and case reports.",
    },
)

TREATMENTS: tuple[dict, ...] = (
    {
        "slug": "ketamine-infusion-therapy",
        "name": "Ketamine infusion therapy",
        "description": "Ketamine, an anaesthetic medicine, given slowly into a vein at a lower dose "
        "than for anaesthesia, under medical supervision. Being studied for PTSD and depression.",
    },
    {
        "slug": "procedural-ketamine",
        "name": "Ketamine for a medical procedure",
        "description": "Ketamine given as an anaesthetic or sedative so that a procedure, such as "
        "surgery or a scan, can be carried out.",
    },
    {
        "slug": "psychotherapy",
        "name": "Psychotherapy",
        "description": "Talking therapies, including trauma-focused therapies for PTSD.",
    },
    {
        "slug": "antidepressant-medication",
        "name": "Antidepressant medication",
        "description": "Medicines for depression and anxiety, including selective serotonin "
        "reuptake inhibitors (SSRIs).",
    },
)

CONDITIONS: tuple[dict, ...] = (
    {
        "slug": "ptsd",
        "name": "Post-traumatic stress disorder (PTSD)",
        "icd10_code": "F43.1",
        "icd11_code": "6B40",
        "description": "A condition that can follow a frightening or threatening event, with "
        "unwanted memories, avoidance of reminders and feeling constantly on guard.",
    },
    {
        "slug": "major-depressive-disorder",
        "name": "Major depressive disorder",
        "icd10_code": "F32",
        "icd11_code": "6A70",
        "description": "Persistent low mood or loss of interest, with other symptoms, lasting at "
        "least two weeks. The codes are those for a single episode; recurrent depression has "
        "its own codes.",
    },
    {
        "slug": "generalised-anxiety-disorder",
        "name": "Generalised anxiety disorder",
        "icd10_code": "F41.1",
        "icd11_code": "6B00",
        "description": "Persistent, hard-to-control worry about many everyday matters.",
    },
    {
        "slug": "reactive-attachment-disorder",
        "name": "Reactive attachment disorder",
        "icd10_code": "F94.1",
        "icd11_code": "6B44",
        "description": "A childhood condition in which a child rarely seeks or accepts comfort "
        "from caregivers, usually after severe early neglect.",
    },
    {
        "slug": "disruptive-behaviour-disorder",
        "name": "Disruptive behaviour disorder",
        "icd10_code": "",
        "icd11_code": "",
        "description": "A group of childhood conditions with persistent angry, defiant or "
        "aggressive behaviour. No single ICD code covers the whole group.",
    },
)

GLOSSARY: tuple[dict, ...] = (
    {
        "slug": "nmda-receptor",
        "term": "NMDA receptor",
        "short_definition": "A receptor on nerve cells that glutamate activates. Ketamine blocks it.",
        "long_definition": "NMDA stands for N-methyl-D-aspartate, a chemical that activates this "
        "receptor in the laboratory. The receptor helps nerve cells strengthen their connections "
        "during learning and memory.",
    },
    {
        "slug": "glutamate",
        "term": "Glutamate",
        "short_definition": "The brain's main excitatory chemical messenger: it makes nerve cells "
        "more likely to fire.",
        "long_definition": "Glutamate is an amino acid. Not to be confused with glutamine, a "
        "different amino acid.",
    },
    {
        "slug": "bdnf",
        "term": "BDNF (brain-derived neurotrophic factor)",
        "short_definition": "A protein that helps nerve cells survive, grow and form new connections.",
        "long_definition": "",
    },
    {
        "slug": "dissociation",
        "term": "Dissociation",
        "short_definition": "Feeling detached from your surroundings, your body or your thoughts, "
        "as if things are unreal.",
        "long_definition": "Dissociation can be a symptom of PTSD. It is also a common, usually "
        "short-lived effect of ketamine.",
    },
    {
        "slug": "treatment-resistant",
        "term": "Treatment-resistant",
        "short_definition": "A condition that has not improved enough after several standard "
        "treatments, given properly.",
        "long_definition": "",
    },
    {
        "slug": "comorbidity",
        "term": "Comorbidity",
        "short_definition": "Having two or more health conditions at the same time, for example "
        "PTSD and depression.",
        "long_definition": "",
    },
    {
        "slug": "midazolam",
        "term": "Midazolam",
        "short_definition": "A sedative medicine. Trials use it as a comparison for ketamine because "
        "people notice its effects too, which makes it harder to guess which one they had.",
        "long_definition": "",
    },
    {
        "slug": "placebo",
        "term": "Placebo",
        "short_definition": "A dummy treatment with no active medicine, used to test whether a "
        "treatment works better than expectation alone.",
        "long_definition": "",
    },
    {
        "slug": "randomised-controlled-trial",
        "term": "Randomised controlled trial",
        "short_definition": "A study in which people are assigned by chance to the treatment or to "
        "a comparison, so the groups can be compared fairly.",
        "long_definition": "",
    },
    {
        "slug": "meta-analysis",
        "term": "Meta-analysis",
        "short_definition": "A study that combines the results of several similar studies to get "
        "a more reliable overall answer.",
        "long_definition": "",
    },
)
