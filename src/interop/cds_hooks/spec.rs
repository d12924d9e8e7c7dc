//! The CDS Hooks 2.0.1 response types, valid by construction, and their checks.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The HL7 code system of non-adherence (override) reasons.
pub const OVERRIDE_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes";

/// The longest summary, exclusive: a summary must be shorter than 140 Unicode scalars.
pub const SUMMARY_LIMIT: usize = 140;

/// A violated constraint of the CDS Hooks response specification.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Violation {
    /// The summary is empty or not shorter than 140 Unicode scalars.
    #[error("card summary has {scalars} characters; it must be 1 to 139")]
    SummaryLength {
        /// Its length in Unicode scalars.
        scalars: usize,
    },
    /// `source.label` is empty.
    #[error("card source.label is required")]
    SourceLabel,
    /// A link or source URL is not absolute.
    #[error("{field} {url:?} is not an absolute URL")]
    NotAbsolute {
        /// The field.
        field: &'static str,
        /// The URL.
        url: String,
    },
    /// cds-resp-1: `at-most-one` with more than one recommended suggestion.
    #[error("cds-resp-1: selectionBehavior at-most-one with {recommended} recommended suggestions")]
    TooManyRecommended {
        /// Recommended suggestions.
        recommended: usize,
    },
    /// cds-resp-2: create/update without a resource, or delete without a resourceId.
    #[error("cds-resp-2: a {kind} action needs {needs}")]
    ActionTarget {
        /// The action type.
        kind: &'static str,
        /// What it needs.
        needs: &'static str,
    },
    /// cds-resp-3: `appContext` on a link that is not `smart`.
    #[error("cds-resp-3: appContext is allowed only on smart links")]
    AppContext,
    /// cds-resp-4: an override reason without a display.
    #[error("cds-resp-4: override reason {code:?} needs a display")]
    OverrideDisplay {
        /// The code.
        code: String,
    },
    /// cds-resp-5: a suggestion's action without a description.
    #[error("cds-resp-5: actions in suggestions need a description")]
    ActionDescription,
    /// cds-resp-6: suggestions without a selection behaviour.
    #[error("cds-resp-6: selectionBehavior is required when suggestions are present")]
    SelectionBehavior,
    /// A suggestion or link without a label.
    #[error("{0} needs a label")]
    Label(&'static str),
}

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }
    };
}

wire_enum! {
    /// How urgent a card is, in ascending order.
    Indicator { /** Information. */ Info = "info", /** A warning. */ Warning = "warning", /** Critical. */ Critical = "critical", }
}
wire_enum! {
    /// How many suggestions a user may choose (cds-resp-6).
    SelectionBehavior { /** At most one. */ AtMostOne = "at-most-one", /** Any number. */ Any = "any", }
}
wire_enum! {
    /// How many of a suggestion's actions apply (cds-resp-7: a closed set).
    ActionSelectionBehavior { /** All. */ All = "all", /** Any. */ Any = "any", /** At most one. */ AtMostOne = "at-most-one", }
}
wire_enum! {
    /// What an action does.
    ActionType { /** Create a resource. */ Create = "create", /** Update a resource. */ Update = "update", /** Delete a resource. */ Delete = "delete", }
}
wire_enum! {
    /// What a link opens.
    LinkType { /** A web page. */ Absolute = "absolute", /** A SMART app. */ Smart = "smart", }
}

/// A card summary: 1 to 139 Unicode scalars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Summary(pub(super) String);

impl Summary {
    /// A summary, checked.
    ///
    /// # Errors
    ///
    /// [`Violation::SummaryLength`] when empty or 140 scalars or longer (never truncated).
    pub fn new(text: impl Into<String>) -> Result<Summary, Violation> {
        let text = text.into();
        let scalars = text.chars().count();
        if scalars == 0 || scalars >= SUMMARY_LIMIT {
            return Err(Violation::SummaryLength { scalars });
        }
        Ok(Summary(text))
    }

    /// The text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A CDS Hooks coding (a cut-down FHIR Coding).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coding {
    /// The code.
    pub code: String,
    /// The code system.
    pub system: String,
    /// The display (required on override reasons, cds-resp-4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
}

impl Coding {
    /// A non-adherence (override) reason with its display.
    #[must_use]
    pub fn override_reason(code: &str, display: &str) -> Coding {
        Coding { code: code.to_owned(), system: OVERRIDE_SYSTEM.to_owned(), display: Some(display.to_owned()) }
    }
}

/// Where a card's guidance comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Required, non-empty.
    pub label: String,
    /// An absolute URL describing the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// An icon URL (100×100 PNG).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    /// A topic coding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<Coding>,
}

/// A link to a page or a SMART app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Link {
    /// The label.
    pub label: String,
    /// An absolute URL.
    pub url: String,
    /// `absolute` or `smart`.
    #[serde(rename = "type")]
    pub kind: LinkType,
    /// Only on `smart` links (cds-resp-3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_context: Option<String>,
    /// Whether the client may launch it automatically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autolaunchable: Option<bool>,
}

/// A change a suggestion proposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Action {
    /// `create`, `update` or `delete`.
    #[serde(rename = "type")]
    pub kind: ActionType,
    /// Required inside suggestions (cds-resp-5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The FHIR resource to create or update (cds-resp-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<serde_json::Value>,
    /// The relative reference to delete (cds-resp-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
}

/// A suggested set of actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Suggestion {
    /// The label.
    pub label: String,
    /// A uuid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Whether this is the recommended suggestion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_recommended: Option<bool>,
    /// The actions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    /// How many actions apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_selection_behavior: Option<ActionSelectionBehavior>,
}

/// A CDS Hooks card. Build one with [`Card::new`] and the `with_*` methods, or deserialize it:
/// both paths check every constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    #[serde(skip_serializing_if = "Option::is_none")]
    uuid: Option<String>,
    summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    indicator: Indicator,
    source: Source,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion>,
    #[serde(skip_serializing_if = "Option::is_none")]
    selection_behavior: Option<SelectionBehavior>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    override_reasons: Vec<Coding>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<Link>,
}

/// The open form of a card, as read from JSON, before it is checked.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawCard {
    #[serde(default)]
    uuid: Option<String>,
    summary: String,
    #[serde(default)]
    detail: Option<String>,
    indicator: Indicator,
    source: Source,
    #[serde(default)]
    suggestions: Vec<Suggestion>,
    #[serde(default)]
    selection_behavior: Option<SelectionBehavior>,
    #[serde(default)]
    override_reasons: Vec<Coding>,
    #[serde(default)]
    links: Vec<Link>,
}

impl<'de> Deserialize<'de> for Card {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawCard::deserialize(deserializer)?;
        let summary = Summary::new(raw.summary).map_err(serde::de::Error::custom)?;
        let card = Card {
            uuid: raw.uuid,
            summary,
            detail: raw.detail,
            indicator: raw.indicator,
            source: raw.source,
            suggestions: raw.suggestions,
            selection_behavior: raw.selection_behavior,
            override_reasons: raw.override_reasons,
            links: raw.links,
        };
        let violations = card.validate();
        if violations.is_empty() {
            Ok(card)
        } else {
            let text: Vec<String> = violations.iter().map(ToString::to_string).collect();
            Err(serde::de::Error::custom(text.join("; ")))
        }
    }
}

fn absolute(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

impl Card {
    /// A card with a summary, an indicator and a source.
    ///
    /// # Errors
    ///
    /// [`Violation::SourceLabel`] for an empty source label; [`Violation::NotAbsolute`] for a
    /// source URL that is not absolute.
    pub fn new(summary: Summary, indicator: Indicator, source: Source) -> Result<Card, Violation> {
        if source.label.trim().is_empty() {
            return Err(Violation::SourceLabel);
        }
        if let Some(url) = source.url.as_ref().filter(|u| !absolute(u)) {
            return Err(Violation::NotAbsolute { field: "source.url", url: url.clone() });
        }
        Ok(Card {
            uuid: None,
            summary,
            detail: None,
            indicator,
            source,
            suggestions: Vec::new(),
            selection_behavior: None,
            override_reasons: Vec::new(),
            links: Vec::new(),
        })
    }

    /// Replaces the summary and the source's topic: for a card whose outcome another card
    /// qualifies (see [`with_record_cards`](super::with_record_cards)).
    #[must_use]
    pub fn with_summary_and_topic(mut self, summary: Summary, topic: Option<Coding>) -> Card {
        self.summary = summary;
        self.source.topic = topic;
        self
    }

    /// Adds Markdown detail.
    #[must_use]
    pub fn with_detail(mut self, markdown: String) -> Card {
        self.detail = Some(markdown);
        self
    }

    /// Adds a link.
    ///
    /// # Errors
    ///
    /// [`Violation::Label`], [`Violation::NotAbsolute`] or [`Violation::AppContext`].
    pub fn with_link(mut self, link: Link) -> Result<Card, Violation> {
        link_violations(&link).into_iter().next().map_or(Ok(()), Err)?;
        self.links.push(link);
        Ok(self)
    }

    /// Adds an override reason, a coding with a display (cds-resp-4).
    ///
    /// # Errors
    ///
    /// [`Violation::OverrideDisplay`] without a display.
    pub fn with_override_reason(mut self, reason: Coding) -> Result<Card, Violation> {
        if reason.display.as_deref().is_none_or(str::is_empty) {
            return Err(Violation::OverrideDisplay { code: reason.code });
        }
        self.override_reasons.push(reason);
        Ok(self)
    }

    /// Adds suggestions with their selection behaviour (cds-resp-6).
    ///
    /// # Errors
    ///
    /// The first violation of cds-resp-1, -2 or -5, or a missing label.
    pub fn with_suggestions(
        mut self,
        behavior: SelectionBehavior,
        suggestions: Vec<Suggestion>,
    ) -> Result<Card, Violation> {
        self.selection_behavior = Some(behavior);
        self.suggestions = suggestions;
        match self.validate().into_iter().next() {
            Some(violation) => Err(violation),
            None => Ok(self),
        }
    }

    /// Sets the uuid, name-based over the request's `hookInstance` and the card's content.
    #[must_use]
    pub fn identified(mut self, hook_instance: &str, position: usize) -> Card {
        self.uuid = None;
        let content = serde_json::to_string(&self).unwrap_or_default();
        let name = format!("{hook_instance}\n{position}\n{content}");
        self.uuid = Some(uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes()).to_string());
        self
    }

    /// The uuid.
    #[must_use]
    pub fn uuid(&self) -> Option<&str> {
        self.uuid.as_deref()
    }

    /// The summary.
    #[must_use]
    pub fn summary(&self) -> &str {
        self.summary.as_str()
    }

    /// The detail.
    #[must_use]
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }

    /// The indicator.
    #[must_use]
    pub const fn indicator(&self) -> Indicator {
        self.indicator
    }

    /// The source.
    #[must_use]
    pub const fn source(&self) -> &Source {
        &self.source
    }

    /// The links.
    #[must_use]
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// The override reasons.
    #[must_use]
    pub fn override_reasons(&self) -> &[Coding] {
        &self.override_reasons
    }

    /// Every violation of the specification's constraints (empty for a valid card).
    #[must_use]
    pub fn validate(&self) -> Vec<Violation> {
        let mut violations = Vec::new();
        let scalars = self.summary.0.chars().count();
        if scalars == 0 || scalars >= SUMMARY_LIMIT {
            violations.push(Violation::SummaryLength { scalars });
        }
        if self.source.label.trim().is_empty() {
            violations.push(Violation::SourceLabel);
        }
        if let Some(url) = self.source.url.as_ref().filter(|u| !absolute(u)) {
            violations.push(Violation::NotAbsolute { field: "source.url", url: url.clone() });
        }
        if !self.suggestions.is_empty() && self.selection_behavior.is_none() {
            violations.push(Violation::SelectionBehavior);
        }
        let recommended = self.suggestions.iter().filter(|s| s.is_recommended == Some(true)).count();
        if self.selection_behavior == Some(SelectionBehavior::AtMostOne) && recommended > 1 {
            violations.push(Violation::TooManyRecommended { recommended });
        }
        for suggestion in &self.suggestions {
            if suggestion.label.trim().is_empty() {
                violations.push(Violation::Label("suggestion"));
            }
            for action in &suggestion.actions {
                if action.description.as_deref().is_none_or(str::is_empty) {
                    violations.push(Violation::ActionDescription);
                }
                match action.kind {
                    ActionType::Create | ActionType::Update if action.resource.is_none() => {
                        violations.push(Violation::ActionTarget { kind: "create or update", needs: "a resource" });
                    }
                    ActionType::Delete if action.resource_id.as_deref().is_none_or(str::is_empty) => {
                        violations.push(Violation::ActionTarget { kind: "delete", needs: "a resourceId" });
                    }
                    _ => {}
                }
            }
        }
        for reason in &self.override_reasons {
            if reason.display.as_deref().is_none_or(str::is_empty) {
                violations.push(Violation::OverrideDisplay { code: reason.code.clone() });
            }
        }
        for link in &self.links {
            violations.extend(link_violations(link));
        }
        violations
    }
}

fn link_violations(link: &Link) -> Vec<Violation> {
    let mut violations = Vec::new();
    if link.label.trim().is_empty() {
        violations.push(Violation::Label("link"));
    }
    if !absolute(&link.url) {
        violations.push(Violation::NotAbsolute { field: "link.url", url: link.url.clone() });
    }
    if link.app_context.is_some() && link.kind != LinkType::Smart {
        violations.push(Violation::AppContext);
    }
    violations
}

/// A CDS service response: `{"cards": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CdsResponse {
    /// The cards (may be empty).
    pub cards: Vec<Card>,
}

/// One service in the discovery document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Service {
    /// The hook.
    pub hook: String,
    /// The title.
    pub title: String,
    /// What the service does (Markdown).
    pub description: String,
    /// The id: the service's URL is `{baseUrl}/cds-services/{id}`.
    pub id: String,
    /// Prefetch templates: key → FHIR query with `{{context.patientId}}` tokens (omitted
    /// when empty).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub prefetch: BTreeMap<String, String>,
    /// What the client must supply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage_requirements: Option<String>,
}

/// The discovery document: `{"services": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Discovery {
    /// The services.
    pub services: Vec<Service>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_card() -> Card {
        Card::new(
            Summary::new("A summary").unwrap(),
            Indicator::Info,
            Source { label: "x".into(), url: None, icon: None, topic: None },
        )
        .unwrap()
    }

    #[test]
    fn summaries_are_counted_in_unicode_scalars_and_139_is_the_longest() {
        assert!(Summary::new("é".repeat(139)).is_ok());
        assert_eq!(Summary::new("é".repeat(140)), Err(Violation::SummaryLength { scalars: 140 }));
        assert!(Summary::new("").is_err());
    }

    #[test]
    fn constructors_refuse_what_the_specification_forbids() {
        assert_eq!(
            Card::new(
                Summary::new("s").unwrap(),
                Indicator::Info,
                Source { label: " ".into(), url: None, icon: None, topic: None }
            ),
            Err(Violation::SourceLabel)
        );
        let smart_context = Link {
            label: "app".into(),
            url: "https://example.org".into(),
            kind: LinkType::Absolute,
            app_context: Some("x".into()),
            autolaunchable: None,
        };
        assert_eq!(valid_card().with_link(smart_context), Err(Violation::AppContext));
        assert!(
            valid_card()
                .with_override_reason(Coding { code: "x".into(), system: OVERRIDE_SYSTEM.into(), display: None })
                .is_err()
        );
        let recommended = |label: &str| Suggestion {
            label: label.into(),
            uuid: None,
            is_recommended: Some(true),
            actions: vec![],
            action_selection_behavior: None,
        };
        assert_eq!(
            valid_card().with_suggestions(SelectionBehavior::AtMostOne, vec![recommended("a"), recommended("b")]),
            Err(Violation::TooManyRecommended { recommended: 2 })
        );
        let undescribed = Suggestion {
            actions: vec![Action { kind: ActionType::Delete, description: None, resource: None, resource_id: None }],
            ..recommended("a")
        };
        let card = valid_card().with_suggestions(SelectionBehavior::Any, vec![undescribed]);
        assert_eq!(card, Err(Violation::ActionDescription));
    }

    #[test]
    fn validate_reports_every_violation_of_a_card_read_from_elsewhere() {
        let bad = serde_json::json!({
            "summary": "ok", "indicator": "info", "source": { "label": "" },
            "suggestions": [{ "label": "s", "actions": [{ "type": "create" }] }],
            "overrideReasons": [{ "code": "x", "system": OVERRIDE_SYSTEM }],
            "links": [{ "label": "l", "url": "relative/path", "type": "absolute", "appContext": "c" }]
        });
        let err = serde_json::from_value::<Card>(bad).unwrap_err().to_string();
        for part in
            ["source.label", "cds-resp-6", "cds-resp-5", "cds-resp-2", "cds-resp-4", "absolute URL", "cds-resp-3"]
        {
            assert!(err.contains(part), "{part} missing from {err}");
        }
        let long = serde_json::json!({ "summary": "x".repeat(140), "indicator": "info", "source": { "label": "l" } });
        assert!(serde_json::from_value::<Card>(long).is_err());
        let unknown = serde_json::json!({ "summary": "s", "indicator": "hard-stop", "source": { "label": "l" } });
        assert!(serde_json::from_value::<Card>(unknown).is_err(), "the stale indicator values are not accepted");
    }

    #[test]
    fn uuids_are_deterministic_and_differ_between_requests() {
        let a = valid_card().identified("11111111-1111-1111-1111-111111111111", 0);
        let b = valid_card().identified("11111111-1111-1111-1111-111111111111", 0);
        let c = valid_card().identified("22222222-2222-2222-2222-222222222222", 0);
        assert_eq!(a.uuid(), b.uuid());
        assert_ne!(a.uuid(), c.uuid());
        assert_eq!(a.uuid().map(str::len), Some(36));
    }
}
