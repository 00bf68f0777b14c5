//! Criterion benchmarks per pipeline stage on real reports.
//! Run: `cargo bench --bench pipeline` (results in target/criterion).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use reportdiff::compare::report::{diff_reports, DiffOptions};
use reportdiff::read::document::{reports_of, LoadOptions, Report};
use reportdiff::read::source::{decode, SourceText};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(root().join(rel)).expect("input file")
}

fn report(rel: &str) -> Report {
    let text = String::from_utf8(read(rel)).expect("utf-8");
    let src = SourceText {
        path: rel.to_string(),
        text,
        encoding: "UTF-8",
    };
    reports_of(&src, &LoadOptions::default()).remove(0)
}

fn stages(c: &mut Criterion) {
    let raw = read("samples/national-2013.txt");
    let text = String::from_utf8(raw.clone()).unwrap();
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let gbk = gbk.into_owned();
    c.bench_function("decode/utf8 national-2013", |b| {
        b.iter(|| decode(black_box(&raw), None).unwrap())
    });
    c.bench_function("decode/gb18030 national-2013", |b| {
        b.iter(|| decode(black_box(&gbk), None).unwrap())
    });
    c.bench_function("normalize/national-2013", |b| {
        b.iter(|| reportdiff::read::normalize::normalize(black_box(&text), 0))
    });
    let trad = String::from_utf8(read("samples/national-1957.txt")).unwrap();
    c.bench_function("normalize/traditional national-1957", |b| {
        b.iter(|| reportdiff::read::normalize::normalize(black_box(&trad), 0))
    });
    let normalized = reportdiff::read::normalize::normalize(&text, 0).text;
    c.bench_function("outline/national-2013", |b| {
        b.iter(|| reportdiff::read::outline::outline(black_box(&normalized)))
    });

    let old = report("samples/national-2012.txt");
    let new = report("samples/national-2013.txt");
    c.bench_function("segment/dictionary load (filtered) national pair", |b| {
        b.iter(|| reportdiff::compare::segment::Segmenter::new([old.text(), new.text()], &[]))
    });
    c.bench_function("segment/dictionary load (full)", |b| {
        b.iter(|| reportdiff::compare::segment::Segmenter::full(&[]))
    });
    let seg = reportdiff::compare::segment::Segmenter::new([old.text(), new.text()], &[]);
    c.bench_function("segment/tokenize national-2013", |b| {
        b.iter(|| seg.tokenize(black_box(new.text())))
    });
    c.bench_function("phrases/candidates+count national-2013", |b| {
        b.iter(|| {
            let cands = reportdiff::compare::phrases::candidates_of([new.text()], &Default::default());
            let set = reportdiff::compare::phrases::PhraseSet::new(&cands);
            let counting = reportdiff::compare::phrases::counting_text(new.text());
            // Every offset a boundary: the count without a segmentation.
            let mut every = reportdiff::compare::phrases::Boundaries::new(counting.len());
            (0..=counting.len()).for_each(|i| every.insert(i));
            set.counts(new.text(), &counting, &every)
        })
    });
    let opts = DiffOptions::default();
    c.bench_function("diff/national 2012->2013 (segment+align+diff+phrases)", |b| {
        b.iter(|| diff_reports(&old, &new, &opts))
    });
    let gz_old = report("samples/guangzhou-2021.txt");
    let gz_new = report("samples/guangzhou-2025.txt");
    c.bench_function("diff/guangzhou 2021->2025", |b| {
        b.iter(|| diff_reports(&gz_old, &gz_new, &opts))
    });
    let d = diff_reports(&old, &new, &opts);
    let view = reportdiff::render::diff::DiffView {
        context: 1,
        stat: false,
        side_by_side: None,
        color: false,
        brief: false,
        full: false,
        all_figures: false,
    };
    c.bench_function("render/terminal national pair", |b| {
        b.iter(|| reportdiff::render::diff::terminal(black_box(&d), view))
    });
    c.bench_function("render/json national pair", |b| {
        b.iter(|| reportdiff::render::diff::json(black_box(&d)))
    });
}

fn series(c: &mut Criterion) {
    let dir = root().join("../shared/corpus/national");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus")
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let reports: Vec<Report> = files
        .iter()
        .take(10)
        .map(|p| {
            let src = SourceText {
                path: p.to_string_lossy().into_owned(),
                text: std::fs::read_to_string(p).unwrap(),
                encoding: "UTF-8",
            };
            reports_of(&src, &LoadOptions::default()).remove(0)
        })
        .collect();
    let opts = reportdiff::compare::series::SeriesOptions {
        phrases: Default::default(),
        top: 10,
        ignore_years: false,
        keep_diffs: false,
    };
    let mut g = c.benchmark_group("series");
    g.sample_size(10);
    g.bench_function("first 10 national reports", |b| {
        b.iter(|| reportdiff::compare::series::build_series(&reports, &opts, &|| {}))
    });
    g.finish();
}

criterion_group!(benches, stages, series);
criterion_main!(benches);
