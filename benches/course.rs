//! Benchmarks of `review_course` on a 12-session log, and of JSON in -> review -> JSON out.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use acupuncture_guidance::{CourseLog, review_course};
use criterion::{Criterion, criterion_group, criterion_main};

/// Twelve sessions with scores, minor reactions, items (PEG) and a completed course.
fn twelve_sessions() -> String {
    let sessions: Vec<String> = (0..12)
        .map(|i| {
            let items = [7 - i / 3, 6 - i / 3, 6 - i / 4];
            let effects = if i % 4 == 1 { r#", "adverse_effects": ["soreness"]"# } else { "" };
            format!(
                r#"{{ "date": "2026-11-{:02}", "items": [{}, {}, {}]{effects} }}"#,
                2 + 2 * i,
                items[0],
                items[1],
                items[2]
            )
        })
        .collect();
    format!(
        r#"{{ "as_of": "2026-11-30", "measure": "peg", "baseline": {{ "date": "2026-11-02", "items": [7, 6, 6] }}, "sessions": [{}] }}"#,
        sessions.join(", ")
    )
}

fn bench_review(c: &mut Criterion) {
    let json = twelve_sessions();
    let log: CourseLog = serde_json::from_str(&json).expect("the bench log is valid");
    assert_eq!(log.sessions().len(), 12);
    c.bench_function("review_course/12_sessions", |b| b.iter(|| review_course(black_box(&log)).unwrap()));
    c.bench_function("review_course/json_round_trip_12_sessions", |b| {
        b.iter(|| {
            let log: CourseLog = serde_json::from_str(black_box(&json)).unwrap();
            serde_json::to_string(&review_course(&log).unwrap()).unwrap()
        })
    });
}

criterion_group!(benches, bench_review);
criterion_main!(benches);
