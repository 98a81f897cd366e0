package agree

import (
	"reflect"
	"testing"

	"github.com/sayso/sayso/annotate"
)

const adjText = "Kim said the talks were over. Moon warned of sanctions."

func adjSpan(id string, l annotate.Label, start, end int, kind string) annotate.Span {
	s := annotate.Span{ID: id, Label: l, Start: start, End: end}
	s.Text, _ = annotate.SliceCP(adjText, start, end)
	if kind != "" {
		s.Attrs = map[string]any{annotate.AttrKind: kind}
	}
	return s
}

// Two annotators: both have Kim and her quote alike; A has Moon's quote
// with its speaker, B has the same quote as direct and no speaker.
func adjDoc() (*Doc, *annotate.Document, *annotate.Document) {
	a := &annotate.Document{ID: "d", Text: adjText, Spans: []annotate.Span{
		adjSpan("s1", annotate.Speaker, 0, 3, ""), adjSpan("q1", annotate.Quote, 9, 28, "indirect"),
		adjSpan("s2", annotate.Speaker, 30, 34, ""), adjSpan("q2", annotate.Quote, 35, 54, "indirect"),
	}, Relations: []annotate.Relation{{Label: annotate.AttributedTo, From: "q1", To: "s1"}, {Label: annotate.AttributedTo, From: "q2", To: "s2"}}}
	b := &annotate.Document{ID: "d", Text: adjText, Spans: []annotate.Span{
		adjSpan("x1", annotate.Speaker, 0, 3, ""), adjSpan("x2", annotate.Quote, 9, 28, "indirect"),
		adjSpan("x3", annotate.Quote, 35, 54, "direct"),
	}, Relations: []annotate.Relation{{Label: annotate.AttributedTo, From: "x2", To: "x1"}}}
	return &Doc{ID: "d", Text: adjText, Layers: map[string]*annotate.Document{"A": a, "B": b}}, a, b
}

func texts(d *annotate.Document) []string {
	var out []string
	for _, s := range d.Spans {
		out = append(out, string(s.Label)+":"+s.Text+":"+s.AttrString(annotate.AttrKind))
	}
	return out
}

func apply(t *testing.T, d *annotate.Document, e annotate.Edit) {
	t.Helper()
	if err := e.Apply(d); err != nil {
		t.Fatal(err)
	}
	d.SortSpans()
}

func TestAdjudicate(t *testing.T) {
	doc, a, b := adjDoc()
	diffs, err := Differences(doc, "A", "B")
	if err != nil {
		t.Fatal(err)
	}
	if len(diffs) != 2 {
		t.Fatalf("differences = %+v", diffs)
	}
	cur := &annotate.Document{ID: "d", Text: adjText}
	seed, err := Seed(cur, a, diffs, "judge")
	if err != nil {
		t.Fatal(err)
	}
	apply(t, cur, seed)
	if got := texts(cur); !reflect.DeepEqual(got, []string{"SPEAKER:Kim:", "QUOTE:the talks were over:indirect"}) || len(cur.Relations) != 1 {
		t.Fatalf("seed: %v %+v", got, cur.Relations)
	}
	if cur.Spans[0].Annotator != "judge" {
		t.Errorf("curated span annotator = %q", cur.Spans[0].Annotator)
	}
	var quote Difference
	for _, d := range diffs {
		if d.Change == Changed {
			quote = d
		}
	}
	if _, ok := Decided(cur, quote); ok {
		t.Error("undecided difference reported decided")
	}
	// Take A's quote: it comes with A's speaker and the link.
	e, err := Decide(cur, quote, TakeA, a, b, "judge")
	if err != nil {
		t.Fatal(err)
	}
	before := cur.Clone()
	apply(t, cur, e)
	if c, ok := Decided(cur, quote); !ok || c != TakeA || len(cur.Spans) != 4 || len(cur.Relations) != 2 {
		t.Fatalf("take A: %v %v %v %+v", c, ok, texts(cur), cur.Relations)
	}
	// Change the mind: B's version replaces A's (A's speaker stays).
	e, _ = Decide(cur, quote, TakeB, a, b, "judge")
	apply(t, cur, e)
	if c, _ := Decided(cur, quote); c != TakeB || len(cur.Spans) != 4 {
		t.Fatalf("take B: %v %v", c, texts(cur))
	}
	e, _ = Decide(cur, quote, TakeBoth, a, b, "judge")
	apply(t, cur, e)
	if c, _ := Decided(cur, quote); c != TakeBoth {
		t.Fatalf("take both: %v %v", c, texts(cur))
	}
	e, _ = Decide(cur, quote, TakeNone, a, b, "judge")
	apply(t, cur, e)
	if _, ok := Decided(cur, quote); ok {
		t.Fatalf("take none: %v", texts(cur))
	}
	// Deciding again what is already so is an empty edit; every edit is
	// undone by its inverse.
	if e, _ := Decide(cur, quote, TakeNone, a, b, "judge"); len(e.Steps) != 0 {
		t.Errorf("repeated decision = %+v", e.Steps)
	}
	redo, _ := Decide(before, quote, TakeA, a, b, "judge")
	x := before.Clone()
	apply(t, x, redo)
	apply(t, x, redo.Inverse())
	if !reflect.DeepEqual(texts(x), texts(before)) || len(x.Relations) != len(before.Relations) {
		t.Errorf("inverse: %v, want %v", texts(x), texts(before))
	}
}

// An agreed quote whose speaker only one annotator marked comes in
// without that speaker: the speaker stays a difference to decide.
func TestSeedLeavesDifferingSpeakers(t *testing.T) {
	a := &annotate.Document{ID: "d", Text: adjText, Spans: []annotate.Span{
		adjSpan("s1", annotate.Speaker, 0, 3, ""), adjSpan("q1", annotate.Quote, 9, 28, "indirect"),
	}, Relations: []annotate.Relation{{Label: annotate.AttributedTo, From: "q1", To: "s1"}}}
	b := &annotate.Document{ID: "d", Text: adjText, Spans: []annotate.Span{adjSpan("x2", annotate.Quote, 9, 28, "indirect")}}
	doc := &Doc{ID: "d", Text: adjText, Layers: map[string]*annotate.Document{"A": a, "B": b}}
	diffs, err := Differences(doc, "A", "B")
	if err != nil || len(diffs) != 1 {
		t.Fatalf("differences %+v, %v", diffs, err)
	}
	cur := &annotate.Document{ID: "d", Text: adjText}
	e, err := Seed(cur, a, diffs, "judge")
	if err != nil {
		t.Fatal(err)
	}
	apply(t, cur, e)
	if len(cur.Spans) != 1 || len(cur.Relations) != 0 {
		t.Fatalf("seed = %v %+v", texts(cur), cur.Relations)
	}
	if _, ok := Decided(cur, diffs[0]); ok {
		t.Error("the speaker only A marked was decided by the seed")
	}
	e, _ = Decide(cur, diffs[0], TakeA, a, b, "judge")
	apply(t, cur, e)
	if len(cur.Spans) != 2 {
		t.Errorf("after taking the speaker: %v", texts(cur))
	}
}
