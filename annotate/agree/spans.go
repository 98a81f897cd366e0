package agree

import "github.com/sayso/sayso/annotate"

// Value is a figure that may be undefined (a ratio over nothing); it is
// null in JSON and "–" in text.
type Value struct {
	V  float64
	OK bool
}

func ratio(num, den int) Value {
	if den == 0 {
		return Value{}
	}
	return Value{float64(num) / float64(den), true}
}

// PRF compares one annotator's spans (the reference) with another's.
type PRF struct {
	Ref     int   `json:"ref"`     // reference spans
	Other   int   `json:"other"`   // the other annotator's spans
	Matched int   `json:"matched"` // matched pairs
	P       Value `json:"p"`       // Matched / Other
	R       Value `json:"r"`       // Matched / Ref
	F1      Value `json:"f1"`      // 2 Matched / (Ref + Other), the same either way round
}

// tally counts spans of one kind between a reference and another
// annotator: exact matches (identical trimmed bounds) and overlap matches
// (annotate.MatchSpans).
type tally struct{ ref, other, exact, overlap int }

func (t *tally) add(o tally) {
	t.ref += o.ref
	t.other += o.other
	t.exact += o.exact
	t.overlap += o.overlap
}

func prf(ref, other, matched int) PRF {
	return PRF{Ref: ref, Other: other, Matched: matched,
		P: ratio(matched, other), R: ratio(matched, ref), F1: ratio(2*matched, ref+other)}
}

func (t tally) exactPRF() PRF   { return prf(t.ref, t.other, t.exact) }
func (t tally) overlapPRF() PRF { return prf(t.ref, t.other, t.overlap) }

// byKind splits span bounds by scored kind (annotate.EvalKinds order);
// spans of other kinds are left out.
func byKind(spans []annotate.Span) [][][2]int {
	out := make([][][2]int, len(annotate.EvalKinds))
	for _, s := range spans {
		if k := kindIndex(annotate.EvalKind(s)); k >= 0 {
			out[k] = append(out[k], [2]int{s.Start, s.End})
		}
	}
	return out
}

// exactMatches counts pairs with identical trimmed bounds, each span used
// once (a multiset intersection).
func exactMatches(text []rune, ref, other [][2]int) int {
	left := map[[2]int]int{}
	for _, b := range ref {
		s, e := annotate.TrimBounds(text, b[0], b[1])
		left[[2]int{s, e}]++
	}
	n := 0
	for _, b := range other {
		s, e := annotate.TrimBounds(text, b[0], b[1])
		if k := [2]int{s, e}; left[k] > 0 {
			left[k]--
			n++
		}
	}
	return n
}

// spanTallies compares two annotators' spans (split by byKind) on one
// text, per kind of annotate.EvalKinds and over all kinds (last).
func spanTallies(text []rune, ref, other [][][2]int) []tally {
	out := make([]tally, len(layers))
	for k := range annotate.EvalKinds {
		a, b := ref[k], other[k]
		t := tally{ref: len(a), other: len(b), exact: exactMatches(text, a, b), overlap: len(annotate.MatchSpans(a, b, text))}
		out[k] = t
		out[len(out)-1].add(t)
	}
	return out
}
