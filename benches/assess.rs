//! Benchmarks of `assess` (typical, emergency, incomplete screen), of JSON in -> assess ->
//! JSON out (and its parts), and of a batch of intakes.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use acupuncture_guidance::{Intake, assess};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

const TYPICAL: &str = include_str!("../examples/intakes/chronic_anticoagulants.json");
const EMERGENCY: &str = include_str!("../examples/intakes/emergency_saddle_numbness.json");
const INCOMPLETE: &str = include_str!("../examples/intakes/acute_incomplete.json");

fn intake(json: &str) -> Intake {
    serde_json::from_str(json).expect("example intakes are valid")
}

fn bench_assess(c: &mut Criterion) {
    let mut group = c.benchmark_group("assess");
    for (name, json) in [("typical", TYPICAL), ("emergency", EMERGENCY), ("incomplete", INCOMPLETE)] {
        let intake = intake(json);
        group.bench_function(name, |b| b.iter(|| assess(black_box(&intake)).unwrap()));
    }
    group.finish();
}

fn bench_json_round_trip(c: &mut Criterion) {
    c.bench_function("json_in_assess_json_out/typical", |b| {
        b.iter(|| {
            let intake: Intake = serde_json::from_str(black_box(TYPICAL)).unwrap();
            serde_json::to_string(&assess(&intake).unwrap()).unwrap()
        })
    });
    // Where the round trip's time goes: reading the intake, writing the assessment, and the
    // JSON facade (which also names the field path of a bad document).
    let mut group = c.benchmark_group("json_parts");
    group.bench_function("parse_intake/typical", |b| b.iter(|| intake(black_box(TYPICAL))));
    let assessment = assess(&intake(TYPICAL)).unwrap();
    group.bench_function("write_assessment/typical", |b| {
        b.iter(|| serde_json::to_string(black_box(&assessment)).unwrap())
    });
    group.bench_function("facade/typical", |b| {
        b.iter(|| acupuncture_guidance::json::assess(black_box(TYPICAL)).unwrap())
    });
    group.finish();
}

fn bench_batch(c: &mut Criterion) {
    // Ten thousand intakes, cycling through the three shapes; scale by 100 for a million.
    let intakes: Vec<Intake> =
        [TYPICAL, EMERGENCY, INCOMPLETE].iter().cycle().take(10_000).map(|j| intake(j)).collect();
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Elements(intakes.len() as u64));
    group.sample_size(20);
    group.bench_function("assess_10k", |b| {
        b.iter_batched(
            || (),
            |()| intakes.iter().map(|i| assess(i).unwrap().findings.len()).sum::<usize>(),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench_assess, bench_json_round_trip, bench_batch);
criterion_main!(benches);
