//! Benchmark of `review_medicare` on a 25-visit history.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use acupuncture_guidance::{MedicareHistory, review_medicare};
use criterion::{Criterion, criterion_group, criterion_main};

/// 25 visits, every 4 days from 2026-01-05, improvement recorded at the 5th: 12 in the window,
/// then while improving up to the annual cap.
fn twenty_five_visits() -> MedicareHistory {
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).expect("a date");
    let sessions: Vec<String> = (0..25u64)
        .map(|i| {
            let date = start.checked_add_days(chrono::Days::new(4 * i)).expect("a date");
            let progress = if i == 4 { "improving" } else { "not_recorded" };
            format!(r#"{{ "date": "{date}", "modality": "manual_acupuncture", "cpt": ["97810", "97811"], "progress": "{progress}" }}"#)
        })
        .collect();
    let json = format!(
        r#"{{ "eligibility": {{ "onset": {{ "date": "2025-06-01" }}, "non_specific": true,
              "associated_with_surgery": false, "associated_with_pregnancy": false }},
              "practitioner": {{ "kind": "licensed_acupuncturist", "state_licensed": true, "acupuncture_degree": true,
                                 "acupuncture_license": true, "supervised": true }},
              "sessions": [{}] }}"#,
        sessions.join(", ")
    );
    serde_json::from_str(&json).expect("the bench history is valid")
}

fn bench_medicare(c: &mut Criterion) {
    let history = twenty_five_visits();
    assert_eq!(review_medicare(&history).unwrap().covered_count, 20);
    c.bench_function("review_medicare/25_visits", |b| b.iter(|| review_medicare(black_box(&history)).unwrap()));
}

criterion_group!(benches, bench_medicare);
criterion_main!(benches);
