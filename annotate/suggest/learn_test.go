package suggest

import (
	"os"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// learnLexicon loads the project's lexicon files afresh.
func learnLexicon(t testing.TB) *Lexicon {
	t.Helper()
	lex, err := LoadLexicon(os.DirFS("../../assets/lexicon"))
	if err != nil {
		t.Fatal(err)
	}
	return lex
}

// handDoc is a document with one span over the first occurrence of sub,
// labelled by hand.
func handDoc(t testing.TB, text string, label annotate.Label, kind, sub string, attrs map[string]any) *annotate.Document {
	t.Helper()
	b := strings.Index(text, sub)
	if b < 0 {
		t.Fatalf("%q not in %q", sub, text)
	}
	s := len([]rune(text[:b]))
	sp := annotate.Span{ID: "x1", Label: label, Start: s, End: s + len([]rune(sub)), Text: sub, Source: annotate.SourceManual, Attrs: attrs}
	if kind != "" {
		if sp.Attrs == nil {
			sp.Attrs = map[string]any{}
		}
		sp.Attrs[annotate.AttrKind] = kind
	}
	return &annotate.Document{ID: "a", Text: text, Spans: []annotate.Span{sp}}
}

// suggested returns the suggestions of label with text want.
func suggested(s Suggestions, label annotate.Label, want string) *annotate.Span {
	for i := range s.Spans {
		if s.Spans[i].Label == label && s.Spans[i].Text == want {
			return &s.Spans[i]
		}
	}
	return nil
}

// TestLearnRaisesSuggestions: labelling by hand in document A makes the
// engine suggest the same kind of span in document B, which it did not
// before.
func TestLearnRaisesSuggestions(t *testing.T) {
	tests := []struct {
		name        string
		a           *annotate.Document
		b           string
		label       annotate.Label
		want        string
		wantVerb    string
		wantCue     string
		checkEntity string
	}{
		{
			name:     "verb before an indirect quote",
			a:        handDoc(t, "Budget\n\nThe senator opined that the budget was a disaster.", annotate.Quote, annotate.KindIndirect, "the budget was a disaster", nil),
			b:        "Taxes\n\nThe governor opined that taxes would rise next year.",
			label:    annotate.Quote,
			want:     "taxes would rise next year",
			wantVerb: "opined",
		},
		{
			name:     "verb after an indirect quote",
			a:        handDoc(t, "Budget\n\nThe budget was a disaster, the senator opined.", annotate.Quote, annotate.KindIndirect, "The budget was a disaster", nil),
			b:        "Taxes\n\nTaxes will rise next year, the governor opined.",
			label:    annotate.Quote,
			want:     "Taxes will rise next year",
			wantVerb: "opined",
		},
		{
			name:     "another form of the verb",
			a:        handDoc(t, "Budget\n\nThe senator opined that the budget was a disaster.", annotate.Quote, annotate.KindIndirect, "the budget was a disaster", nil),
			b:        "Taxes\n\nThe governor opines that taxes will rise next year.",
			label:    annotate.Quote,
			want:     "taxes will rise next year",
			wantVerb: "opined",
		},
		{
			name:     "verb with a hearer",
			a:        handDoc(t, "Budget\n\nThe senator briefed reporters that the budget was a disaster.", annotate.Quote, annotate.KindIndirect, "the budget was a disaster", nil),
			b:        "Taxes\n\nThe governor briefed reporters that taxes would rise.",
			label:    annotate.Quote,
			want:     "taxes would rise",
			wantVerb: "briefed",
		},
		{
			name:    "threat phrase",
			a:       handDoc(t, "Sea\n\n“We will quarantine their fishing fleet,” the admiral said.", annotate.Threat, "", "We will quarantine their fishing fleet", nil),
			b:       "Port\n\n“We will quarantine the harbour,” the minister said.",
			label:   annotate.Threat,
			want:    "We will quarantine the harbour",
			wantCue: "quarantine+",
		},
		{
			name:        "entity alias",
			a:           handDoc(t, "Talks\n\n“We are close,” Bibi said.", annotate.Speaker, "", "Bibi", map[string]any{annotate.AttrEntity: "Benjamin Netanyahu"}),
			b:           "Vote\n\n“We will win,” Bibi said.",
			label:       annotate.Speaker,
			want:        "Bibi",
			checkEntity: "Benjamin Netanyahu",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base := learnLexicon(t)
			before := Suggest(tc.b, Options{Lexicon: base})
			if tc.checkEntity == "" && suggested(before, tc.label, tc.want) != nil {
				t.Fatalf("the engine already suggests %s %q: the test teaches nothing", tc.label, tc.want)
			}
			l := Learn(base, tc.a)
			if tc.wantVerb != "" {
				if _, ok := l.Verbs[tc.wantVerb]; !ok {
					t.Fatalf("verb %q not learnt: %+v", tc.wantVerb, l)
				}
			}
			if tc.wantCue != "" && l.Cues[tc.wantCue] == "" {
				t.Fatalf("cue %q not learnt: %+v", tc.wantCue, l)
			}
			lex := learnLexicon(t)
			l.Apply(lex)
			after := Suggest(tc.b, Options{Lexicon: lex})
			l.ResolveSpeakers(&after)
			sp := suggested(after, tc.label, tc.want)
			if sp == nil {
				t.Fatalf("no %s %q suggested after learning: %+v", tc.label, tc.want, after.Spans)
			}
			if tc.checkEntity != "" {
				if got := sp.AttrString(annotate.AttrEntity); got != tc.checkEntity {
					t.Fatalf("entity %q, want %q", got, tc.checkEntity)
				}
				if e := suggested(before, tc.label, tc.want).AttrString(annotate.AttrEntity); e == tc.checkEntity {
					t.Fatalf("the engine already resolves %q", e)
				}
			}
			// the base lexicon was not touched
			if again := Suggest(tc.b, Options{Lexicon: base}); len(again.Spans) != len(before.Spans) {
				t.Fatal("Learn changed the base lexicon")
			}
		})
	}
}

// TestLearnIgnores: what must not be learnt.
func TestLearnIgnores(t *testing.T) {
	base := learnLexicon(t)
	suggestedSpan := handDoc(t, "Budget\n\nThe senator opined that the budget was a disaster.", annotate.Quote, annotate.KindIndirect, "the budget was a disaster", nil)
	suggestedSpan.Spans[0].Source = annotate.SourceSuggested
	accepted := handDoc(t, "Budget\n\nThe senator opined that the budget was a disaster.", annotate.Quote, annotate.KindIndirect, "the budget was a disaster", nil)
	accepted.Spans[0].Source = annotate.SourceAccepted
	tests := []struct {
		name string
		doc  *annotate.Document
	}{
		{"suggested spans teach nothing", suggestedSpan},
		{"accepted spans teach nothing", accepted},
		{"known verb", handDoc(t, "B\n\nThe senator said that the budget was a disaster.", annotate.Quote, annotate.KindIndirect, "the budget was a disaster", nil)},
		{"belief verb stays a belief verb", handDoc(t, "B\n\nThe senator believes that the budget was a disaster.", annotate.Quote, annotate.KindIndirect, "the budget was a disaster", nil)},
		{"plural noun is no verb", handDoc(t, "B\n\nThe budget was a disaster, the analysts.", annotate.Quote, annotate.KindIndirect, "The budget was a disaster", nil)},
		{"noun before the content", handDoc(t, "B\n\nThere were signs that the budget was a disaster.", annotate.Quote, annotate.KindIndirect, "the budget was a disaster", nil)},
		{"negated threat", handDoc(t, "B\n\n“We will not quarantine the fleet,” he said.", annotate.Threat, "", "We will not quarantine the fleet", nil)},
		{"known threat cue", handDoc(t, "B\n\n“We will impose sanctions,” he said.", annotate.Threat, "", "We will impose sanctions", nil)},
		{"general verb", handDoc(t, "B\n\n“We will make them regret it,” he said.", annotate.Threat, "", "We will make them regret it", nil)},
		{"pronoun alias", handDoc(t, "B\n\n“We will win,” he said.", annotate.Speaker, "", "he", map[string]any{annotate.AttrEntity: "Joe Biden"})},
		{"description alias", handDoc(t, "B\n\n“We will win,” the president said.", annotate.Speaker, "", "the president", map[string]any{annotate.AttrEntity: "Joe Biden"})},
		{"capitalised description alias", handDoc(t, "B\n\nThe president said he would win.", annotate.Speaker, "", "The president", map[string]any{annotate.AttrEntity: "Joe Biden"})},
		{"entity is the mention", handDoc(t, "B\n\n“We will win,” Biden said.", annotate.Speaker, "", "Biden", map[string]any{annotate.AttrEntity: "Biden"})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if l := Learn(base, tc.doc); !l.Empty() {
				t.Fatalf("learnt %+v", l)
			}
		})
	}
}

func TestLearnSpeakerVerbFromLinks(t *testing.T) {
	base := learnLexicon(t)
	text := "Tea\n\n“It is cold,” Biden deadpanned. “Very cold,” grumbled Harris."
	d := &annotate.Document{Text: text}
	add := func(id string, label annotate.Label, sub string, attrs map[string]any) {
		b := strings.Index(text, sub)
		s := len([]rune(text[:b]))
		d.Spans = append(d.Spans, annotate.Span{ID: id, Label: label, Start: s, End: s + len([]rune(sub)), Text: sub, Attrs: attrs, Source: annotate.SourceManual})
	}
	add("q1", annotate.Quote, "It is cold", map[string]any{annotate.AttrKind: annotate.KindDirect})
	add("s1", annotate.Speaker, "Biden", map[string]any{annotate.AttrEntity: "Joe Biden"})
	add("q2", annotate.Quote, "Very cold", map[string]any{annotate.AttrKind: annotate.KindDirect})
	add("s2", annotate.Speaker, "Harris", map[string]any{annotate.AttrEntity: "Kamala Harris"})
	d.Relations = []annotate.Relation{{Label: annotate.AttributedTo, From: "q1", To: "s1"}, {Label: annotate.AttributedTo, From: "q2", To: "s2"}}
	l := Learn(base, d)
	for _, f := range []string{"deadpanned", "grumbled"} {
		v, ok := l.Verbs[f]
		if !ok || v.Class != "direct" {
			t.Errorf("%s: learnt %+v (%v), want a direct-quote verb", f, v, ok)
		}
	}
	if got := l.Alias("biden"); got != "Joe Biden" {
		t.Errorf("alias of Biden = %q", got)
	}
}

func TestLearnedMergeAndAlias(t *testing.T) {
	var all Learned
	a := Learned{}
	a.addVerb("opined", LearnedVerb{Lemma: "opine", Class: "direct"})
	a.addAlias("bibi", "Benjamin Netanyahu", 1)
	a.addAlias("the don", "Donald Trump", 1)
	b := Learned{}
	b.addVerb("opined", LearnedVerb{Lemma: "opine", Class: "speech"})
	b.addCue("quarantine+", cueHarm)
	b.addAlias("bibi", "Benjamin Netanyahu", 1)
	b.addAlias("the don", "Don King", 1)
	all.Add(a)
	all.Add(b)
	if all.Verbs["opined"].Class != "speech" {
		t.Errorf("a verb seen with an indirect quote is a speech verb: %+v", all.Verbs["opined"])
	}
	if all.Alias("  BIBI ") != "Benjamin Netanyahu" {
		t.Errorf("Alias(BIBI) = %q", all.Alias("BIBI"))
	}
	if got := all.Alias("The Don"); got != "" {
		t.Errorf("a tie gives no alias, got %q", got)
	}
	if !all.Equal(all) || all.Equal(a) || (Learned{}).Equal(a) {
		t.Error("Equal")
	}
	c := Learned{}
	c.Add(all)
	if !c.Equal(all) {
		t.Error("a copy differs")
	}
}

func TestResolveSpeakers(t *testing.T) {
	l := Learned{}
	l.addAlias("bibi", "Benjamin Netanyahu", 2)
	l.addAlias("johnson", "Boris Johnson", 1)
	l.addAlias("vladimir putin", "Vladimir V. Putin", 1)
	s := Suggestions{Spans: []annotate.Span{
		{ID: "ss1", Label: annotate.Speaker, Text: "Bibi", Attrs: map[string]any{annotate.AttrEntity: "Bibi"}},
		{ID: "ss2", Label: annotate.Speaker, Text: "he", Attrs: map[string]any{annotate.AttrEntity: "Bibi"}},
		{ID: "ss3", Label: annotate.Speaker, Text: "Johnson", Attrs: map[string]any{annotate.AttrEntity: "Mike Johnson"}},
		{ID: "ss4", Label: annotate.Speaker, Text: "Putin", Attrs: map[string]any{annotate.AttrEntity: "Vladimir Putin"}},
		{ID: "st1", Label: annotate.Threat, Text: "x", Attrs: map[string]any{annotate.AttrIssuer: "Bibi"}},
	}}
	shared := s.Spans[0].Attrs
	l.ResolveSpeakers(&s)
	for i, want := range []string{"Benjamin Netanyahu", "Benjamin Netanyahu", "Mike Johnson", "Vladimir V. Putin"} {
		if got := s.Spans[i].AttrString(annotate.AttrEntity); got != want {
			t.Errorf("%s %q: entity %q, want %q", s.Spans[i].ID, s.Spans[i].Text, got, want)
		}
	}
	if got := s.Spans[4].AttrString(annotate.AttrIssuer); got != "Benjamin Netanyahu" {
		t.Errorf("threat issuer %q", got)
	}
	if shared[annotate.AttrEntity] != "Bibi" {
		t.Error("ResolveSpeakers changed a map it did not own")
	}
}

func TestFiniteVerbLemma(t *testing.T) {
	lex := learnLexicon(t)
	tests := []struct {
		w     string
		lemma string
		tense byte
	}{
		{"opined", "opine", 'd'},
		{"blogged", "blog", 'd'},
		{"tweeted", "tweet", 'd'},
		{"argued", "argue", 'd'},
		{"quipped", "quip", 'd'},
		{"emailed", "email", 'd'},
		{"hinted", "hint", 'd'},
		{"pronounced", "pronounce", 'd'},
		{"replied", "reply", 'd'},
		{"opines", "opine", 'p'},
		{"preaches", "preach", 'p'},
		{"spoke", "speak", 'd'},
		{"stated", "state", 'd'},
		{"declared", "declare", 'd'},
		{"decided", "decide", 'd'},
		{"charged", "charge", 'd'},
		{"released", "release", 'd'},
		{"focused", "focus", 'd'},
		{"visited", "visit", 'd'},
		{"hoped", "hope", 'd'},
		{"posted", "post", 'd'},
		{"treated", "treat", 'd'},
		{"ordered", "order", 'd'},
		{"banged", "bang", 'd'},
		{"the", "", 0},
		{"need", "", 0},
		{"minister", "", 0},
		{"thus", "", 0},
		{"Biden", "", 0},
	}
	for _, tc := range tests {
		lemma, tense, ok := finiteVerbLemma(lex, tc.w)
		if ok != (tc.tense != 0) || lemma != tc.lemma || tense != tc.tense {
			t.Errorf("finiteVerbLemma(%q) = %q %q %v, want %q %q", tc.w, lemma, tense, ok, tc.lemma, tc.tense)
		}
	}
}

// TestLearnFromGoldSeeds: the gold seed articles, taken as labelled by
// hand, use only verbs and threat phrases the lexicon knows (went of
// "went on" included), so they teach no verbs or cues; their aliases are
// proper names.
func TestLearnFromGoldSeeds(t *testing.T) {
	l := Learn(learnLexicon(t), seedsByHand(t)...)
	if len(l.Verbs) != 0 || len(l.Cues) != 0 {
		t.Errorf("learnt verbs %v, cues %v", l.Verbs, l.Cues)
	}
	if l.Alias("Biden") != "Joe Biden" {
		t.Errorf("aliases %v", l.Aliases)
	}
	for m := range l.Aliases {
		if !strings.Contains(m, "biden") && !strings.Contains(m, "putin") {
			t.Errorf("unexpected alias %q", m)
		}
	}
}
