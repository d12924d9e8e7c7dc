//! Review a course of acupuncture in progress, and chart it.
//!
//! ```text
//! cargo run --example trial_course                               # a built-in course log
//! cargo run --example trial_course -- FILE.json                  # a log from a file ("-" for stdin)
//! cargo run --example trial_course -- FILE.json --json           # the review as JSON
//! cargo run --example trial_course -- FILE.json --svg OUT.svg    # also draw the chart to OUT.svg
//! ```
//!
//! The chart is written only when `--svg` is given. It shows the scores by date (which way is
//! better on the axis), the baseline, the score that would be a meaningful change (OUT-01), the
//! checkpoint where COURSE-01 puts it (the date 4 sessions and either 6 sessions or 28 days are
//! reached; projected while not yet reached), sessions without a score, and red flags and
//! serious adverse events; the legend sits beside the plot. A bad log gets a one-line error
//! and exit status 1.

use std::path::PathBuf;
use std::process::ExitCode;

use acupuncture_guidance::{ChangePolicy, CourseLog, CourseReview, Detail, Measure, NaiveDate, review_course};
use plotters::prelude::*;

#[path = "shared/cli.rs"]
mod cli;

/// The built-in example: eight sessions of steady improvement on the pain scale.
const EXAMPLE: &str = include_str!("courses/improving_nrs.json");

const USAGE: &str = "usage: trial_course [FILE.json | -] [--json] [--svg OUT.svg]";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut path, mut json, mut svg) = (None, false, None);
    let usage = |problem: &str| cli::usage("trial_course", problem, USAGE);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--svg" => match args.next() {
                Some(out) => svg = Some(PathBuf::from(out)),
                None => return usage("--svg needs a file name"),
            },
            "-h" | "--help" => return cli::finish("trial_course", Ok(format!("{USAGE}\n"))),
            flag if flag.starts_with("--") => return usage(&format!("unknown option {flag}")),
            _ if path.is_some() => return usage("more than one input file"),
            file => path = Some(file.to_owned()),
        }
    }
    cli::finish("trial_course", run(path.as_deref(), json, svg.as_ref()))
}

fn run(path: Option<&str>, json: bool, svg: Option<&PathBuf>) -> Result<String, String> {
    let (name, text) = cli::read_input(path, EXAMPLE)?;
    let log: CourseLog = acupuncture_guidance::json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
    let review = review_course(&log).map_err(|e| format!("{name}: {e}"))?;
    if let Some(svg) = svg {
        chart(&log, &review, svg).map_err(|e| format!("chart {}: {e}", svg.display()))?;
    }
    if json {
        return Ok(serde_json::to_string_pretty(&review).map_err(|e| e.to_string())? + "\n");
    }
    let chart_line = svg.map(|p| format!("Chart: {}\n", p.display())).unwrap_or_default();
    Ok(format!(
        "== For the patient ({name}) ==\n\n{}\n== For the clinician ==\n\n{}{chart_line}",
        review.patient_text(),
        review.clinician_text(),
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

/// Where COURSE-01 puts the checkpoint: the first date with at least `min_sessions` done and
/// either `sessions` done or `days` since the first session; `None` while neither can be
/// told yet (fewer than `min_sessions`). The flag says whether it is only projected.
fn checkpoint_date(log: &CourseLog) -> Option<(NaiveDate, bool)> {
    let check = log.plan().checkpoint;
    let dates: Vec<NaiveDate> = log.sessions().iter().map(|s| s.date()).collect();
    let first = *dates.first()?;
    let by_days = first.checked_add_days(chrono::Days::new(u64::from(check.days)))?;
    let done_by = |d: NaiveDate| u32::try_from(dates.iter().filter(|x| **x <= d).count()).unwrap_or(u32::MAX);
    let reached = dates
        .iter()
        .copied()
        .chain(std::iter::once(by_days))
        .filter(|d| *d <= log.as_of())
        .filter(|d| done_by(*d) >= check.min_sessions && (done_by(*d) >= check.sessions || *d >= by_days))
        .min();
    reached.map(|d| (d, false)).or(Some((by_days.max(log.as_of()), true)))
}

const SCORE: RGBColor = RGBColor(0, 90, 180);
const TARGET: RGBColor = RGBColor(0, 130, 0);
const CHECK: RGBColor = RGBColor(200, 120, 0);
const ALERT: RGBColor = RGBColor(200, 0, 0);
const MUTED: RGBColor = RGBColor(120, 120, 120);

fn chart(log: &CourseLog, review: &CourseReview, out: &PathBuf) -> Result<(), Box<dyn std::error::Error>> {
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let measure = log.measure();
    let instrument = measure.instrument();
    let max = f64::from(instrument.max);
    let start = log.baseline_date();
    let day = |d: NaiveDate| i32::try_from((d - start).num_days()).unwrap_or(0);
    let baseline = log.baseline().value().to_f64();
    let scored: Vec<(i32, f64)> =
        log.sessions().iter().filter_map(|s| s.measurement().map(|m| (day(s.date()), m.value().to_f64()))).collect();
    let unscored: Vec<i32> =
        log.sessions().iter().filter(|s| s.measurement().is_none()).map(|s| day(s.date())).collect();
    let alerts: Vec<i32> = review
        .findings
        .iter()
        .filter_map(|f| match f.detail {
            Detail::NewRedFlag { date, .. } | Detail::SeriousAdverseEvent { date, .. } => Some(day(date)),
            _ => None,
        })
        .collect();
    let checkpoint = checkpoint_date(log);
    let last = day(log.as_of()).max(checkpoint.map_or(0, |(d, _)| day(d))).max(7) + 2;

    let root = SVGBackend::new(out, (860, 440)).into_drawing_area();
    root.fill(&WHITE)?;
    let (plot, side) = root.split_horizontally(600);
    let better = if instrument.higher_is_better { "higher is better" } else { "lower is better" };
    let mut chart = ChartBuilder::on(&plot)
        .caption(format!("Your {} during the course", instrument.name), ("sans-serif", 20))
        .margin(14)
        .x_label_area_size(40)
        .y_label_area_size(56)
        .build_cartesian_2d(-1..last, 0.0..max)?;
    let label_date = |x: &i32| {
        start
            .checked_add_days(chrono::Days::new(u64::try_from(*x).unwrap_or(0)))
            .map_or_else(String::new, |d| d.format("%-d %b").to_string())
    };
    chart
        .configure_mesh()
        .x_desc("Date")
        .y_desc(format!("Score, 0 to {} ({better})", instrument.max))
        .x_labels(8)
        .x_label_formatter(&label_date)
        .light_line_style(WHITE.mix(0.0))
        .draw()?;

    chart.draw_series(LineSeries::new([(-1, baseline), (last, baseline)], BLACK.stroke_width(1)))?;
    let target = meaningful_line(measure, baseline).clamp(0.0, max);
    chart.draw_series(LineSeries::new([(-1, target), (last, target)], TARGET.stroke_width(2)))?;
    if let Some((date, projected)) = checkpoint {
        let x = day(date);
        let style = if projected { CHECK.mix(0.5).stroke_width(2) } else { CHECK.stroke_width(2) };
        chart.draw_series(LineSeries::new([(x, 0.0), (x, max)], style))?;
    }
    let series: Vec<(i32, f64)> = std::iter::once((0, baseline)).chain(scored.iter().copied()).collect();
    chart.draw_series(LineSeries::new(series.iter().copied(), SCORE.stroke_width(2)))?;
    chart.draw_series(series.iter().map(|p| Circle::new(*p, 4, SCORE.filled())))?;
    // Sessions without a score: hollow marks on the axis, so none vanishes.
    chart.draw_series(unscored.iter().map(|x| Circle::new((*x, max * 0.03), 4, MUTED.stroke_width(2))))?;
    // Red flags and serious adverse events: red triangles at the top.
    chart.draw_series(alerts.iter().map(|x| TriangleMarker::new((*x, max * 0.95), 8, ALERT.filled())))?;
    for x in &alerts {
        chart.draw_series(LineSeries::new([(*x, 0.0), (*x, max)], ALERT.mix(0.4).stroke_width(1)))?;
    }

    // The legend, beside the plot so it never covers a session.
    let rows: Vec<(&str, RGBColor)> = [
        Some(("your score", SCORE)),
        Some(("score at the start", BLACK)),
        Some(("meaningful change", TARGET)),
        checkpoint.map(|(_, projected)| (if projected { "checkpoint (expected)" } else { "checkpoint" }, CHECK)),
        (!unscored.is_empty()).then_some(("session, no score", MUTED)),
        (!alerts.is_empty()).then_some(("warning sign reported", ALERT)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let font = ("sans-serif", 15).into_font();
    side.draw(&Text::new(better.to_owned(), (10, 50), ("sans-serif", 16).into_font().style(FontStyle::Bold)))?;
    for (i, (label, color)) in rows.iter().enumerate() {
        let y = 90 + 28 * i32::try_from(i).unwrap_or(0);
        side.draw(&PathElement::new([(10, y), (40, y)], color.stroke_width(3)))?;
        side.draw(&Text::new((*label).to_owned(), (50, y - 8), font.clone()))?;
    }
    let decision = format!("Decision: {}", review.decision.as_str().replace('_', " "));
    let y = 100 + 28 * i32::try_from(rows.len()).unwrap_or(0);
    side.draw(&Text::new(decision, (10, y), font))?;
    root.present()?;
    Ok(())
}
