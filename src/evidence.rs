//! The evidence catalogue: every source the crate cites and every rule it applies.
//!
//! This is the one place a source id or rule id is spelled. Each [`SourceId`] carries the full
//! reference and the verification status the project's clinical reference records for it. Each
//! [`RuleId`] has one row, [`RuleInfo`]: its title, the section of the clinical reference that
//! states it, its status, its [`Basis`] (a source's own rule, or a policy of this engine built
//! on sources) and its sources. Everything else (a finding's sources, status and basis, a
//! guideline position's status) is read from that row.
//!
//! The clinical reference itself is not part of the repository: `docs/RULES.md` lists its
//! sections, one row per rule with its status, basis and sources, and every source with its
//! status and full reference. That file is generated from this module, and a test
//! (`tests/catalogue.rs`) fails when the two disagree.
//!
//! ```
//! use acupuncture_guidance::evidence::{RuleId, SourceId, Status};
//!
//! let rule = RuleId::RfE.info();
//! assert_eq!(rule.section, "§7.3");
//! assert!(rule.sources.contains(&SourceId::AcpAps2007));
//! assert_eq!(SourceId::Acp2017.info().status, Status::V1);
//! // The crate can list every rule it knows.
//! assert!(RuleId::ALL.len() > 20);
//! ```

/// The edition of the rules: changes whenever a rule, threshold or wording that affects a
/// decision changes. Every output carries it.
pub const RULESET_VERSION: &str = "2026-12.2";

name_enum! {
    /// How well a fact was checked (the clinical reference's §0.1; `docs/RULES.md` gives the
    /// legend).
    pub enum Status ("verification status") {
        /// Checked against the official or primary text.
        V1 = "V1",
        /// Checked through a reputable secondary source.
        V2 = "V2",
        /// Partially verified: the core statement confirmed, one detail not.
        Pv = "PV",
        /// Unverified: kept out of user-facing output unless labelled.
        Uv = "UV",
        /// Not a verification claim: the consumer article the project started from.
        NotApplicable = "n/a",
    }
}

impl Status {
    /// Whether text resting on this status may be shown to patients unlabelled.
    #[must_use]
    pub const fn user_facing(self) -> bool {
        !matches!(self, Status::Uv)
    }
}

name_enum! {
    /// A source of the clinical reference's registry (its §1) that some rule of the crate cites;
    /// `docs/RULES.md` lists them with the rules that cite them.
    #[non_exhaustive]
    pub enum SourceId ("source") {
        /// American College of Physicians guideline, 2017.
        Acp2017 = "ACP-2017",
        /// Systematic review behind the ACP 2017 guideline.
        Chou2017Sr = "CHOU-2017-SR",
        /// ACP / American Pain Society joint guideline, 2007.
        AcpAps2007 = "ACP-APS-2007",
        /// NICE guideline NG59.
        NiceNg59 = "NICE-NG59",
        /// NICE clinical guideline CG88 (2009, replaced by NG59).
        NiceCg88 = "NICE-CG88",
        /// VA/DoD low back pain guideline, version 3.0, 2022.
        Vadod2022 = "VADOD-2022",
        /// VA/DoD low back pain guideline, version 2.0, 2017.
        Vadod2017 = "VADOD-2017",
        /// CDC opioid prescribing guideline, 2022.
        Cdc2022 = "CDC-2022",
        /// Medicare National Coverage Determination 30.3.3.
        CmsNcd3033 = "CMS-NCD-30.3.3",
        /// CMS MLN Matters MM11755 (NCD 30.3.3 implementation).
        CmsMm11755 = "CMS-MM11755",
        /// CMS MLN Matters MM11691 (April 2020 OPPS update: acupuncture and dry needling for cLBP).
        CmsMm11691 = "CMS-MM11691",
        /// CMS Change Request 11661 (CPT 20560-20561 and 97810-97814 made active).
        CmsCr11661 = "CMS-CR11661",
        /// FDA acupuncture needle regulation, 21 CFR 880.5580.
        Fda8805580 = "FDA-880.5580",
        /// BackInAction randomized trial, 2025.
        BackInAction2025 = "BACKINACTION-2025",
        /// Cochrane review of acupuncture for chronic non-specific LBP, 2020.
        Cochrane2020 = "COCHRANE-2020",
        /// Acupuncture Trialists' individual patient data meta-analysis, 2012.
        Vickers2012 = "VICKERS-2012",
        /// Update of the individual patient data meta-analysis, 2018.
        Vickers2018 = "VICKERS-2018",
        /// German Acupuncture Trials for chronic LBP, 2007.
        Gerac2007 = "GERAC-2007",
        /// Red flags for malignancy and fracture: systematic review, 2013.
        Downie2013 = "DOWNIE-2013",
        /// AHCPR acute low back problems guideline, 1994.
        Ahcpr1994 = "AHCPR-1994",
        /// Diagnosis and treatment of acute LBP (Am Fam Physician), 2012.
        Casazza2012 = "CASAZZA-2012",
        /// WHO guidelines on basic training and safety in acupuncture, 1999.
        Who1999 = "WHO-1999",
        /// Short-term reactions to acupuncture survey, 2005.
        MacPherson2005 = "MACPHERSON-2005",
        /// Witt et al., safety of acupuncture in 229,230 patients, 2009.
        Witt2009 = "WITT-2009",
        /// Bäumler et al., acupuncture-related adverse events meta-analysis, 2021.
        Baumler2021 = "BAUMLER-2021",
        /// Sierpina and Frenkel, acupuncture clinical review, 2005.
        Sierpina2005 = "SIERPINA-2005",
        /// Rapson and Banner, acupuncture in older adults, 2008.
        Rapson2008 = "RAPSON-2008",
        /// APTA educational resource paper on dry needling, 2012.
        AptaDn2012 = "APTA-DN-2012",
        /// FSBPT resource paper on dry needling.
        FsbptDn = "FSBPT-DN",
        /// National Certification Commission for Acupuncture and Oriental Medicine.
        Nccaom = "NCCAOM",
        /// Aetna Clinical Policy Bulletin 0135 (older versions).
        AetnaCpb0135 = "AETNA-CPB-0135",
        /// Ostelo et al., minimal important change consensus, 2008.
        Ostelo2008 = "OSTELO-2008",
        /// Patient-Specific Functional Scale, 1995.
        Psfs1995 = "PSFS-1995",
        /// Krebs et al., the PEG three-item scale, 2009.
        Peg2009 = "PEG-2009",
        /// Reed et al., minimally important differences of the PEG, 2023.
        PegMid2023 = "PEG-MID-2023",
        /// Roland and Morris, the Roland-Morris Disability Questionnaire, 1983.
        Rmdq1983 = "RMDQ-1983",
        /// Fairbank and Pynsent, the Oswestry Disability Index, 2000.
        Odi2000 = "ODI-2000",
        /// Hill et al., the STarT Back Screening Tool, 2008.
        StartBack2008 = "STARTBACK-2008",
        /// Regenstrief LOINC terms.
        Loinc = "LOINC",
        /// The consumer article the project started from (never evidence of efficacy).
        Article = "ARTICLE",
    }
}

/// A source's full reference and how well the reference checked it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceInfo {
    /// The source id, as the reference spells it.
    pub id: SourceId,
    /// The full reference.
    pub reference: &'static str,
    /// A stable link where the reference gives one.
    pub url: Option<&'static str>,
    /// Verification status of the source as a whole (rules may be less certain).
    pub status: Status,
}

impl SourceId {
    /// The catalogue row for this source.
    #[must_use]
    pub const fn info(self) -> &'static SourceInfo {
        use SourceId as S;
        use Status::{NotApplicable, Pv, V1, V2};
        macro_rules! table {
            ($($variant:ident => ($status:expr, $url:expr, $reference:expr),)+) => {
                match self {
                    $(S::$variant => &SourceInfo { id: S::$variant, reference: $reference, url: $url, status: $status },)+
                }
            };
        }
        table! {
            Acp2017 => (V1, Some("https://doi.org/10.7326/M16-2367"),
                "Qaseem A, Wilt TJ, McLean RM, Forciea MA; Clinical Guidelines Committee of the American College of Physicians. Noninvasive treatments for acute, subacute, and chronic low back pain: a clinical practice guideline from the American College of Physicians. Ann Intern Med. 2017;166(7):514-530."),
            Chou2017Sr => (V2, None,
                "Chou R, Deyo R, Friedly J, et al. Nonpharmacologic therapies for low back pain: a systematic review for an American College of Physicians clinical practice guideline. Ann Intern Med. 2017;166(7):493-505."),
            AcpAps2007 => (V2, None,
                "Chou R, Qaseem A, Snow V, et al. Diagnosis and treatment of low back pain: a joint clinical practice guideline from the American College of Physicians and the American Pain Society. Ann Intern Med. 2007;147(7):478-491."),
            NiceNg59 => (V2, Some("https://www.nice.org.uk/guidance/ng59"),
                "National Institute for Health and Care Excellence. Low back pain and sciatica in over 16s: assessment and management. NICE guideline NG59. Published 30 Nov 2016; last updated 11 Dec 2020."),
            NiceCg88 => (V2, None,
                "NICE. Low back pain: early management of persistent non-specific low back pain. Clinical guideline CG88, May 2009 (replaced by NG59)."),
            Vadod2022 => (Pv, Some("https://www.healthquality.va.gov/guidelines/Pain/lbp/"),
                "Department of Veterans Affairs / Department of Defense. VA/DoD Clinical Practice Guideline for the Diagnosis and Treatment of Low Back Pain, version 3.0, 2022."),
            Vadod2017 => (V2, None,
                "VA/DoD Clinical Practice Guideline for Diagnosis and Treatment of Low Back Pain, version 2.0, Sept 2017."),
            Cdc2022 => (V1, None,
                "Dowell D, Ragan KR, Jones CM, Baldwin GT, Chou R (author list unverified). CDC Clinical Practice Guideline for Prescribing Opioids for Pain - United States, 2022. MMWR Recomm Rep. 2022;71(No. RR-3):1-95."),
            CmsNcd3033 => (V1, Some("https://www.cms.gov/medicare-coverage-database/view/ncd.aspx?ncdid=373"),
                "Centers for Medicare & Medicaid Services. National Coverage Determination 30.3.3, Acupuncture for Chronic Lower Back Pain (cLBP). Publication 100-3, version 1, effective 01/21/2020. Decision memo CAG-00452N."),
            CmsMm11755 => (V2, None,
                "CMS MLN Matters MM11755 / Change Request 11755 (NCD 30.3.3 implementation), release 8 May 2020."),
            CmsMm11691 => (V2, None,
                "CMS MLN Matters MM11691, April 2020 OPPS update (acupuncture and dry needling status change for cLBP)."),
            CmsCr11661 => (V2, None,
                "CMS Pub 100-04 Change Request 11661 (status of CPT 20560-20561 and 97810-97814 changed to active, effective 21 Jan 2020)."),
            Fda8805580 => (V1, None,
                "21 CFR 880.5580 Acupuncture needle; 61 FR 64617 (6 Dec 1996), amended 84 FR 71815 (30 Dec 2019)."),
            BackInAction2025 => (V2, Some("https://doi.org/10.1001/jamanetworkopen.2025.31348"),
                "DeBar LL, Wellman RD, Justice M, et al. Acupuncture for chronic low back pain in older adults: a randomized clinical trial. JAMA Netw Open. 2025;8(9):e2531348."),
            Cochrane2020 => (Pv, Some("https://doi.org/10.1002/14651858.CD013814"),
                "Mu J, Furlan AD, Lam WY, Hsu MY, Ning Z, Lao L. Acupuncture for chronic nonspecific low back pain. Cochrane Database Syst Rev. 2020;12:CD013814."),
            Vickers2012 => (V1, None,
                "Vickers AJ, Cronin AM, Maschino AC, et al; Acupuncture Trialists' Collaboration. Acupuncture for chronic pain: individual patient data meta-analysis. Arch Intern Med. 2012;172(19):1444-1453."),
            Vickers2018 => (V1, Some("https://doi.org/10.1016/j.jpain.2017.11.005"),
                "Vickers AJ, Vertosick EA, Lewith G, et al. Acupuncture for chronic pain: update of an individual patient data meta-analysis. J Pain. 2018;19(5):455-474."),
            Gerac2007 => (V1, Some("https://doi.org/10.1001/archinte.167.17.1892"),
                "Haake M, Müller HH, Schade-Brittinger C, et al. German Acupuncture Trials (GERAC) for chronic low back pain. Arch Intern Med. 2007;167(17):1892-1898."),
            Downie2013 => (V2, None,
                "Downie A, Williams CM, Henschke N, et al. Red flags to screen for malignancy and fracture in patients with low back pain: systematic review. BMJ. 2013;347:f7095."),
            Ahcpr1994 => (V1, None,
                "Bigos S, et al. Acute Low Back Problems in Adults. AHCPR Clinical Practice Guideline / Quick Reference Guide No. 14, 1994 (NCBI Bookshelf NBK52120)."),
            Casazza2012 => (V2, None,
                "Casazza BA. Diagnosis and treatment of acute low back pain. Am Fam Physician. 2012;85(4):343-350."),
            Who1999 => (Pv, None,
                "World Health Organization. Guidelines on Basic Training and Safety in Acupuncture. WHO/EDM/TRM/99.1. Geneva; 1999."),
            MacPherson2005 => (V2, None,
                "MacPherson H, Thomas K. Short term reactions to acupuncture - a cross-sectional survey of patient reports. Acupunct Med. 2005;23(3):112-120."),
            Witt2009 => (Pv, None,
                "Witt CM, Pach D, Brinkhaus B, et al. Safety of acupuncture: results of a prospective observational study with 229,230 patients and introduction of a medical information and consent form. Forsch Komplementmed. 2009;16(2):91-97."),
            Baumler2021 => (V1, Some("https://doi.org/10.1136/bmjopen-2020-045961"),
                "Bäumler P, Zhang W, Stübinger T, Irnich D. Acupuncture-related adverse events: systematic review and meta-analyses of prospective clinical studies. BMJ Open. 2021;11:e045961."),
            Sierpina2005 => (V2, None,
                "Sierpina VS, Frenkel MA. Acupuncture: a clinical review. South Med J. 2005;98(3):330-337."),
            Rapson2008 => (V2, None,
                "Rapson LM, Banner R. Article on acupuncture in older adults (exact title unverified). Geriatrics and Aging. 2008;11(2):93-97."),
            AptaDn2012 => (V2, None,
                "American Physical Therapy Association. Physical Therapists & the Performance of Dry Needling: An Educational Resource Paper. Jan 2012."),
            FsbptDn => (V2, None,
                "Federation of State Boards of Physical Therapy. Resource Paper Regarding Dry Needling (7th ed., Dec 2017). Existence only verified."),
            Nccaom => (V1, Some("https://www.nccaom.org"),
                "National Certification Commission for Acupuncture and Oriental Medicine: state relations and licensure pages; 2021 annual report (numbers are date-dependent)."),
            AetnaCpb0135 => (V2, None,
                "Aetna Clinical Policy Bulletin 0135, Acupuncture (and Dry Needling), versions 2015-2018."),
            Ostelo2008 => (V1, Some("https://doi.org/10.1097/BRS.0b013e31815e3a10"),
                "Ostelo RWJG, Deyo RA, Stratford P, et al. Interpreting change scores for pain and functional status in low back pain: towards international consensus regarding minimal important change. Spine. 2008;33(1):90-94."),
            Psfs1995 => (V2, Some("https://doi.org/10.3138/ptc.47.4.258"),
                "Stratford P, Gill C, Westaway M, Binkley J. Assessing disability and change on individual patients: a report of a patient-specific measure. Physiotherapy Canada. 1995;47(4):258-263."),
            Peg2009 => (V1, Some("https://doi.org/10.1007/s11606-009-0981-1"),
                "Krebs EE, Lorenz KA, Bair MJ, et al. Development and initial validation of the PEG, a three-item scale assessing pain intensity and interference. J Gen Intern Med. 2009;24(6):733-738."),
            PegMid2023 => (V1, Some("https://doi.org/10.1016/j.jpain.2023.07.028"),
                "Reed DE II, Stump TE, Monahan PO, Kroenke K. Comparable minimally important differences and responsiveness of Brief Pain Inventory and PEG pain scales across six trials. J Pain. 2024;25(1):142-152."),
            Rmdq1983 => (V2, None,
                "Roland M, Morris R. A study of the natural history of back pain. Part I: development of a reliable and sensitive measure of disability in low-back pain. Spine. 1983;8(2):141-144."),
            Odi2000 => (V2, None, "Fairbank JCT, Pynsent PB. The Oswestry Disability Index. Spine. 2000;25(22):2940-2953."),
            StartBack2008 => (V1, None,
                "Hill JC, Dunn KM, Lewis M, Mullis R, Main CJ, Foster NE, Hay EM. A primary care back pain screening tool: identifying patient subgroups for initial treatment. Arthritis Rheum. 2008;59(5):632-641 (journal, volume and pages unverified). Scoring also in LOINC 91349-1 / 91350-9 / 91351-7."),
            Loinc => (V1, Some("https://loinc.org"),
                "Regenstrief LOINC terms 72514-3, 38208-5, 91147-9, 97908-8, 97909-6, 91349-1, 91350-9, 91351-7 (status V1 or V2 per term)."),
            Article => (NotApplicable, None,
                "Consumer article \"Does acupuncture work for back pain?\" (the project's seed). Consumer guidance, never evidence of efficacy."),
        }
    }
}

name_enum! {
    /// A rule of the clinical reference, or a labelled policy of this engine.
    ///
    /// Ids are the reference's own (`RF-E`, `DUR-01`, …). The three `ENG-` ids name engine
    /// policies for which the reference gives guidance text (§12, §17) but no rule id; their
    /// rows give the sections they are built on.
    #[non_exhaustive]
    pub enum RuleId ("rule") {
        /// Duration category under the ACP/VA scheme (used for triage).
        Dur01 = "DUR-01",
        /// Chronic under the Medicare scheme (84 days or more).
        Dur02 = "DUR-02",
        /// Duration category under the CDC scheme (calendar months).
        Dur03 = "DUR-03",
        /// Medicare eligibility: chronic (12 weeks or longer), non-specific, not surgical, not pregnancy.
        Mcr01 = "MCR-01",
        /// Medicare: up to 12 visits in 90 days.
        Mcr02 = "MCR-02",
        /// Medicare: more visits only while improving (KX modifier).
        Mcr03 = "MCR-03",
        /// Medicare: no more than 20 treatments a year.
        Mcr04 = "MCR-04",
        /// Medicare: stop when not improving or regressing.
        Mcr05 = "MCR-05",
        /// Medicare: who may furnish acupuncture.
        Mcr06 = "MCR-06",
        /// Medicare: dry needling under the same rules.
        Mcr07 = "MCR-07",
        /// Medicare: the NCD is versioned and effective-dated.
        Mcr08 = "MCR-08",
        /// Red-flag evaluation runs before and overrides everything else.
        Rf00 = "RF-00",
        /// Emergency red flags.
        RfE = "RF-E",
        /// Urgent medical evaluation before any acupuncture.
        RfU = "RF-U",
        /// Medical assessment recommended before a course (engine policy).
        RfM = "RF-M",
        /// Items a clinician evaluated and cleared.
        RfClear = "RF-CLEAR",
        /// What must be answered: required items, combination partners, optional items that
        /// cap the advice (engine policy, revision 2026-12).
        RfAsk = "RF-ASK",
        /// Safety-netting: the signs that mean seek care at once.
        RfNet = "RF-NET",
        /// Advice per modality from safety cautions (engine policy).
        Safe01 = "SAFE-01",
        /// Common minor effects and rare serious events.
        SafeAe01 = "SAFE-AE-01",
        /// Needles are Class II devices labelled for single use.
        SafeFda01 = "SAFE-FDA-01",
        /// ACP 2017 for acute and subacute LBP.
        GlAcp01 = "GL-ACP-01",
        /// ACP 2017 for chronic LBP.
        GlAcp02 = "GL-ACP-02",
        /// NICE NG59: do not offer acupuncture.
        GlNice01 = "GL-NICE-01",
        /// NICE NG59: consider risk stratification.
        GlNice02 = "GL-NICE-02",
        /// CDC 2022: non-opioid therapies preferred.
        GlCdc01 = "GL-CDC-01",
        /// Evidence statement of the ACP systematic review.
        GlChou01 = "GL-CHOU-01",
        /// VA/DoD position, unverified.
        GlVadod01 = "GL-VADOD-01",
        /// How to state benefit: usual-care and sham comparisons together.
        Ev01 = "EV-01",
        /// BackInAction: a course helped; maintenance added no disability benefit.
        EvBia01 = "EV-BIA-01",
        /// Dry needling is a distinct modality with its own evidence.
        Dn01 = "DN-01",
        /// The trial checkpoint and pivot.
        Course01 = "COURSE-01",
        /// Original Medicare's limits overlay a course; the stricter wins.
        Course02 = "COURSE-02",
        /// No open-ended maintenance.
        Course03 = "COURSE-03",
        /// Stop and reassess: regressing, a new red flag, or a serious adverse event.
        Course04 = "COURSE-04",
        /// End of course and follow-up scores: no finished course without meaningful change,
        /// measure before deciding, item scores decide, clinician clearance of a logged flag.
        Course05 = "COURSE-05",
        /// Meaningful change: the absolute threshold or 30% of baseline (engine policy).
        Out01 = "OUT-01",
        /// Regressing (engine policy; CMS does not define it).
        Out02 = "OUT-02",
        /// STarT Back risk groups.
        Sbt01 = "SBT-01",
        /// The article's good-fit scenarios (engine policy; reference §17 has no rule id).
        EngFit = "ENG-FIT",
        /// A previous course that did not help (engine policy; reference §17 has no rule id).
        EngRepeat = "ENG-REPEAT",
        /// The article's signals of a good practitioner (engine policy; reference §12 and §17
        /// have no rule id).
        EngPractitioner = "ENG-PRACTITIONER",
    }
}

/// Whether a rule is a source's own statement or a policy of this engine built on sources.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The rule restates what its sources say.
    Source,
    /// The rule is this engine's choice, built on its sources and labelled as policy.
    EnginePolicy,
    /// A reading of a source that the source does not settle (reference §4.1, "Engine
    /// interpretations"), labelled as one with its own status.
    Interpretation,
}

/// A rule's catalogue row: the one place its title, reference section, status, basis and
/// sources are written. A finding's sources, status and basis, and a guideline position's
/// status, are read from this row, never typed again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// The rule id.
    pub id: RuleId,
    /// A short title.
    pub title: &'static str,
    /// The section of the clinical reference that states the rule (for example `"§7.3"`); for
    /// an `ENG-` policy, which has no id in the reference, the sections it is built on.
    /// `docs/RULES.md` lists every rule with its section.
    pub section: &'static str,
    /// Verification status of the rule. Where the reference gives the parts of a rule
    /// different statuses (`V2 / PV`, `V1/V2`, a V2 detail in a V1 rule), the row carries the
    /// weakest of the parts the crate applies or shows, so no finding claims more than its
    /// least-checked part. Open questions the reference asks the engine to label as
    /// interpretations (the start of Medicare's 90-day window, what "annually" means) are not
    /// parts of the rule for this purpose.
    pub status: Status,
    /// Source rule or engine policy.
    pub basis: Basis,
    /// The sources the rule stands on (never empty).
    pub sources: &'static [SourceId],
}

impl RuleId {
    /// The catalogue row for this rule.
    #[must_use]
    pub const fn info(self) -> &'static RuleInfo {
        use Basis::{EnginePolicy as Policy, Source as Src};
        use RuleId as R;
        use SourceId as S;
        use Status::{NotApplicable, Pv, Uv, V1, V2};
        macro_rules! table {
            ($($variant:ident => ($section:literal, $status:expr, $basis:expr, [$($src:expr),+], $title:expr),)+) => {
                match self {
                    $(R::$variant => &RuleInfo {
                        id: R::$variant, title: $title, section: $section, status: $status, basis: $basis, sources: &[$($src),+],
                    },)+
                }
            };
        }
        table! {
            // §2.1: "Status: V2 / PV" (ACP-2017 V2; VADOD-2022's same scheme PV).
            Dur01 => ("§2.1", Pv, Src, [S::Acp2017, S::Vadod2022], "acute < 28 days, subacute 28-84 days, chronic > 84 days"),
            Dur02 => ("§2.1", V1, Src, [S::CmsNcd3033], "chronic for Medicare at 84 days or more"),
            Dur03 => ("§2.1", V1, Src, [S::Cdc2022], "acute < 1 month, subacute 1-3 months, chronic > 3 months"),
            Mcr01 => ("§4.1", V1, Src, [S::CmsNcd3033], "eligible: 12 weeks or longer, non-specific, not associated with surgery or pregnancy"),
            Mcr02 => ("§4.1", V1, Src, [S::CmsNcd3033, S::CmsMm11755], "up to 12 visits in 90 days"),
            // §4.1: the 8 additional sessions are the NCD's (V1); the KX modifier the crate sets
            // on them comes from payer documents (V2).
            Mcr03 => ("§4.1", V2, Src, [S::CmsNcd3033, S::CmsMm11755], "8 more only while demonstrating an improvement (KX modifier)"),
            Mcr04 => ("§4.1", V1, Src, [S::CmsNcd3033], "no more than 20 treatments annually"),
            Mcr05 => ("§4.1", V1, Src, [S::CmsNcd3033], "discontinue when not improving or regressing"),
            // §4.1: "CMS-NCD-30.3.3 (V1); billing consequence (V2)"; the practitioner review
            // shows the billing consequence (auxiliary personnel cannot bill directly).
            Mcr06 => ("§4.1", V2, Src, [S::CmsNcd3033], "physicians per state rules; PAs, NPs/CNSs and auxiliary personnel with an acupuncture degree and licence"),
            Mcr07 => ("§4.1", V2, Src, [S::CmsMm11691, S::CmsCr11661], "dry needling for cLBP only under the same NCD rules"),
            Mcr08 => ("§4.1", V1, Src, [S::CmsNcd3033], "NCD 30.3.3 version 1, effective 2020-01-21"),
            Rf00 => ("§7.3", V2, Policy, [S::AcpAps2007, S::Ahcpr1994], "red flags before and over every other rule"),
            RfE => ("§7.3", V2, Policy, [S::AcpAps2007, S::Ahcpr1994, S::Casazza2012], "emergency: suspected cauda equina or progressive neurological deficit"),
            RfU => ("§7.3", V2, Policy, [S::AcpAps2007, S::Ahcpr1994, S::Downie2013], "urgent medical evaluation before any acupuncture"),
            RfM => ("§7.3", V2, Policy, [S::AcpAps2007, S::Ahcpr1994, S::Article], "medical assessment before a course"),
            RfClear => ("§7.3", V2, Policy, [S::AcpAps2007], "an evaluated and cleared item no longer defers acupuncture"),
            RfAsk => ("§7.3", V2, Policy, [S::AcpAps2007, S::Ahcpr1994, S::Downie2013], "unknown is never read as absent: required items, combination partners, optional items cap advice"),
            // §7.3 is engine policy derived from its sources, RF-NET included.
            RfNet => ("§7.3", V2, Policy, [S::AcpAps2007, S::Ahcpr1994], "safety-netting: signs that mean seek care at once"),
            // §8.2: the table rows SAFE-01 applies are V1 or V2, and the seizure-disorder row is PV.
            Safe01 => ("§8.2", Pv, Policy, [S::Who1999, S::Sierpina2005, S::Rapson2008, S::Gerac2007], "advice per modality from safety cautions"),
            // §8.3 gives the rule "V1/V2".
            SafeAe01 => ("§8.3", V2, Src, [S::Baumler2021, S::Witt2009, S::MacPherson2005], "minor effects are common; serious events are rare"),
            SafeFda01 => ("§8.1", V1, Src, [S::Fda8805580], "needles are Class II devices labelled for single use"),
            GlAcp01 => ("§3.2", V1, Src, [S::Acp2017], "ACP: acupuncture among initial non-drug options for acute/subacute LBP"),
            GlAcp02 => ("§3.2", V1, Src, [S::Acp2017], "ACP: acupuncture among initial non-drug options for chronic LBP"),
            GlNice01 => ("§3.2", Pv, Src, [S::NiceNg59, S::NiceCg88], "NICE: do not offer acupuncture for LBP with or without sciatica"),
            GlNice02 => ("§3.2", V2, Src, [S::NiceNg59], "NICE: consider risk stratification at first presentation"),
            // §3.2 gives GL-CDC-01 V1 for the recommendation text; what its positions show on
            // acupuncture (acupuncture named among the options, the Rec 2 grade) is V2 (§3.1,
            // and the rule's own "Rec 2: category A, evidence type 2 - V2"). The row takes V2,
            // and every CDC position reads it from here.
            GlCdc01 => ("§3.2", V2, Src, [S::Cdc2022], "CDC: non-opioid therapies preferred"),
            GlChou01 => ("§3.2", V2, Src, [S::Chou2017Sr], "evidence: small to moderate, mostly short-term benefit"),
            GlVadod01 => ("§3.2", Uv, Src, [S::Vadod2022, S::Vadod2017], "VA/DoD position (unverified, not shown to patients)"),
            Ev01 => ("§6", V1, Src, [S::Cochrane2020, S::Vickers2012, S::Vickers2018], "state usual-care and sham comparisons together"),
            EvBia01 => ("§5", V2, Src, [S::BackInAction2025], "older adults: a 12-week course helped; maintenance added no disability benefit"),
            // §12: the definition (APTA-DN-2012) and the state-by-state rules for physical
            // therapists (FSBPT-DN), which a DN-01 finding states.
            Dn01 => ("§12", V2, Src, [S::AptaDn2012, S::FsbptDn], "dry needling is a distinct modality; its evidence was not reviewed"),
            Course01 => ("§11", V2, Policy, [S::Article, S::AetnaCpb0135], "time-limited trial with a checkpoint; pivot if not helping"),
            Course02 => ("§11", V1, Policy, [S::CmsNcd3033], "Original Medicare's visit limits overlay a course; the stricter wins"),
            Course03 => ("§11", V2, Src, [S::BackInAction2025, S::AetnaCpb0135, S::CmsNcd3033], "no open-ended maintenance"),
            Course04 => ("§11", V2, Policy, [S::AcpAps2007, S::Ahcpr1994, S::Baumler2021, S::Witt2009], "stop and reassess: regressing, a new red flag, or a serious adverse event"),
            Course05 => ("§11", V2, Policy, [S::Article, S::AetnaCpb0135, S::AcpAps2007], "end of course and follow-up scores: pivot without meaningful change; measure before deciding"),
            // §9: the thresholds are OSTELO-2008 (V1), PEG-MID-2023 (policy on a V1 MID) and
            // PSFS-1995 (V2, §9.1), on the scales of PEG-2009, RMDQ-1983 and ODI-2000 (§9 table).
            Out01 => ("§9", V2, Policy, [S::Ostelo2008, S::PegMid2023, S::Psfs1995, S::Peg2009, S::Rmdq1983, S::Odi2000], "meaningful change: the measure's absolute threshold or 30% of baseline"),
            // §9: "worse by at least the measure's absolute threshold" uses OUT-01's thresholds,
            // the PSFS one V2; "regressing" is MCR-05's word, which CMS does not define.
            Out02 => ("§9", V2, Policy, [S::Ostelo2008, S::PegMid2023, S::Psfs1995, S::CmsNcd3033], "regressing: worse than baseline by the threshold, or on the last two scored visits"),
            Sbt01 => ("§10", V1, Src, [S::StartBack2008, S::Loinc], "STarT Back: total 0-3 low; 4+ with distress 0-3 medium; 4+ with distress 4-5 high"),
            EngFit => ("§17", NotApplicable, Policy, [S::Article], "good-fit scenarios from the article (explanation only)"),
            EngPractitioner => ("§12, §17", V1, Policy, [S::Article, S::Nccaom, S::Fda8805580], "the article's signals of a good practitioner; certification is not a licence"),
            EngRepeat => ("§17", NotApplicable, Policy, [S::Article, S::AetnaCpb0135], "a previous course that did not help: pivot rather than repeat"),
        }
    }

    /// The sources this rule stands on.
    #[must_use]
    pub const fn sources(self) -> &'static [SourceId] {
        self.info().sources
    }
}

/// Every rule the crate knows, with its catalogue row, in catalogue order.
pub fn rules() -> impl Iterator<Item = &'static RuleInfo> {
    RuleId::ALL.iter().map(|rule| rule.info())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_cites_at_least_one_source_and_matches_its_row() {
        for rule in RuleId::ALL {
            assert_eq!(rule.info().id, *rule);
            assert!(!rule.sources().is_empty(), "{rule} cites no source");
            assert!(rule.info().section.starts_with('§'), "{rule} names no reference section");
        }
        for source in SourceId::ALL {
            assert_eq!(source.info().id, *source);
        }
    }

    #[test]
    fn ids_round_trip_through_their_names() {
        for rule in RuleId::ALL {
            assert_eq!(rule.as_str().parse::<RuleId>().ok(), Some(*rule));
        }
        for source in SourceId::ALL {
            assert_eq!(source.as_str().parse::<SourceId>().ok(), Some(*source));
        }
        assert!("RF-X".parse::<RuleId>().is_err());
    }

    #[test]
    fn unverified_rules_are_not_user_facing() {
        assert!(!RuleId::GlVadod01.info().status.user_facing());
        assert!(RuleId::GlAcp02.info().status.user_facing());
    }
}
