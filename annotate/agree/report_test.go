package agree

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

var update = flag.Bool("update", false, "rewrite golden files")

const handText = "He said: “We will hit back hard.” Then Ann left."

// span builds a span over the first occurrence of sub in text.
func span(t *testing.T, text, id string, label annotate.Label, sub, kind string) annotate.Span {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in text", sub)
	}
	s := len([]rune(text[:i]))
	sp := annotate.Span{ID: id, Label: label, Start: s, End: s + len([]rune(sub)), Text: sub}
	if label == annotate.Quote {
		sp.Attrs = map[string]any{annotate.AttrKind: kind}
	}
	return sp
}

// handDoc: A marks the quote, its speaker and a threat; B the same quote
// (without the marks), no speaker and a shorter threat.
func handDoc(t *testing.T) *Doc {
	a := &annotate.Document{ID: "d1", Text: handText, Spans: []annotate.Span{
		span(t, handText, "q1", annotate.Quote, "“We will hit back hard.”", annotate.KindDirect),
		span(t, handText, "s1", annotate.Speaker, "He", ""),
		span(t, handText, "t1", annotate.Threat, "hit back hard", ""),
	}}
	b := &annotate.Document{ID: "d1", Text: handText, Spans: []annotate.Span{
		span(t, handText, "q1", annotate.Quote, "We will hit back hard", annotate.KindDirect),
		span(t, handText, "t1", annotate.Threat, "hit back", ""),
	}}
	return &Doc{ID: "d1", Text: handText, Layers: map[string]*annotate.Document{"A": a, "B": b}}
}

func near(got Value, want float64) bool { return got.OK && math.Abs(got.V-want) < 5e-4 }

// Every figure below is worked out by hand in the comments. The text has
// 15 tokens: He said : “ We will hit back hard . ” Then Ann left .
// Trimmed, both quotes cover We…hard (tokens 4-8); A's threat covers
// 6-8, B's 6-7; A's speaker token 0.
func TestHandExample(t *testing.T) {
	r, err := Compute([]*Doc{handDoc(t)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Documents != 1 || r.Tokens != 15 || len(r.Pairs) != 1 {
		t.Fatalf("documents %d tokens %d pairs %d", r.Documents, r.Tokens, len(r.Pairs))
	}
	byKind := map[string]LabelRow{}
	for _, l := range r.Labels {
		byKind[l.Kind] = l
	}
	undef := -1.0
	tests := []struct {
		kind, what string
		got        Value
		want       float64 // undef: undefined
	}{
		// Spans, A 3 (Q, S, T), B 2 (Q, T). Overlap: Q and T match (the
		// threats' Jaccard is 8/13), P 2/2, R 2/3, F1 4/5. Exact: Q only,
		// P 1/2, R 1/3, F1 2/5.
		{All, "overlap P", byKind[All].Overlap.P, 1},
		{All, "overlap R", byKind[All].Overlap.R, 2.0 / 3},
		{All, "overlap F1", byKind[All].Overlap.F1, 0.8},
		{All, "exact P", byKind[All].Exact.P, 0.5},
		{All, "exact F1", byKind[All].Exact.F1, 0.4},
		{"THREAT", "exact F1", byKind["THREAT"].Exact.F1, 0},
		{"THREAT", "overlap F1", byKind["THREAT"].Overlap.F1, 1},
		{"SPEAKER", "overlap P", byKind["SPEAKER"].Overlap.P, undef}, // B has none
		{"SPEAKER", "overlap R", byKind["SPEAKER"].Overlap.R, 0},
		{"QUOTE-indirect", "overlap F1", byKind["QUOTE-indirect"].Overlap.F1, undef},
		// THREAT tokens: 2 both, 1 A only, 12 neither. po 14/15; Cohen pe
		// (3·2 + 12·13)/225 = 0.72, kappa 0.7619. Scott/Fleiss pi 1/6, pe
		// 26/36, kappa 0.76. Alpha 1 - 29·2/(2·25·5) = 0.768. AC1 pe
		// 2·(1/6)(5/6) = 10/36, AC1 0.9077.
		{"THREAT", "Cohen", byKind["THREAT"].Cohen, 0.7619},
		{"THREAT", "Fleiss", coefValue(byKind["THREAT"].Fleiss), 0.76},
		{"THREAT", "alpha", coefValue(byKind["THREAT"].Alpha), 0.768},
		{"THREAT", "AC1", coefValue(byKind["THREAT"].AC1), 0.9077},
		// SPEAKER tokens: 1 A only, 14 neither. Cohen pe 14·15/225 = po,
		// kappa 0; AC1 pe 2·(1/30)(29/30), AC1 0.8689/0.9356 = 0.9287.
		{"SPEAKER", "Cohen", byKind["SPEAKER"].Cohen, 0},
		{"SPEAKER", "AC1", coefValue(byKind["SPEAKER"].AC1), 0.9287},
		// Identical quotes: perfect. Nobody marks an indirect quote: the
		// kappas and alpha are undefined, AC1 is 1.
		{"QUOTE-direct", "alpha", coefValue(byKind["QUOTE-direct"].Alpha), 1},
		{"QUOTE-indirect", "Cohen", byKind["QUOTE-indirect"].Cohen, undef},
		{"QUOTE-indirect", "Fleiss", coefValue(byKind["QUOTE-indirect"].Fleiss), undef},
		{"QUOTE-indirect", "alpha", coefValue(byKind["QUOTE-indirect"].Alpha), undef},
		{"QUOTE-indirect", "AC1", coefValue(byKind["QUOTE-indirect"].AC1), 1},
		// All kinds as one layer (the threat takes precedence over the
		// quote): A O 9, S 1, QD 2 (We, will), T 3; B O 10, QD 3, T 2;
		// they differ on He (S/O) and hard (T/QD). po 13/15; Cohen pe
		// (90 + 6 + 6)/225, kappa 0.7561. Alpha: n_c 19, 1, 5, 5, 1 -
		// 29·4/(900 - 412) = 0.7623. Fleiss pe 412/900, kappa 0.7541. AC1
		// pe 488/900/4, AC1 0.8458.
		{All, "Cohen", byKind[All].Cohen, 0.7561},
		{All, "alpha", coefValue(byKind[All].Alpha), 0.7623},
		{All, "Fleiss", coefValue(byKind[All].Fleiss), 0.7541},
		{All, "AC1", coefValue(byKind[All].AC1), 0.8458},
	}
	for _, tc := range tests {
		if tc.want == undef {
			if tc.got.OK {
				t.Errorf("%s %s = %v, want undefined", tc.kind, tc.what, tc.got)
			}
			continue
		}
		if !near(tc.got, tc.want) {
			t.Errorf("%s %s = %v (%v), want %.4f", tc.kind, tc.what, tc.got, tc.got.V, tc.want)
		}
	}
}

func coefValue(c Coef) Value { return Value{c.Value, c.Defined} }

func TestReportGolden(t *testing.T) {
	r, err := Compute([]*Doc{handDoc(t)}, []string{"A", "B"})
	if err != nil {
		t.Fatal(err)
	}
	js, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var txt bytes.Buffer
	if err := r.WriteText(&txt, 0); err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]byte{"hand.json": js, "hand.txt": txt.Bytes()} {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the golden file (go test -update to rewrite):\n%s", name, got)
		}
	}
}

func TestValueFormat(t *testing.T) {
	tests := []struct {
		v          Value
		json, text string
	}{
		{Value{}, "null", "–"},
		{Value{0.74342, true}, "0.7434", "0.743"},
		{Value{-1e-12, true}, "0", "0.000"},
		{Value{-0.0234, true}, "-0.0234", "-0.023"},
		{Value{1, true}, "1", "1.000"},
	}
	for _, tc := range tests {
		j, _ := tc.v.MarshalJSON()
		if string(j) != tc.json || tc.v.String() != tc.text {
			t.Errorf("%+v: json %s text %s, want %s %s", tc.v, j, tc.v, tc.json, tc.text)
		}
	}
	c, _ := Coef{Value: 0.5, Defined: false, Observed: 1, Chance: 1, Units: 3}.MarshalJSON()
	if string(c) != `{"value":null,"observed":1,"chance":1,"units":3}` {
		t.Errorf("undefined coefficient: %s", c)
	}
}

func TestWriteTextLimit(t *testing.T) {
	d2 := handDoc(t)
	d2.ID = "d2"
	r, err := Compute([]*Doc{handDoc(t), d2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteText(&b, 1); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "… 1 more") || strings.Count(b.String(), "\nd1 ")+strings.Count(b.String(), "\nd2 ") != 1 {
		t.Errorf("limited document table:\n%s", b.String())
	}
}
