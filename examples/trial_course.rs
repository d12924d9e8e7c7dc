//! Review a course of acupuncture in progress, and chart it.
//!
//! ```text
//! cargo run --example trial_course                               # a built-in course log
//! cargo run --example trial_course -- FILE.json                  # a log from a file ("-" for stdin)
//! cargo run --example trial_course -- FILE.json --json           # the review as JSON
//! cargo run --example trial_course -- FILE.json --svg OUT.svg    # the chart to OUT.svg
//! ```
//!
//! The chart (by default `target/trial_course.svg`) shows the scores session by session, the
//! baseline, the score that would be a meaningful change, and the checkpoint. A bad log gets
//! a one-line error and exit status 1.

use std::path::PathBuf;
use std::process::ExitCode;

use acupuncture_guidance::{ChangePolicy, CourseLog, CourseReview, Measure, review_course};
use plotters::prelude::*;

#[path = "shared/cli.rs"]
mod cli;

/// The built-in example: eight sessions of steady improvement on the pain scale.
const EXAMPLE: &str = include_str!("courses/improving_nrs.json");

const USAGE: &str = "usage: trial_course [FILE.json | -] [--json] [--svg OUT.svg]";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut path, mut json, mut svg) = (None, false, PathBuf::from("target/trial_course.svg"));
    let usage = |problem: &str| cli::usage("trial_course", problem, USAGE);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--svg" => match args.next() {
                Some(out) => svg = PathBuf::from(out),
                None => return usage("--svg needs a file name"),
            },
            "-h" | "--help" => return cli::finish("trial_course", Ok(format!("{USAGE}\n"))),
            flag if flag.starts_with("--") => return usage(&format!("unknown option {flag}")),
            _ if path.is_some() => return usage("more than one input file"),
            file => path = Some(file.to_owned()),
        }
    }
    cli::finish("trial_course", run(path.as_deref(), json, &svg))
}

fn run(path: Option<&str>, json: bool, svg: &PathBuf) -> Result<String, String> {
    let (name, text) = cli::read_input(path, EXAMPLE)?;
    let log: CourseLog = acupuncture_guidance::json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
    let review = review_course(&log).map_err(|e| format!("{name}: {e}"))?;
    if json {
        return Ok(serde_json::to_string_pretty(&review).map_err(|e| e.to_string())? + "\n");
    }
    chart(&log, &review, svg).map_err(|e| format!("chart {}: {e}", svg.display()))?;
    Ok(format!(
        "== For the patient ({name}) ==\n\n{}\n== For the clinician ==\n\n{}\nChart: {}\n",
        review.patient_text(),
        review.clinician_text(),
        svg.display()
    ))
}

/// The score that would be a meaningful change from `baseline` (OUT-01): the smaller of the
/// absolute threshold and the relative one, in the measure's direction. Display only.
fn meaningful_line(measure: Measure, baseline: f64) -> f64 {
    let threshold = ChangePolicy::default().threshold(measure);
    let absolute = threshold.absolute().to_f64();
    let needed = match threshold.relative_percent() {
        Some(percent) if baseline > 0.0 => absolute.min(baseline * f64::from(percent) / 100.0),
        _ => absolute,
    };
    if measure.instrument().higher_is_better { baseline + needed } else { baseline - needed }
}

fn chart(log: &CourseLog, review: &CourseReview, out: &PathBuf) -> Result<(), Box<dyn std::error::Error>> {
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let measure = log.measure();
    let max = f64::from(measure.instrument().max);
    let baseline = log.baseline().value().to_f64();
    let points: Vec<(u32, f64)> =
        log.sessions().iter().zip(1..).filter_map(|(s, n)| s.measurement().map(|m| (n, m.value().to_f64()))).collect();
    let plan = log.plan();
    let last = review.sessions_done.max(plan.course_sessions.max);

    let root = SVGBackend::new(out, (720, 420)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(format!("{} over the course ({})", measure.instrument().name, review.decision), ("sans-serif", 20))
        .margin(16)
        .x_label_area_size(36)
        .y_label_area_size(44)
        .build_cartesian_2d(0u32..last + 1, 0.0..max)?;
    chart.configure_mesh().x_desc("session").y_desc(measure.as_str()).x_labels(13).draw()?;

    chart
        .draw_series(LineSeries::new([(0, baseline), (last + 1, baseline)], BLACK.stroke_width(1)))?
        .label("baseline")
        .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], BLACK));
    let target = meaningful_line(measure, baseline).clamp(0.0, max);
    chart
        .draw_series(LineSeries::new([(0, target), (last + 1, target)], RGBColor(0, 140, 0).stroke_width(2)))?
        .label("meaningful change (OUT-01)")
        .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], RGBColor(0, 140, 0)));
    let checkpoint = plan.checkpoint.sessions;
    chart
        .draw_series(LineSeries::new([(checkpoint, 0.0), (checkpoint, max)], RED.stroke_width(1)))?
        .label("checkpoint (COURSE-01)")
        .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], RED));
    let series = std::iter::once((0, baseline)).chain(points.iter().copied());
    chart
        .draw_series(LineSeries::new(series.clone(), BLUE.stroke_width(2)))?
        .label("score")
        .legend(|(x, y)| PathElement::new([(x, y), (x + 16, y)], BLUE));
    chart.draw_series(series.map(|p| Circle::new(p, 4, BLUE.filled())))?;
    chart.configure_series_labels().background_style(WHITE.mix(0.8)).border_style(BLACK).draw()?;
    root.present()?;
    Ok(())
}
