//! Level-1/2 sections followed from year to year.

use super::kept::Kept;
use super::SectionTrack;
use crate::compare::align::Pair;
use std::collections::HashMap;

/// Follows level-1 and level-2 sections through the consecutive alignments
/// (`alignments[i]` pairs report `i` with report `i + 1`, as the diffs did).
pub(crate) fn section_tracks(kept: &[Kept], alignments: &[Vec<Pair>], years: &[Option<i32>]) -> Vec<SectionTrack> {
    // track id of (report, unit)
    let mut track_of: Vec<HashMap<usize, usize>> = vec![HashMap::new(); kept.len()];
    let mut tracks: Vec<SectionTrack> = Vec::new();
    for (r, k) in kept.iter().enumerate() {
        let from_prev: HashMap<usize, usize> = if r == 0 {
            HashMap::new()
        } else {
            alignments[r - 1].iter().map(|p| (p.new, p.old)).collect()
        };
        for &(u, level, ref heading) in &k.outline {
            let existing = from_prev.get(&u).and_then(|o| track_of[r - 1].get(o)).copied();
            let id = match existing {
                Some(id) if tracks[id].level == level => id,
                _ => {
                    tracks.push(SectionTrack {
                        level,
                        headings: Vec::new(),
                        first_year: years[r],
                        last_year: years[r],
                    });
                    tracks.len() - 1
                }
            };
            tracks[id].headings.push((years[r], heading.clone()));
            tracks[id].last_year = years[r];
            track_of[r].insert(u, id);
        }
    }
    tracks
}
