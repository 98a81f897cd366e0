// Package agree measures inter-annotator agreement on sayso annotations,
// for researchers with several annotators and for a teacher comparing
// students with an answer key. It imports neither Fyne nor database/sql.
//
// Input: Doc, one text with each annotator's document (Layers). Build it
// with FromDocuments (a flat list whose spans carry their Annotator,
// grouped by text) or FromExports (one export per annotator name).
//
// Compute gives a Report for two annotators or more:
//
//   - Span agreement per pair of annotators and kind (annotate.EvalKinds:
//     QUOTE-direct, QUOTE-indirect, THREAT, SPEAKER) and over all kinds:
//     precision, recall and F1 with the first annotator as reference,
//     under two rules: exact (identical bounds after annotate.TrimBounds)
//     and overlap (annotate.MatchSpans, the reference scorer's rule:
//     Jaccard ≥ 0.5 after trimming, greedy best first). Report.Labels
//     averages them over pairs.
//   - Token agreement: each text is split into the words and symbols of
//     annotate.WordAt; each annotator gives each token a category per
//     layer. Per kind, a binary layer: inside a span of that kind
//     (trimmed bounds, any overlap) or not. Layer All has the categories
//     O, QUOTE-direct, QUOTE-indirect, THREAT, SPEAKER; a token inside
//     spans of several kinds takes THREAT, then SPEAKER, then
//     QUOTE-direct, then QUOTE-indirect (the nested span wins). An
//     annotator who did not annotate a text is Missing on its tokens, not
//     O. On these: Cohen's kappa per pair (the mean over pairs in the
//     label table), Fleiss' kappa, Krippendorff's nominal alpha and Gwet's
//     AC1 (q = the layer's categories, 2 or 5).
//   - The same table per document, documents ranked by alpha on layer
//     All, lowest first.
//
// Differences lists, for one document and two annotators, the spans only
// one has and the paired spans whose bounds or attributes differ, for
// adjudication.
//
// The statistics are small functions over reliability data (Matrix:
// units × coders → category or Missing), tested on their own against
// published worked examples. A coefficient is undefined (Coef.Defined
// false, JSON null, "–" in text) when chance agreement is 1, as when
// every value is one category; AC1 stays defined there.
package agree
