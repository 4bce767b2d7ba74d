//! Deadline-looking phrases that no rule reads (issue: nothing lost
//! silently). A deadline word ("trước", "chậm nhất", "hoàn thành", "xong",
//! "thời hạn", "hạn chót"), at most two joining words ("trong", "vào",
//! "là", "hết", "dịp"), then a time word ("ngày", "tháng", "quý", "năm",
//! "tuần", or "Tết": the lunar new year, whose date no rule reads):
//! when neither the period after the time word nor the whole phrase reads
//! as a deadline ("trước ngày 15", "chậm nhất trong tháng tới", "hoàn
//! thành trong quý này"), the phrase is given back to be said at its line.
//! A period that reads but is a wrong date is left to `datecheck`, which
//! says it already.

use crate::date::period_at;

/// Words that set a deadline, lower case and canonical tone.
const CUES: &[&str] = &[
    "chậm nhất",
    "trước",
    "hạn chót",
    "thời hạn",
    "hoàn thành",
    "xong",
];

/// Words that may stand between a cue and its time word.
const JOINING: &[&str] = &["trong", "vào", "là", "hết", "trước", "từ", "đến", "dịp"];

/// Words a period starts with; "tết" starts one no rule reads (its day
/// follows the lunar calendar).
const TIME_WORDS: &[&str] = &["ngày", "tháng", "quý", "năm", "tuần", "tết"];

/// The words of `lower` from byte `at`: (start, word), letters and digits.
fn words_from(lower: &str, at: usize) -> impl Iterator<Item = (usize, &str)> {
    let rest = &lower[at..];
    rest.split(|c: char| !crate::text::is_alnum(c))
        .scan(0usize, move |pos, w| {
            let start = *pos;
            *pos += w.len()
                + rest[*pos + w.len()..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
            Some((at + start, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// Byte spans `(start, end)` in `s` of the deadline-looking phrases that no
/// rule reads. `d0` is the document's date (a phrase read with it counts as
/// read).
pub fn phrases(s: &str, d0: Option<crate::date::Date>) -> Vec<(usize, usize)> {
    let lower = crate::text::canon_tone(&crate::text::lower(s));
    // Offsets of `lower` are those of `s` only when lowering and tone
    // placement kept lengths (they do for Vietnamese letters).
    if lower.len() != s.len() {
        return Vec::new();
    }
    let mut cues: Vec<(usize, &str)> = CUES
        .iter()
        .flat_map(|cue| lower.match_indices(cue))
        .collect();
    cues.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (p, cue) in cues {
        let word_start = lower[..p]
            .chars()
            .next_back()
            .is_none_or(|c| !crate::text::is_alnum(c));
        let end = p + cue.len();
        let word_end = lower[end..]
            .chars()
            .next()
            .is_none_or(|c| !crate::text::is_alnum(c));
        if !word_start || !word_end || out.iter().any(|&(a, b)| a <= p && p < b) {
            continue;
        }
        // The cue's next words: joining words, then a time word.
        let mut time = None;
        for (k, (at, w)) in words_from(&lower, end).enumerate() {
            if k > 2 {
                break;
            }
            if TIME_WORDS.contains(&w) {
                time = Some(at);
                break;
            }
            if !JOINING.contains(&w) {
                break;
            }
        }
        let Some(t) = time else { continue };
        if period_at(&s[t..]).is_some() {
            continue;
        }
        // The phrase runs to the end of its clause, at most eight words.
        let clause_end = s[t..]
            .find([',', ';', '.', '(', ')', ':'])
            .map_or(s.len(), |q| t + q);
        let b = words_from(&lower, t)
            .take(8)
            .take_while(|&(at, _)| at < clause_end)
            .last()
            .map_or(clause_end, |(at, w)| at + w.len());
        if crate::deadline::parse(&s[p..b], d0).is_some()
            || !crate::datecheck::problems(&s[t..b]).is_empty()
        {
            continue;
        }
        out.push((p, b));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str, expected: &[&str]) {
        let got: Vec<&str> = phrases(s, crate::date::Date::new(2026, 11, 2))
            .into_iter()
            .map(|(a, b)| &s[a..b])
            .collect();
        assert_eq!(got, expected, "{s}");
    }

    #[test]
    fn unreadable_deadlines_are_given_back() {
        check(
            "Ban Tuyên giáo chủ trì, hoàn thành trước ngày 15.",
            &["hoàn thành trước ngày 15"],
        );
        check(
            "Văn phòng báo cáo chậm nhất trong tháng tới.",
            &["chậm nhất trong tháng tới"],
        );
        check(
            "Các chi bộ hoàn thành trong quý này; báo cáo kết quả.",
            &["hoàn thành trong quý này"],
        );
        check("Xong trước tuần sau", &["Xong trước tuần sau"]);
        // A deadline set by the lunar new year.
        check(
            "Các xã hoàn thành trước Tết Nguyên đán Bính Ngọ; báo cáo kết quả.",
            &["hoàn thành trước Tết Nguyên đán Bính Ngọ"],
        );
        check("Chi trả xong trước dịp Tết.", &["xong trước dịp Tết"]);
    }

    #[test]
    fn what_the_rules_read_is_not_given_back() {
        for s in [
            "Hoàn thành trước ngày 15/3/2027.",
            "Chậm nhất trong tháng 12/2026, báo cáo kết quả.",
            "hoàn thành trong quý I/2027",
            "Thời hạn: năm 2027.",
            "Trước năm 2030, hoàn thành.",
            // No time word after the cue.
            "Hoàn thành nhiệm vụ được giao; trước mắt tập trung tuyên truyền.",
            "Trước Đại hội Đảng bộ các cấp",
            // The festival as a time, not a deadline.
            "Bảo đảm an ninh trật tự trước, trong và sau Tết Nguyên đán.",
            "Tổ chức thăm, tặng quà các gia đình chính sách trong dịp Tết.",
            // The cue inside another word, or the time word far from it.
            "Hoàn thành tốt nhiệm vụ năm 2026.",
            "",
        ] {
            check(s, &[]);
        }
    }

    #[test]
    fn wrong_dates_are_left_to_datecheck() {
        check("Hoàn thành trước ngày 31/02/2027.", &[]);
    }
}
