//! Markdown output of `diff`: the summary table, the brief, then each
//! changed section's sentences, for articles and pull requests.

use super::*;

/// Markdown for articles and pull requests.
pub fn markdown(r: &DiffReport, view: &DiffView) -> String {
    let context = view.context;
    let s = &r.summary;
    let mut out = format!(
        "# {} → {}\n\n{} → {}\n\n| sections added | removed | moved | changed | unchanged | words inserted | words deleted | phrases new | dropped | recurring |\n|---|---|---|---|---|---|---|---|---|---|\n| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
        md_escape(&r.old.label()),
        md_escape(&r.new.label()),
        md_escape(&r.old.display_title()),
        md_escape(&r.new.display_title()),
        s.sections_added,
        s.sections_removed,
        s.sections_moved,
        s.sections_changed,
        s.sections_unchanged,
        s.words_inserted,
        s.words_deleted,
        s.phrases_new,
        s.phrases_dropped,
        s.phrases_recurring
    );
    out.push_str(&brief_markdown(r));
    if view.all_figures {
        out.push_str(&crate::render::figure_list::markdown(r));
    }
    if view.brief {
        return out;
    }
    if r.degraded {
        out.push_str("\n> Some blocks were too large to compare word by word and are shown whole.\n");
    }
    out.push_str("\n## Sections\n");
    for sec in r.sections.iter().filter(|x| x.status != Status::Unchanged) {
        out.push_str(&format!(
            "\n### {}: {}\n\n",
            sec.status.as_str(),
            md_escape(&section_title(sec))
        ));
        if let (Some(rw), false) = (&sec.rewritten, view.full) {
            out.push_str(&format!("_{}_\n", md_escape(&rewritten_line(rw))));
            continue;
        }
        let sents = sentences(&sec.hunks, r.ignore_years);
        if matches!(sec.status, Status::Added | Status::Removed) {
            let first = sents.first().map(md_sentence).unwrap_or_default();
            out.push_str(&format!("> {first}{}\n", if sents.len() > 1 { " …" } else { "" }));
            continue;
        }
        for v in visible(&sents, context) {
            match v {
                Some(i) => out.push_str(&format!("> {}\n>\n", md_sentence(&sents[i]))),
                None => out.push_str("> …\n>\n"),
            }
        }
    }
    out.push_str(&crate::render::table_rows::markdown(r));
    if !r.phrases.is_empty() {
        out.push_str("\n## Phrases\n\n| phrase | status | old | new |\n|---|---|---|---|\n");
        for p in &r.phrases {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                md_escape(&p.label()),
                match p.last_seen {
                    Some(y) => format!("new, revived: {y}"),
                    None => format!("{:?}", p.status).to_lowercase(),
                },
                p.old_count,
                p.new_count
            ));
        }
    }
    out
}

/// The brief in Markdown.
fn brief_markdown(r: &DiffReport) -> String {
    let b = &r.brief;
    let mut out = String::from("\n## Brief\n");
    if !b.figures.is_empty() {
        out.push_str("\n| key figure | kind | old | new |\n|---|---|---|---|\n");
        for f in &b.figures {
            let (old, new) = figure_values(f);
            out.push_str(&format!(
                "| {} | {} | {} | **{}** |\n",
                md_escape(&f.indicator),
                f.kind.as_str(),
                md_escape(&old),
                md_escape(&new)
            ));
        }
    }
    let (new, revived) = b.new_and_revived();
    for (name, list) in [
        ("New formulations", new),
        ("Dropped formulations", b.dropped_formulations.iter().collect()),
    ] {
        if !list.is_empty() {
            let items: Vec<String> = list
                .iter()
                .map(|p| format!("{} ({})", md_escape(&p.text), p.count))
                .collect();
            out.push_str(&format!("\n**{name}:** {}\n", items.join(", ")));
            if name.starts_with("New") && !revived.is_empty() {
                let items: Vec<String> = revived
                    .iter()
                    .flat_map(|p| p.last_seen.map(|y| format!("{} ({y})", md_escape(&p.text))))
                    .collect();
                out.push_str(&format!("\n**Revived formulations:** {}\n", items.join(", ")));
                if let Some(note) = crate::compare::report::brief::revived_note(false) {
                    out.push_str(&format!("\n_{}_\n", md_escape(&note)));
                }
            }
            let contexts: Vec<String> = list
                .iter()
                .take(BRIEF_CONTEXTS)
                .filter_map(|p| {
                    let c = p.context.as_ref()?;
                    Some(format!(
                        "- **{}**: {}\n",
                        md_escape(&p.text),
                        md_escape(&snippet(c, &p.text))
                    ))
                })
                .collect();
            if !contexts.is_empty() {
                out.push('\n');
                out.push_str(&contexts.concat());
            }
        }
    }
    if let Some(line) = images_line(r) {
        out.push_str(&format!("\n**Images:** {}\n", md_escape(&line)));
    }
    if !b.sections.is_empty() {
        out.push_str("\n**Most changed sections:**\n\n");
        for c in &b.sections {
            out.push_str(&format!(
                "- {} ({}, {} words)\n",
                md_escape(&section_title(&r.sections[c.index])),
                c.status.as_str(),
                thousands(c.words_changed)
            ));
        }
    }
    out
}

fn md_sentence(s: &Sentence) -> String {
    s.spans
        .iter()
        .map(|sp| {
            let t = md_escape(sp.text.trim_end_matches('\n'));
            if t.trim().is_empty() {
                return t;
            }
            match sp.kind {
                SpanKind::Equal => t,
                SpanKind::Deleted => format!("~~{t}~~"),
                SpanKind::Inserted => format!("**{t}**"),
            }
        })
        .collect()
}
