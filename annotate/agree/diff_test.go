package agree

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

func describe(ds []Difference) string {
	var parts []string
	for _, d := range ds {
		id := func(s *annotate.Span) string {
			if s == nil {
				return "-"
			}
			return s.ID
		}
		parts = append(parts, fmt.Sprintf("%s %s/%s bounds=%v attrs=%v", d.Change, id(d.A), id(d.B), d.Bounds, d.Attrs))
	}
	return strings.Join(parts, "; ")
}

func TestDifferencesHand(t *testing.T) {
	h := handDoc(t)
	c := h.Layers["A"].Clone()
	c.Spans[0].Attrs = map[string]any{annotate.AttrKind: annotate.KindIndirect}
	c.Spans[1].Attrs = map[string]any{annotate.AttrEntity: "Someone"}
	h.Layers["C"] = c
	tests := []struct {
		a, b string
		want string
	}{
		// The quotes are equal once trimmed; A's speaker is missing in B;
		// the threats overlap with other bounds.
		{"A", "B", "only-a s1/- bounds=false attrs=[]; changed t1/t1 bounds=true attrs=[]"},
		{"B", "A", "only-b -/s1 bounds=false attrs=[]; changed t1/t1 bounds=true attrs=[]"},
		// C's quote is indirect: paired across kinds, one change of kind;
		// C's speaker names another entity.
		{"A", "C", "changed s1/s1 bounds=false attrs=[entity]; changed q1/q1 bounds=false attrs=[kind]"},
		{"A", "A", ""},
	}
	for _, tc := range tests {
		t.Run(tc.a+tc.b, func(t *testing.T) {
			ds, err := Differences(h, tc.a, tc.b)
			if err != nil {
				t.Fatal(err)
			}
			if got := describe(ds); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
	if _, err := Differences(h, "A", "Z"); err == nil || !strings.Contains(err.Error(), `"Z"`) {
		t.Errorf("unknown annotator: %v", err)
	}
}

// On the gold-built annotators, A against C has one change per
// truncated span (bounds) and per flipped quote (kind), and a span on
// each side per span cut short; A against B one only-a per dropped span.
func TestDifferencesGold(t *testing.T) {
	gc := buildGold(t, len(goldDocs(t)))
	for d, doc := range gc.docs {
		want := wantDiffs(gc, d)
		got := gotDiffs(t, doc)
		for k := range want {
			if got[k] != want[k] {
				t.Errorf("%s: %s %d, want %d", doc.ID, k, got[k], want[k])
			}
		}
	}
}

// wantDiffs counts the differences the changes of document d make.
func wantDiffs(gc goldCase, d int) map[string]int {
	want := map[string]int{}
	for i, m := range gc.mods[d] {
		switch m {
		case truncate:
			want["bounds"]++
		case flip:
			want["kind"]++
		case short:
			want["only-a"]++
			want["only-b"]++
		}
		if dropInB(i) {
			want["dropped"]++
		}
	}
	return want
}

// gotDiffs classifies Differences of A/C and A/B on doc.
func gotDiffs(t *testing.T, doc *Doc) map[string]int {
	t.Helper()
	got := map[string]int{}
	ds, err := Differences(doc, "A", "C")
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ds {
		got[classify(x)]++
	}
	if got["?"] > 0 {
		t.Errorf("%s: unexpected differences: %s", doc.ID, describe(ds))
	}
	if !slices.IsSortedFunc(ds, func(x, y Difference) int { return x.Start() - y.Start() }) {
		t.Errorf("%s: differences not in text order", doc.ID)
	}
	ds, err = Differences(doc, "A", "B")
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range ds {
		if x.Change != OnlyA {
			t.Errorf("%s A/B: unexpected %s", doc.ID, describe([]Difference{x}))
		}
		got["dropped"]++
	}
	return got
}

func classify(x Difference) string {
	switch {
	case x.Change == Changed && x.Bounds && len(x.Attrs) == 0:
		return "bounds"
	case x.Change == Changed && !x.Bounds && slices.Equal(x.Attrs, []string{"kind"}):
		return "kind"
	case x.Change == OnlyA || x.Change == OnlyB:
		return string(x.Change)
	}
	return "?"
}
