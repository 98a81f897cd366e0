// Package agree measures inter-annotator agreement on sayso annotations:
// span precision, recall and F1 between pairs of annotators (exact bounds
// and the reference scorer's overlap rule), and token-level
// chance-corrected agreement (Cohen's and Fleiss' kappa, Krippendorff's
// alpha, Gwet's AC1), per label kind, per document and overall. It also
// lists, for one document and two annotators, the spans on which they
// differ, for adjudication. It imports neither Fyne nor database/sql.
//
// The statistics are small functions over reliability data (Matrix:
// units × coders → category or Missing) and are tested on their own
// against published worked examples.
package agree
