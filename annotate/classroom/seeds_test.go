package classroom

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// seedsPath is the project's copy of the seed gold set (always present);
// the shared original is used when the copy is missing.
func seedsPath(t testing.TB) string {
	for _, p := range []string{"../testdata/seeds.jsonl", "../../../shared/gold/seeds.jsonl"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Skip("no seeds.jsonl")
	return ""
}

func loadSeeds(t testing.TB) []*annotate.Document {
	docs, errs := annotate.ReadJSONLFile(seedsPath(t))
	if len(errs) > 0 || len(docs) < 2 {
		t.Fatalf("seeds: %d documents, errors %v", len(docs), errs)
	}
	return docs
}

// nth returns the index in d.Spans of the n-th (0-based) span of kind.
func nth(t testing.TB, d *annotate.Document, kind string, n int) int {
	for i, s := range d.Spans {
		if annotate.EvalKind(s) == kind {
			if n == 0 {
				return i
			}
			n--
		}
	}
	t.Fatalf("%s has too few %s spans", d.ID, kind)
	return -1
}

// expectation tracks, independently of the package, what a student's
// counts must be: it starts from the key's counts and follows each
// deliberate change.
type expectation struct {
	found, missed, extra map[string]int
	labels, suggested    int
}

func expectFrom(key []*annotate.Document, docs ...int) *expectation {
	e := &expectation{found: map[string]int{}, missed: map[string]int{}, extra: map[string]int{}}
	for i, d := range key {
		for _, s := range d.Spans {
			if contains(docs, i) {
				e.found[annotate.EvalKind(s)]++
				e.labels++
			} else {
				e.missed[annotate.EvalKind(s)]++
			}
		}
	}
	return e
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// lose is a key span the student no longer matches.
func (e *expectation) lose(kind string) { e.found[kind]--; e.missed[kind]++ }

func (e *expectation) check(t *testing.T, st StudentResult) {
	t.Helper()
	var F, M, E int
	for _, k := range st.Kinds {
		f, m, x := e.found[k.Kind], e.missed[k.Kind], e.extra[k.Kind]
		if k.Found != f || k.Missed != m || k.Extra != x {
			t.Errorf("%s %s: found/missed/extra %d/%d/%d, want %d/%d/%d", st.Student, k.Kind, k.Found, k.Missed, k.Extra, f, m, x)
		}
		if f+m+x > 0 && math.Abs(k.F1-float64(2*f)/float64(2*f+m+x)) > 1e-12 {
			t.Errorf("%s %s: F1 %v, want %v", st.Student, k.Kind, k.F1, float64(2*f)/float64(2*f+m+x))
		}
		F, M, E = F+f, M+m, E+x
	}
	if want := int(math.Round(100 * float64(2*F) / float64(2*F+M+E))); st.Mark != want {
		t.Errorf("%s: mark %d, want %d", st.Student, st.Mark, want)
	}
	if st.Labels != e.labels || st.FromSuggestions != e.suggested {
		t.Errorf("%s: labels %d, from suggestions %d, want %d, %d", st.Student, st.Labels, st.FromSuggestions, e.labels, e.suggested)
	}
}

// entities maps a document's span ids to their speaker entity.
func entities(d *annotate.Document) map[string]string {
	m := map[string]string{}
	for _, s := range d.Spans {
		if s.Label == annotate.Speaker {
			m[s.ID] = s.AttrString(annotate.AttrEntity)
		}
	}
	return m
}

// speakerWant counts the key's quotes with a speaker that the student
// matched (same id: the student's copy keeps ids) and, of those, the ones
// the student links to the same entity string.
func speakerWant(key, work []*annotate.Document, lost map[string]bool) SpeakerScore {
	var s SpeakerScore
	for i, k := range key {
		if i >= len(work) || work[i] == nil {
			continue
		}
		ke, we := entities(k), entities(work[i])
		for _, r := range k.Relations {
			if r.Label != annotate.AttributedTo || ke[r.To] == "" || lost[k.ID+"/"+r.From] {
				continue
			}
			s.Checked++
			if got, ok := we[r.To]; ok && got == ke[r.To] && linked(work[i], r.From, r.To) {
				s.Same++
			}
		}
	}
	return s
}

func linked(d *annotate.Document, from, to string) bool {
	for _, r := range d.Relations {
		if r.From == from && r.Label == annotate.AttributedTo {
			return r.To == to
		}
	}
	return false
}

// seedClass builds three students from the seed key with deliberate
// differences and what each must score.
func seedClass(t testing.TB, key []*annotate.Document) ([]Submission, map[string]*expectation, map[string]SpeakerScore) {
	exp := map[string]*expectation{}
	spk := map[string]SpeakerScore{}

	// Ada drops one threat of the first article, one speaker and one
	// direct quote of the second.
	ada := []*annotate.Document{key[0].Clone(), key[1].Clone()}
	e := expectFrom(key, 0, 1)
	lost := map[string]bool{}
	for _, c := range []struct {
		doc  int
		kind string
		n    int
	}{{0, "THREAT", 0}, {1, "SPEAKER", 1}, {1, "QUOTE-direct", 0}} {
		d := ada[c.doc]
		i := nth(t, d, c.kind, c.n)
		lost[d.ID+"/"+d.Spans[i].ID] = true
		d.Spans = append(d.Spans[:i], d.Spans[i+1:]...)
		e.lose(c.kind)
		e.labels--
	}
	exp["Ada"], spk["Ada"] = e, speakerWant(key, ada, lost)

	// Ben cuts a direct quote and a threat to their first third (too
	// little overlap), turns a direct quote into an indirect one and
	// names another entity for one speaker.
	ben := []*annotate.Document{key[0].Clone(), key[1].Clone()}
	ben[0].ID, ben[1].ID = "ben-first", "ben-second"
	e = expectFrom(key, 0, 1)
	lost = map[string]bool{}
	for _, c := range []struct {
		doc  int
		kind string
		n    int
	}{{0, "QUOTE-direct", 1}, {1, "THREAT", 2}} {
		s := &ben[c.doc].Spans[nth(t, ben[c.doc], c.kind, c.n)]
		s.End = s.Start + (s.End-s.Start)/3
		lost[key[c.doc].ID+"/"+s.ID] = true
		e.lose(c.kind)
		e.extra[c.kind]++
	}
	q := &ben[1].Spans[nth(t, ben[1], "QUOTE-direct", 3)]
	q.Attrs = map[string]any{annotate.AttrKind: annotate.KindIndirect}
	lost[key[1].ID+"/"+q.ID] = true
	e.lose("QUOTE-direct")
	e.extra["QUOTE-indirect"]++
	ben[0].Spans[nth(t, ben[0], "SPEAKER", 5)].Attrs = map[string]any{annotate.AttrEntity: "Vladimir Putin"}
	exp["Ben"], spk["Ben"] = e, speakerWant(key, ben, lost)

	// Cara hands in only the first article, under another id: her first
	// five spans accepted from suggestions, the next three edited ones,
	// plus a pending suggestion (not an answer) and a speaker of her own
	// where the key has none.
	cara := key[0].Clone()
	cara.ID, cara.Title = "cara-1", "My article"
	e = expectFrom(key, 0)
	for i := range cara.Spans {
		switch {
		case i < 5:
			cara.Spans[i].Source = annotate.SourceAccepted
		case i < 8:
			cara.Spans[i].Source = annotate.SourceEdited
		default:
			cara.Spans[i].Source = annotate.SourceManual
		}
	}
	e.suggested = 8
	extra := annotate.Span{ID: "own", Label: annotate.Speaker, Start: 1700, End: 1705, Source: annotate.SourceManual}
	for _, s := range key[0].Spans {
		if s.Label == annotate.Speaker && s.Start < extra.End && s.End > extra.Start {
			t.Fatalf("fixture: the extra speaker overlaps a key speaker")
		}
	}
	pending := annotate.Span{ID: "sg", Label: annotate.Threat, Start: 1700, End: 1720, Source: annotate.SourceSuggested}
	cara.Spans = append(cara.Spans, extra, pending)
	e.extra["SPEAKER"]++
	e.labels++
	exp["Cara"], spk["Cara"] = e, speakerWant(key, []*annotate.Document{cara}, nil)

	subs := []Submission{
		{Student: "Cara", File: "cara.jsonl", Docs: []*annotate.Document{cara}},
		{Student: "Ben", File: "ben.jsonl", Docs: ben},
		{Student: "Ada", File: "ada.jsonl", Docs: ada},
	}
	return subs, exp, spk
}

func TestSeedClass(t *testing.T) {
	key := loadSeeds(t)
	subs, exp, spk := seedClass(t, key)
	r := CompareWith(key, subs, Options{Title: "Seed articles"})
	if len(r.Students) != 3 || r.Students[0].Student != "Ada" || r.Students[2].Student != "Cara" {
		t.Fatalf("students %+v", r.Students)
	}
	for _, st := range r.Students {
		exp[st.Student].check(t, st)
		if st.Speaker != spk[st.Student] {
			t.Errorf("%s: speaker links %+v, want %+v", st.Student, st.Speaker, spk[st.Student])
		}
		checkDocSums(t, st)
	}
	cara := r.Students[2]
	if len(cara.Unlabelled) != 1 || cara.Unlabelled[0].ID != key[1].ID || cara.Docs[0].StudentDocID != "cara-1" {
		t.Errorf("Cara: unlabelled %v, first document paired with %q", cara.Unlabelled, cara.Docs[0].StudentDocID)
	}
	if len(cara.Notes) == 0 {
		t.Error("Cara took suggestions the assignment did not allow, and no note says so")
	}
	if spk["Ben"].Same >= spk["Ben"].Checked || spk["Ada"].Same >= spk["Ada"].Checked {
		t.Errorf("fixtures should break some speaker links: %+v", spk)
	}
	var sumFound int
	for _, k := range r.Class.Kinds {
		sumFound += k.Found
	}
	if want := exp["Ada"].total("found") + exp["Ben"].total("found") + exp["Cara"].total("found"); sumFound != want {
		t.Errorf("class found %d, want %d", sumFound, want)
	}
}

func (e *expectation) total(what string) int {
	m := map[string]map[string]int{"found": e.found, "missed": e.missed, "extra": e.extra}[what]
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// seedReport is the report the golden files hold.
func seedReport(t testing.TB) *Report {
	key := loadSeeds(t)
	subs, _, _ := seedClass(t, key)
	subs = append(subs,
		Submission{File: "dan.jsonl", Err: &os.PathError{Op: "open", Path: filepath.Join("class", "dan.jsonl"), Err: os.ErrPermission}},
		Submission{Student: "=Eve", File: "eve.jsonl"})
	return CompareWith(key, subs, Options{Title: "Seed articles: class exercise"})
}
