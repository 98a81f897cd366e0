// Package classroom compares a class's labelled articles with the
// teacher's answer key: per student, per document and per span kind, what
// the student found, missed and added, with each span shown in context;
// then a gradebook CSV, a self-contained HTML report with charts, and a
// short text summary. It is pure Go (no Fyne, no SQL) and works offline.
//
// Documents are paired with the key by their text (annotate.ContentHash),
// never by id, so students may rename or re-import articles. Spans are
// matched by the project scorer's rule (annotate.MatchSpans: Jaccard
// overlap of at least 0.5 after trimming, same kind, greedy best first),
// so a mark here agrees with `sayso eval`.
//
// Spans whose source is "suggested" (a suggestion nobody accepted) are
// not anyone's answer: they are left out on both sides. A student's span
// with source "accepted" or "edited" was taken from a suggestion; the
// report counts those.
//
// The mark is 100 × the overall F1, rounded to the nearest whole number,
// where the overall F1 pools all kinds: 2·found / (2·found + missed +
// extra). A student whose key and work are both empty gets 100.
package classroom
