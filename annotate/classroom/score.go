package classroom

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/sayso/sayso/annotate"
)

// tally counts found, missed and extra spans per kind.
type tally map[string]*Score

func newTally() tally {
	t := tally{}
	for _, k := range annotate.EvalKinds {
		t[k] = &Score{}
	}
	return t
}

func (t tally) addItems(items []Item) {
	for _, it := range items {
		s := t[it.Kind]
		switch it.Status {
		case Found:
			s.Found++
		case Missed:
			s.Missed++
		case Extra:
			s.Extra++
		}
	}
}

// kinds returns the scores in annotate.EvalKinds order.
func (t tally) kinds() []KindScore {
	out := make([]KindScore, 0, len(annotate.EvalKinds))
	for _, k := range annotate.EvalKinds {
		out = append(out, KindScore{Kind: k, Score: scored(*t[k])})
	}
	return out
}

// overall pools all kinds.
func (t tally) overall() Score {
	var s Score
	for _, k := range annotate.EvalKinds {
		s.Found += t[k].Found
		s.Missed += t[k].Missed
		s.Extra += t[k].Extra
	}
	return scored(s)
}

// scored fills precision, recall and F1 as the project's scorer does:
// precision is 1 when nothing was labelled and nothing was to be found,
// recall is 1 when nothing was to be found.
func scored(s Score) Score {
	pred, gold := s.Found+s.Extra, s.Found+s.Missed
	s.Precision, s.Recall, s.F1 = 0, 1, 0
	switch {
	case pred != 0:
		s.Precision = float64(s.Found) / float64(pred)
	case gold == 0:
		s.Precision = 1
	}
	if gold != 0 {
		s.Recall = float64(s.Found) / float64(gold)
	}
	if s.Precision+s.Recall != 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// markOf is 100 × the pooled F1, rounded.
func markOf(s Score) int {
	return int(math.Round(100 * s.F1))
}

// summarize sums the class's results.
func summarize(r *Report, keys []*keyDoc) ClassSummary {
	c := ClassSummary{Students: len(r.Students)}
	inKey := map[string]int{}
	for _, k := range keys {
		for _, s := range k.spans {
			inKey[annotate.EvalKind(s)]++
		}
	}
	for i, kind := range annotate.EvalKinds {
		ks := KindSummary{Kind: kind, InKey: inKey[kind]}
		var sum float64
		for _, st := range r.Students {
			s := st.Kinds[i]
			ks.Found += s.Found
			ks.Missed += s.Missed
			ks.Extra += s.Extra
			if s.Applies() {
				ks.Applies++
				sum += s.F1
			}
		}
		if ks.Applies > 0 {
			ks.MeanF1 = sum / float64(ks.Applies)
		}
		c.Kinds = append(c.Kinds, ks)
	}
	marks := make([]int, 0, len(r.Students))
	for _, st := range r.Students {
		marks = append(marks, st.Mark)
		c.Labels += st.Labels
		c.FromSuggestions += st.FromSuggestions
	}
	c.MeanMark, c.MedianMark, c.MinMark, c.MaxMark = markStats(marks)
	return c
}

// markStats returns mean, median, minimum and maximum (all 0 for no mark).
func markStats(marks []int) (mean, median float64, lo, hi int) {
	if len(marks) == 0 {
		return 0, 0, 0, 0
	}
	m := slices.Clone(marks)
	slices.Sort(m)
	sum := 0
	for _, x := range m {
		sum += x
	}
	n := len(m)
	median = float64(m[n/2])
	if n%2 == 0 {
		median = float64(m[n/2-1]+m[n/2]) / 2
	}
	return float64(sum) / float64(n), median, m[0], m[n-1]
}

// viewer makes SpanViews over one document's text.
type viewer struct {
	text []rune
	ctx  int
}

func (v viewer) view(s annotate.Span, student bool) *SpanView {
	sv := &SpanView{ID: s.ID, Start: s.Start, End: s.End, Kind: annotate.EvalKind(s), Source: s.Source,
		Context: spanContext(v.text, s.Start, s.End, v.ctx)}
	if student {
		sv.FromSuggestion = isFromSuggestion(s)
	}
	return sv
}

// spanContext returns the span with up to n characters either side,
// stopping at a paragraph break and not cutting a word in two.
func spanContext(text []rune, start, end, n int) Context {
	a := max(0, start-n)
	if i := slices.Index(reversed(text[a:start]), '\n'); i >= 0 {
		a = start - i
	}
	for a > 0 && a < start && !unicode.IsSpace(text[a-1]) {
		a++
	}
	b := min(len(text), end+n)
	if i := slices.Index(text[end:b], '\n'); i >= 0 {
		b = end + i
	}
	for b < len(text) && b > end && !unicode.IsSpace(text[b]) {
		b--
	}
	return Context{
		Before:    strings.TrimLeftFunc(string(text[a:start]), unicode.IsSpace),
		Span:      string(text[start:end]),
		After:     strings.TrimRightFunc(string(text[end:b]), unicode.IsSpace),
		CutBefore: a > 0 && text[a-1] != '\n',
		CutAfter:  b < len(text) && text[b] != '\n',
	}
}

func reversed(r []rune) []rune {
	out := slices.Clone(r)
	slices.Reverse(out)
	return out
}

// addHints explains missed and extra spans that overlap one on the other
// side: the same stretch marked as another kind, or bounds too far apart
// for the overlap rule.
func addHints(items []Item, text []rune) {
	for i := range items {
		it := &items[i]
		if it.Status == Found {
			continue
		}
		best, bj := -1, 0.0
		for j := range items {
			o := &items[j]
			if o.Status == Found || o.Status == it.Status || labelOf(o.Kind) != labelOf(it.Kind) {
				continue
			}
			if jac := overlap(text, side(it), side(o)); jac > bj {
				best, bj = j, jac
			}
		}
		if best >= 0 {
			it.Hint = hintText(it, &items[best], bj)
		}
	}
}

// side returns the span view an unmatched item has.
func side(it *Item) *SpanView {
	if it.Key != nil {
		return it.Key
	}
	return it.Student
}

func labelOf(kind string) string {
	l, _, _ := strings.Cut(kind, "-")
	return l
}

// overlap is the Jaccard overlap of two spans after annotate.TrimBounds.
func overlap(text []rune, a, b *SpanView) float64 {
	a0, a1 := annotate.TrimBounds(text, a.Start, a.End)
	b0, b1 := annotate.TrimBounds(text, b.Start, b.End)
	in := min(a1, b1) - max(a0, b0)
	un := max(a1, b1) - min(a0, b0)
	if in <= 0 || un <= 0 {
		return 0
	}
	return float64(in) / float64(un)
}

func hintText(it, other *Item, jac float64) string {
	who := "the student marked"
	if it.Status == Extra {
		who = "the key has"
	}
	if other.Kind != it.Kind && jac >= 0.5 {
		return fmt.Sprintf("%s this as %s", who, other.Kind)
	}
	if other.Kind != it.Kind {
		return fmt.Sprintf("%s an overlapping span as %s", who, other.Kind)
	}
	return fmt.Sprintf("%s an overlapping span, but the bounds differ too much (%d%% overlap, 50%% needed)", who, int(math.Floor(jac*100)))
}
