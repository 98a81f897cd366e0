package classroom

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// Invented articles: two short texts the tests label by substring.
const (
	textA = "The mayor spoke on Monday. “We will close the bridge,” the mayor said. She added that repairs would take a year.\n\nCritics said the plan was rushed."
	textB = "A union leader warned that workers would strike if wages were cut. “We are ready,” said Ana Ruiz."
)

// sp builds a span over the n-th (0-based) occurrence of sub in text.
func sp(text, id string, label annotate.Label, sub string, attrs map[string]any) annotate.Span {
	r := []rune(text)
	s := []rune(sub)
	for i := 0; i+len(s) <= len(r); i++ {
		if string(r[i:i+len(s)]) == sub {
			return annotate.Span{ID: id, Label: label, Start: i, End: i + len(s), Text: sub, Attrs: attrs, Source: annotate.SourceManual}
		}
	}
	panic("test fixture: " + sub + " not in text")
}

func direct() map[string]any   { return map[string]any{annotate.AttrKind: annotate.KindDirect} }
func indirect() map[string]any { return map[string]any{annotate.AttrKind: annotate.KindIndirect} }
func entity(e string) map[string]any {
	return map[string]any{annotate.AttrEntity: e}
}

// keyDocs is the teacher's key: in A a direct quote, an indirect quote,
// two speakers and a threat; in B a threat, a direct quote and a speaker.
func keyDocs() []*annotate.Document {
	a := &annotate.Document{ID: "a", Title: "Bridge", Text: textA, Spans: []annotate.Span{
		sp(textA, "q1", annotate.Quote, "We will close the bridge,", direct()),
		sp(textA, "s1", annotate.Speaker, "the mayor said", entity("Mayor Jane Cole")),
		sp(textA, "q2", annotate.Quote, "repairs would take a year", indirect()),
		sp(textA, "s2", annotate.Speaker, "She", entity("Jane Cole")),
		sp(textA, "t1", annotate.Threat, "We will close the bridge", nil),
	}, Relations: []annotate.Relation{
		{Label: annotate.AttributedTo, From: "q1", To: "s1"},
		{Label: annotate.AttributedTo, From: "q2", To: "s2"},
	}}
	b := &annotate.Document{ID: "b", Title: "Strike", Text: textB, Spans: []annotate.Span{
		sp(textB, "t1", annotate.Threat, "workers would strike if wages were cut", nil),
		sp(textB, "q1", annotate.Quote, "We are ready,", direct()),
		sp(textB, "s1", annotate.Speaker, "Ana Ruiz", entity("Ana Ruiz")),
	}, Relations: []annotate.Relation{{Label: annotate.AttributedTo, From: "q1", To: "s1"}}}
	return []*annotate.Document{a, b}
}

// withIDs returns a copy of the key's documents under other ids, as a
// student's project would have them.
func withIDs(docs []*annotate.Document, prefix string) []*annotate.Document {
	out := make([]*annotate.Document, len(docs))
	for i, d := range docs {
		c := d.Clone()
		c.ID = prefix + d.ID
		out[i] = c
	}
	return out
}

// edit applies fn to the named document of docs (by the key's id).
func edit(docs []*annotate.Document, id string, fn func(d *annotate.Document)) []*annotate.Document {
	for _, d := range docs {
		if strings.HasSuffix(d.ID, id) {
			fn(d)
		}
	}
	return docs
}

func dropSpan(id string) func(*annotate.Document) {
	return func(d *annotate.Document) {
		d.Spans = slices.DeleteFunc(d.Spans, func(s annotate.Span) bool { return s.ID == id })
	}
}

func setSource(src string, ids ...string) func(*annotate.Document) {
	return func(d *annotate.Document) {
		for i := range d.Spans {
			if slices.Contains(ids, d.Spans[i].ID) {
				d.Spans[i].Source = src
			}
		}
	}
}

// counts is found/missed/extra per kind in annotate.EvalKinds order
// (QUOTE-direct, QUOTE-indirect, THREAT, SPEAKER).
type counts [4][3]int

func countsOf(ks []KindScore) counts {
	var c counts
	for i, k := range ks {
		c[i] = [3]int{k.Found, k.Missed, k.Extra}
	}
	return c
}

func TestCompareStudents(t *testing.T) {
	tests := []struct {
		name       string
		docs       func() []*annotate.Document
		want       counts
		mark       int
		labels     int
		suggested  int
		speaker    SpeakerScore
		unlabelled []string
		ignored    []string
	}{{
		name: "perfect copy under other ids",
		docs: func() []*annotate.Document { return withIDs(keyDocs(), "stu-") },
		want: counts{{2, 0, 0}, {1, 0, 0}, {2, 0, 0}, {3, 0, 0}}, mark: 100, labels: 8,
		speaker: SpeakerScore{Checked: 3, Same: 3},
	}, {
		name: "dropped speaker and threat, one extra quote",
		docs: func() []*annotate.Document {
			d := withIDs(keyDocs(), "x")
			edit(d, "a", dropSpan("s2"))
			edit(d, "b", dropSpan("t1"))
			edit(d, "a", func(d *annotate.Document) {
				d.Spans = append(d.Spans, sp(textA, "q9", annotate.Quote, "the plan was rushed", direct()))
			})
			return d
		},
		// found 6, missed 2, extra 1: F1 = 12/15 = 0.8
		want: counts{{2, 0, 1}, {1, 0, 0}, {1, 1, 0}, {2, 1, 0}}, mark: 80, labels: 7,
		speaker: SpeakerScore{Checked: 3, Same: 2}, // q2's speaker s2 is gone
	}, {
		name: "kind changed from direct to indirect",
		docs: func() []*annotate.Document {
			return edit(withIDs(keyDocs(), ""), "b", func(d *annotate.Document) {
				d.Spans[1].Attrs = indirect()
			})
		},
		// found 7, missed 1, extra 1: F1 = 14/16
		want: counts{{1, 1, 0}, {1, 0, 1}, {2, 0, 0}, {3, 0, 0}}, mark: 88, labels: 8,
		speaker: SpeakerScore{Checked: 2, Same: 2},
	}, {
		name: "suggestions taken, a pending one ignored",
		docs: func() []*annotate.Document {
			d := withIDs(keyDocs(), "")
			edit(d, "a", setSource(annotate.SourceAccepted, "q1", "s1"))
			edit(d, "a", setSource(annotate.SourceEdited, "t1"))
			edit(d, "b", setSource(annotate.SourceSuggested, "s1"))
			return d
		},
		// the pending suggestion is not an answer: s1 of b is missed and q1's speaker unlinked
		want: counts{{2, 0, 0}, {1, 0, 0}, {2, 0, 0}, {2, 1, 0}}, mark: 93, labels: 7, suggested: 3,
		speaker: SpeakerScore{Checked: 3, Same: 2},
	}, {
		name: "one document only, plus one not in the key",
		docs: func() []*annotate.Document {
			d := withIDs(keyDocs(), "")[:1]
			return append(d, &annotate.Document{ID: "other", Title: "Other", Text: "Something else entirely."})
		},
		// found 5, missed 3: F1 = 10/13
		want: counts{{1, 1, 0}, {1, 0, 0}, {1, 1, 0}, {2, 1, 0}}, mark: 77, labels: 5,
		speaker:    SpeakerScore{Checked: 2, Same: 2},
		unlabelled: []string{"b"}, ignored: []string{"other"},
	}, {
		name: "opened but not labelled",
		docs: func() []*annotate.Document {
			return edit(withIDs(keyDocs(), ""), "b", func(d *annotate.Document) { d.Spans = nil; d.Relations = nil })
		},
		want: counts{{1, 1, 0}, {1, 0, 0}, {1, 1, 0}, {2, 1, 0}}, mark: 77, labels: 5,
		speaker: SpeakerScore{Checked: 2, Same: 2}, unlabelled: []string{"b"},
	}, {
		name: "no work",
		docs: func() []*annotate.Document { return nil },
		want: counts{{0, 2, 0}, {0, 1, 0}, {0, 2, 0}, {0, 3, 0}}, mark: 0,
		unlabelled: []string{"a", "b"},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := CompareWith(keyDocs(), []Submission{{Student: "S", File: "s.jsonl", Docs: tc.docs()}}, Options{SuggestionsAllowed: true})
			if len(r.Problems) != 0 || len(r.Students) != 1 {
				t.Fatalf("problems %v, %d students", r.Problems, len(r.Students))
			}
			st := r.Students[0]
			if got := countsOf(st.Kinds); got != tc.want {
				t.Errorf("counts = %v, want %v", got, tc.want)
			}
			if st.Mark != tc.mark || st.Labels != tc.labels || st.FromSuggestions != tc.suggested || st.Speaker != tc.speaker {
				t.Errorf("mark %d labels %d suggested %d speaker %+v, want %d %d %d %+v",
					st.Mark, st.Labels, st.FromSuggestions, st.Speaker, tc.mark, tc.labels, tc.suggested, tc.speaker)
			}
			if got := refIDs(st.Unlabelled); !slices.Equal(got, tc.unlabelled) {
				t.Errorf("unlabelled = %v, want %v", got, tc.unlabelled)
			}
			if got := refIDs(st.Ignored); !slices.Equal(got, tc.ignored) {
				t.Errorf("ignored = %v, want %v", got, tc.ignored)
			}
			checkDocSums(t, st)
		})
	}
}

func refIDs(refs []DocRef) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.ID)
	}
	return out
}

// checkDocSums checks that per-document counts add up to the student's
// totals and that each item has the sides its status says.
func checkDocSums(t *testing.T, st StudentResult) {
	t.Helper()
	var sum counts
	for _, d := range st.Docs {
		c := countsOf(d.Kinds)
		for i := range sum {
			for j := range sum[i] {
				sum[i][j] += c[i][j]
			}
		}
		for _, it := range d.Items {
			if (it.Key == nil) != (it.Status == Extra) || (it.Student == nil) != (it.Status == Missed) {
				t.Errorf("%s: %s item with key %v student %v", d.DocID, it.Status, it.Key, it.Student)
			}
		}
	}
	if sum != countsOf(st.Kinds) {
		t.Errorf("documents sum to %v, totals are %v", sum, countsOf(st.Kinds))
	}
}

func TestCompareProblemsAndOrder(t *testing.T) {
	other := []*annotate.Document{{ID: "a", Title: "Bridge", Text: "A different text under the key's id."}}
	work := []Submission{
		{Student: "zoe", File: "zoe.jsonl", Docs: withIDs(keyDocs(), "")},
		{File: "broken.jsonl", Err: errors.New("broken.jsonl:3: invalid JSON")},
		{Student: "Adam", File: "adam.jsonl", Docs: withIDs(keyDocs(), "")},
		{Student: "Wrong", File: "wrong.jsonl", Docs: other},
		{File: "bea.jsonl"},
	}
	r := Compare(keyDocs(), work)
	var names []string
	for _, s := range r.Students {
		names = append(names, s.Student)
	}
	if want := []string{"Adam", "bea", "zoe"}; !slices.Equal(names, want) {
		t.Errorf("students = %v, want %v", names, want)
	}
	if len(r.Problems) != 2 || r.Problems[0].File != "broken.jsonl" || r.Problems[1].File != "wrong.jsonl" {
		t.Fatalf("problems = %+v", r.Problems)
	}
	if !strings.Contains(r.Problems[0].Message, "broken.jsonl:3") || !strings.Contains(r.Problems[1].Message, "answer key") {
		t.Errorf("problem messages: %q, %q", r.Problems[0].Message, r.Problems[1].Message)
	}
	if r.Class.Students != 3 || r.Class.MaxMark != 100 || r.Class.MinMark != 0 || r.Class.MedianMark != 100 {
		t.Errorf("class summary %+v", r.Class)
	}
	if again := Compare(keyDocs(), work); !reflect.DeepEqual(r, again) {
		t.Error("Compare is not deterministic")
	}
}

func TestCompareHintsAndContext(t *testing.T) {
	d := withIDs(keyDocs(), "")
	edit(d, "b", func(d *annotate.Document) { d.Spans[1].Attrs = indirect() })
	// a threat far too short for the overlap rule
	edit(d, "b", func(d *annotate.Document) { d.Spans[0] = sp(textB, "t1", annotate.Threat, "workers would", nil) })
	edit(d, "a", setSource(annotate.SourceAccepted, "q1"))
	r := Compare(keyDocs(), []Submission{{Student: "S", Docs: d}})
	hints := map[string]string{}
	for _, it := range r.Students[0].Docs[1].Items {
		hints[it.Kind+" "+string(it.Status)] = it.Hint
	}
	want := map[string]string{
		"QUOTE-direct missed":  "the student marked this as QUOTE-indirect",
		"QUOTE-indirect extra": "the key has this as QUOTE-direct",
		"THREAT missed":        "the student marked an overlapping span, but the bounds differ too much (34% overlap, 50% needed)",
		"THREAT extra":         "the key has an overlapping span, but the bounds differ too much (34% overlap, 50% needed)",
		"SPEAKER found":        "",
	}
	for k, w := range want {
		if hints[k] != w {
			t.Errorf("%s: hint %q, want %q", k, hints[k], w)
		}
	}
	if r.Students[0].Notes == nil || !strings.Contains(strings.Join(r.Students[0].Notes, " "), "did not allow") {
		t.Errorf("notes %v lack the suggestions warning", r.Students[0].Notes)
	}
}

func TestSpanContext(t *testing.T) {
	text := []rune("First paragraph here.\n\nThe mayor said the bridge would close soon, and then left the room.")
	tests := []struct {
		sub, before, after string
		n                  int
		cutBefore, cutAft  bool
	}{
		{"bridge", "The mayor said the ", " would close soon, and", 25, false, true},
		{"bridge", "said the ", " would", 10, true, true},
		{"The mayor", "", " said", 6, false, true},
		{"left the room.", "soon, and then ", "", 15, true, false},
		{"here", "First paragraph ", ".", 40, false, false},
	}
	for _, tc := range tests {
		i := strings.Index(string(text), tc.sub)
		start := len([]rune(string(text)[:i]))
		c := spanContext(text, start, start+len([]rune(tc.sub)), tc.n)
		got := [2]string{c.Before, c.After}
		if got != [2]string{tc.before, tc.after} || c.Span != tc.sub || c.CutBefore != tc.cutBefore || c.CutAfter != tc.cutAft {
			t.Errorf("%q ±%d: %+v", tc.sub, tc.n, c)
		}
	}
}
