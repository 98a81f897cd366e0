package agree

import (
	"sort"
	"unicode"

	"github.com/sayso/sayso/annotate"
)

// All names the layer and the span figures over every kind together.
const All = "ALL"

// categories of the multi-category token layer: O (outside every span),
// then the kinds of annotate.EvalKinds (Report.Categories).
var categories = append([]string{"O"}, annotate.EvalKinds...)

// precedence orders the kinds for a token inside spans of several kinds
// in the multi-category layer: the narrower span that nests inside a wider
// one wins (a THREAT or SPEAKER inside a quote, a direct fragment inside
// an indirect quote).
var precedence = []string{"THREAT", "SPEAKER", "QUOTE-direct", "QUOTE-indirect"}

// kindIndex maps a kind to its index in annotate.EvalKinds.
func kindIndex(kind string) int {
	for i, k := range annotate.EvalKinds {
		if k == kind {
			return i
		}
	}
	return -1
}

// tokenize splits text into the selection words of annotate.WordAt:
// words and single symbols, white space dropped.
func tokenize(t []rune) [][2]int {
	var toks [][2]int
	for i := 0; i < len(t); {
		if unicode.IsSpace(t[i]) {
			i++
			continue
		}
		s, e := annotate.WordAt(t, i)
		s, e = max(s, i), max(e, i+1)
		toks = append(toks, [2]int{s, e})
		i = e
	}
	return toks
}

// tokenKinds returns, for each token, a bit set of the kinds
// (annotate.EvalKinds indices) whose spans (split by byKind) cover it.
// Span bounds are trimmed as the scorer trims them, so quote marks and
// edge punctuation never count.
func tokenKinds(text []rune, toks [][2]int, kinds [][][2]int) []uint8 {
	bits := make([]uint8, len(toks))
	for k, spans := range kinds {
		for _, sp := range spans {
			s, e := annotate.TrimBounds(text, sp[0], sp[1])
			i := sort.Search(len(toks), func(i int) bool { return toks[i][1] > s })
			for ; i < len(toks) && toks[i][0] < e; i++ {
				bits[i] |= 1 << k
			}
		}
	}
	return bits
}

// multiCategory is the category of a token in the multi-category layer:
// 0 for O, else 1 + the EvalKinds index of the kind that takes precedence.
func multiCategory(bits uint8) int {
	for _, k := range precedence {
		if i := kindIndex(k); bits&(1<<i) != 0 {
			return i + 1
		}
	}
	return 0
}
