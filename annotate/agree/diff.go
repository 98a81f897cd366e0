package agree

import (
	"fmt"
	"reflect"
	"slices"

	"github.com/sayso/sayso/annotate"
)

// Change says how two annotators differ on a span.
type Change string

// The changes Differences reports.
const (
	OnlyA   Change = "only-a"  // a span only the first annotator has
	OnlyB   Change = "only-b"  // a span only the second annotator has
	Changed Change = "changed" // both have it, with other bounds or attributes
)

// Difference is one place where two annotators differ. A and B are the
// two annotators' spans (nil for the one who lacks it). For Changed,
// Bounds reports different trimmed bounds and Attrs the attribute keys
// whose values differ (a QUOTE whose kind differs is Changed with Attrs
// ["kind"]).
type Difference struct {
	Change Change         `json:"change"`
	A      *annotate.Span `json:"a"`
	B      *annotate.Span `json:"b"`
	Bounds bool           `json:"bounds"`
	Attrs  []string       `json:"attrs"`
}

// Start is where the difference begins in the text (the earlier span).
func (d Difference) Start() int {
	switch {
	case d.A == nil:
		return d.B.Start
	case d.B == nil:
		return d.A.Start
	}
	return min(d.A.Start, d.B.Start)
}

// Differences lists, in text order, where annotators a and b differ on
// document d. Spans are paired as the overlap rule pairs them
// (annotate.MatchSpans, per kind), then the spans left over are paired
// again across the kinds of one label, so a quote marked direct by one
// and indirect by the other is one Changed difference. Pairs with the
// same trimmed bounds and attributes are not listed.
func Differences(d *Doc, a, b string) ([]Difference, error) {
	la, lb := d.Layers[a], d.Layers[b]
	if la == nil || lb == nil {
		return nil, fmt.Errorf("document %q: annotators %q and %q have not both annotated it", d.ID, a, b)
	}
	text := []rune(d.Text)
	for _, c := range []struct {
		name string
		l    *annotate.Document
	}{{a, la}, {b, lb}} {
		if err := checkBounds(d, c.name, c.l, len(text)); err != nil {
			return nil, err
		}
	}
	usedA := make([]bool, len(la.Spans))
	usedB := make([]bool, len(lb.Spans))
	var out []Difference
	for _, kind := range annotate.EvalKinds {
		out = pairUp(out, text, la.Spans, lb.Spans, usedA, usedB, func(s annotate.Span) string { return annotate.EvalKind(s) }, kind)
	}
	for _, l := range annotate.Labels {
		out = pairUp(out, text, la.Spans, lb.Spans, usedA, usedB, func(s annotate.Span) string { return string(s.Label) }, string(l))
	}
	for i := range la.Spans {
		if !usedA[i] {
			out = append(out, Difference{Change: OnlyA, A: &la.Spans[i]})
		}
	}
	for i := range lb.Spans {
		if !usedB[i] {
			out = append(out, Difference{Change: OnlyB, B: &lb.Spans[i]})
		}
	}
	slices.SortStableFunc(out, func(x, y Difference) int { return x.Start() - y.Start() })
	return out, nil
}

// pairUp matches the unused spans whose group is g and records the
// matched pairs that differ.
func pairUp(out []Difference, text []rune, as, bs []annotate.Span, usedA, usedB []bool, group func(annotate.Span) string, g string) []Difference {
	var ia, ib []int
	var ba, bb [][2]int
	for i, s := range as {
		if !usedA[i] && group(s) == g {
			ia, ba = append(ia, i), append(ba, [2]int{s.Start, s.End})
		}
	}
	for i, s := range bs {
		if !usedB[i] && group(s) == g {
			ib, bb = append(ib, i), append(bb, [2]int{s.Start, s.End})
		}
	}
	for x, y := range annotate.MatchSpans(ba, bb, text) {
		sa, sb := &as[ia[x]], &bs[ib[y]]
		usedA[ia[x]], usedB[ib[y]] = true, true
		if d, ok := compare(text, sa, sb); ok {
			out = append(out, d)
		}
	}
	return out
}

// compare returns the Changed difference of two matched spans, if any.
func compare(text []rune, a, b *annotate.Span) (Difference, bool) {
	s1, e1 := annotate.TrimBounds(text, a.Start, a.End)
	s2, e2 := annotate.TrimBounds(text, b.Start, b.End)
	d := Difference{Change: Changed, A: a, B: b, Bounds: s1 != s2 || e1 != e2, Attrs: attrDiff(a, b)}
	return d, d.Bounds || len(d.Attrs) > 0
}

// attrDiff lists the attribute keys whose values differ; a QUOTE's
// missing kind counts as direct.
func attrDiff(a, b *annotate.Span) []string {
	keys := map[string]bool{}
	for k := range a.Attrs {
		keys[k] = true
	}
	for k := range b.Attrs {
		keys[k] = true
	}
	out := []string{}
	for k := range keys {
		x, y := a.Attrs[k], b.Attrs[k]
		if k == annotate.AttrKind && a.Label == annotate.Quote {
			x, y = a.QuoteKind(), b.QuoteKind()
		}
		if !reflect.DeepEqual(x, y) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
