"""The sources behind the demo article, as confirmed in /work/shared/seed/references.md.

Only confirmed fields are filled in. A reference with any unconfirmed field carries a
`verification_note` naming it and is stored unverified, so the medical reviewer is warned.
DOIs and PMIDs appear only where the seed notes list them as confirmed: never add one from memory.
"""

from __future__ import annotations

from dataclasses import dataclass

from articles.choices import StudyType


@dataclass(frozen=True)
class ReferenceSpec:
    key: str
    authors: str
    title: str
    container_title: str
    year: int
    study_type: str
    summary: str
    citation_details: str = ""
    doi: str = ""
    pmid: str = ""
    verification_note: str = ""

    @property
    def verified(self) -> bool:
        # Anything left to confirm means the reference is not verified yet.
        return not self.verification_note


# Supplementary sources support the balance a reviewer asked for (references.md, last section)
# but are not in the confirmed table, so every one of them stays unverified.
_SUPPLEMENTARY_NOTE = (
    "Not on the team's confirmed reference list: authors, title, journal, year, volume and pages "
    "were taken from a stored copy of the bibliographic record and are unconfirmed. DOI and PMID "
    "deliberately left out until confirmed at the publisher."
)

REFERENCES: tuple[ReferenceSpec, ...] = (
    ReferenceSpec(
        key="morina-2014",
        authors="Morina N, Wicherts JM, Lobbrecht J, Priebe S",
        title="Remission from post-traumatic stress disorder in adults: a systematic review and "
        "meta-analysis of long term outcome studies",
        container_title="Clinical Psychology Review",
        year=2014,
        citation_details="34(3):249–255",
        doi="10.1016/j.cpr.2014.03.002",
        study_type=StudyType.SYSTEMATIC_REVIEW,
        summary="Pooled 42 follow-up studies covering 81,642 adults. Without specific treatment, "
        "an average of 44% no longer met the criteria for PTSD after a mean of 40 months, but the "
        "figure ranged from 8% to 89% between studies.",
    ),
    ReferenceSpec(
        key="feder-2014",
        authors="Feder A, Parides MK, Murrough JW, et al.",
        title="Efficacy of intravenous ketamine for treatment of chronic posttraumatic stress "
        "disorder: a randomized clinical trial",
        container_title="JAMA Psychiatry",
        year=2014,
        citation_details="71(6):681–688",
        study_type=StudyType.RCT,
        summary="Crossover trial in 41 adults with chronic PTSD comparing one 0.5 mg/kg ketamine "
        "infusion with one midazolam infusion. PTSD severity 24 hours later was lower after "
        "ketamine, and depressive symptoms eased too; the benefit did not last long.",
        verification_note="DOI and PMID unconfirmed: the candidates in the seed notes were not "
        "seen at the publisher, so both are left empty.",
    ),
    ReferenceSpec(
        key="feder-2021",
        authors="Feder A, et al.",
        title="A randomized controlled trial of repeated ketamine administration for chronic "
        "posttraumatic stress disorder",
        container_title="American Journal of Psychiatry",
        year=2021,
        doi="10.1176/appi.ajp.2020.20050596",
        study_type=StudyType.RCT,
        summary="Thirty adults received six infusions of ketamine or midazolam over two weeks. At "
        "week two, 67% of the ketamine group had responded against 20% of the midazolam group; "
        "responders stayed well for a median of about four weeks.",
        verification_note="Volume, issue and pages unconfirmed.",
    ),
    ReferenceSpec(
        key="brachman-2016",
        authors="Brachman RA, McGowan JC, Perusini JN, et al.",
        title="Ketamine as a prophylactic against stress-induced depressive-like behavior",
        container_title="Biological Psychiatry",
        year=2016,
        study_type=StudyType.ANIMAL,
        summary="In mice, a single dose given a week before stress protected against later "
        "depressive-like behaviour across several stress models.",
        verification_note="Volume, issue, pages, DOI and PMID unconfirmed (the seed notes give a "
        "volume and issue without confirming them, so they are left out).",
    ),
    ReferenceSpec(
        key="mcgowan-2017",
        authors="McGowan JC, LaGamma CT, Lim SC, et al.",
        title="Prophylactic ketamine attenuates learned fear",
        container_title="Neuropsychopharmacology",
        year=2017,
        citation_details="42(8):1577–1589",
        doi="10.1038/npp.2017.19",
        study_type=StudyType.ANIMAL,
        summary="Mice given ketamine a week before fear conditioning froze less afterwards; "
        "ketamine given after conditioning had no such effect.",
    ),
    ReferenceSpec(
        key="autry-2011",
        authors="Autry AE, Adachi M, Nosyreva E, et al.",
        title="NMDA receptor blockade at rest triggers rapid behavioural antidepressant responses",
        container_title="Nature",
        year=2011,
        citation_details="475(7354):91–95",
        doi="10.1038/nature10130",
        study_type=StudyType.ANIMAL,
        summary="A mechanistic study in mouse models of depression (not PTSD): ketamine's fast "
        "antidepressant-like effect depended on rapid BDNF synthesis released by NMDA-receptor "
        "blockade.",
    ),
    ReferenceSpec(
        key="krystal-2017",
        authors="Krystal JH, Abdallah CG, Averill LA, et al.",
        title="Synaptic loss and the pathophysiology of PTSD: implications for ketamine as a "
        "prototype novel therapeutic",
        container_title="Current Psychiatry Reports",
        year=2017,
        citation_details="19(10):74",
        doi="10.1007/s11920-017-0829-z",
        study_type=StudyType.EXPERT_OPINION,
        summary="A narrative review proposing that PTSD partly reflects lost connections between "
        "nerve cells, which ketamine might help restore. A hypothesis, not shown in patients.",
    ),
    ReferenceSpec(
        key="mcghee-2008",
        authors="McGhee LL, Maani CV, Garza TH, et al.",
        title="The correlation between ketamine and posttraumatic stress disorder in burned service members",
        container_title="Journal of Trauma",
        year=2008,
        citation_details="64(2 Suppl):S195–S198",
        doi="10.1097/TA.0b013e318160ba1d",
        study_type=StudyType.HUMAN_OBSERVATIONAL,
        summary="A retrospective chart review: burned service members who had ketamine during "
        "surgery screened positive for PTSD less often (27% vs 46%). An association only.",
    ),
    ReferenceSpec(
        key="donoghue-2015",
        authors="Donoghue AC, Roback MG, Cullen KR",
        title="Remission from behavioral dysregulation in a child with PTSD after receiving "
        "procedural ketamine",
        container_title="Pediatrics",
        year=2015,
        citation_details="136(3):e694–e696",
        doi="10.1542/peds.2014-4152",
        study_type=StudyType.CASE_REPORT,
        summary="After ketamine for a tonsillectomy, and later for a sedated MRI, a boy's severe "
        "behavioural dysregulation remitted for about 13 and then 8 days, and he took part in "
        "therapy more fully.",
    ),
    ReferenceSpec(
        key="womble-2013",
        authors="Womble AL",
        title="Effects of ketamine on major depressive disorder in a patient with posttraumatic "
        "stress disorder",
        container_title="AANA Journal",
        year=2013,
        study_type=StudyType.CASE_REPORT,
        summary="A combat veteran with treatment-resistant depression and PTSD had substantial "
        "short-term relief after intravenous ketamine, including normal sleep and no nightmares.",
        verification_note="Volume, issue and pages unconfirmed (published April 2013). Also "
        "unconfirmed: which of the demo's two adult case stories this report describes.",
    ),
    ReferenceSpec(
        key="liriano-2019",
        authors="Liriano F, Hatten C, Schwartz TL",
        title="Ketamine as treatment for post-traumatic stress disorder: a review",
        container_title="Drugs in Context",
        year=2019,
        citation_details="8:212305",
        doi="10.7573/dic.212305",
        study_type=StudyType.EXPERT_OPINION,
        summary="Reviews the animal and human evidence and the NMDA/BDNF hypothesis. Concludes "
        "that ketamine deserves study for PTSD but is not an established treatment.",
    ),
    # --- Supplementary: the balance section of references.md (all unverified) -------------
    ReferenceSpec(
        key="abdallah-2022",
        authors="Abdallah CG, Roache JD, Gueorguieva R, et al.",
        title="Dose-related effects of ketamine for antidepressant-resistant symptoms of "
        "posttraumatic stress disorder in veterans and active duty military: a double-blind, "
        "randomized, placebo-controlled multi-center clinical trial",
        container_title="Neuropsychopharmacology",
        year=2022,
        citation_details="47(8):1574–1581",
        study_type=StudyType.RCT,
        summary="158 veterans and service members whose PTSD had not responded to antidepressants "
        "had eight infusions of placebo or ketamine (0.2 or 0.5 mg/kg) over four weeks. Neither "
        "dose reduced PTSD symptoms more than placebo; the 0.5 mg/kg dose eased depression. "
        "Dissociative effects faded within about two hours.",
        verification_note=_SUPPLEMENTARY_NOTE,
    ),
    ReferenceSpec(
        key="borgogna-2024",
        authors="Borgogna NC, Owen T, Vaughn J, et al.",
        title="So how special is special K? A systematic review and meta-analysis of ketamine for PTSD RCTs",
        container_title="European Journal of Psychotraumatology",
        year=2024,
        citation_details="15(1):2299124",
        study_type=StudyType.SYSTEMATIC_REVIEW,
        summary="Six randomised trials (221 people): a small advantage for ketamine over control "
        "treatments, which was no longer clear after correcting for small-study bias.",
        verification_note=_SUPPLEMENTARY_NOTE,
    ),
    ReferenceSpec(
        key="almeida-2024",
        authors="Almeida TM, Lacerda da Silva UR, Pires JP, et al.",
        title="Effectiveness of ketamine for the treatment of post-traumatic stress disorder – a "
        "systematic review and meta-analysis",
        container_title="Clinical Neuropsychiatry",
        year=2024,
        citation_details="21(1):22–31",
        study_type=StudyType.SYSTEMATIC_REVIEW,
        summary="Ten studies: a small effect of ketamine on PTSD symptoms at the end of treatment, "
        "with large differences between studies.",
        verification_note=_SUPPLEMENTARY_NOTE,
    ),
    ReferenceSpec(
        key="choi-2020",
        authors="Choi KH, Berman RY, Zhang M, et al.",
        title="Effects of ketamine on rodent fear memory",
        container_title="International Journal of Molecular Sciences",
        year=2020,
        citation_details="21(19):7173",
        study_type=StudyType.EXPERT_OPINION,
        summary="A narrative review of rodent studies: depending on dose, route and timing, "
        "ketamine increased, decreased or did not change fear memory.",
        verification_note=_SUPPLEMENTARY_NOTE,
    ),
)

# The keys of the references the seed notes list (the rest are supplementary).
SEED_REFERENCE_KEYS: frozenset[str] = frozenset(
    {
        "morina-2014",
        "feder-2014",
        "feder-2021",
        "brachman-2016",
        "mcgowan-2017",
        "autry-2011",
        "krystal-2017",
        "mcghee-2008",
        "donoghue-2015",
        "womble-2013",
        "liriano-2019",
    }
)
