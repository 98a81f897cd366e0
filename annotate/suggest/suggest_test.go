package suggest

import (
	"bytes"
	"flag"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/sayso/sayso/annotate"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	lexOnce sync.Once
	lexVal  *Lexicon
	lexErr  error
)

// testLexicon loads the lexicon shipped in assets/lexicon once.
func testLexicon(t testing.TB) *Lexicon {
	t.Helper()
	lexOnce.Do(func() { lexVal, lexErr = LoadLexicon(os.DirFS("../../assets/lexicon")) })
	if lexErr != nil {
		t.Fatal(lexErr)
	}
	return lexVal
}

func suggest(t testing.TB, text string) Suggestions {
	t.Helper()
	s := Suggest(text, Options{Lexicon: testLexicon(t)})
	d := &annotate.Document{Text: text, Spans: s.Spans, Relations: s.Relations}
	if err := d.Validate(); err != nil {
		t.Fatalf("suggestions do not validate: %v", err)
	}
	return s
}

// spansOf returns the texts of spans with a label (and quote kind).
func spansOf(s Suggestions, l annotate.Label, kind string) []string {
	var out []string
	for _, sp := range s.Spans {
		if sp.Label == l && (kind == "" || sp.QuoteKind() == kind) {
			out = append(out, sp.Text)
		}
	}
	return out
}

// speakerOf returns the entity and mention text a span links to.
func speakerOfSpan(s Suggestions, id string) (entity, mention string) {
	for _, r := range s.Relations {
		if r.From == id {
			for _, sp := range s.Spans {
				if sp.ID == r.To {
					return sp.AttrString(annotate.AttrEntity), sp.Text
				}
			}
		}
	}
	return "", ""
}

func findSpan(s Suggestions, l annotate.Label, text string) (annotate.Span, bool) {
	for _, sp := range s.Spans {
		if sp.Label == l && sp.Text == text {
			return sp, true
		}
	}
	return annotate.Span{}, false
}

func TestDirectQuoteMarks(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"curly", "“He knows I will take action,” Biden said.", []string{"He knows I will take action"}},
		{"straight", `"They screwed up the financing," said Ronald Smith.`, []string{"They screwed up the financing"}},
		{"question mark stays", "“Where is it?” she asked.", []string{"Where is it?"}},
		{"full stop stays", "She said: “It is over.”", []string{"It is over."}},
		{"single curly fragment", "Biden warns Putin of ‘action’ if hacks persist", []string{"action"}},
		{"single straight with apostrophe", "Biden says he will 'rally the world's democracies' this week.", []string{"rally the world's democracies"}},
		{"apostrophes are not closers", "It's the country’s 'best chance,' the minister's aide said.", []string{"best chance"}},
		{"guillemets", "Le ministre a dit « nous verrons » hier, he said.", []string{"nous verrons"}},
		{"low-9 German", "Merkel sagte: „Wir schaffen das“ am Montag.", []string{"Wir schaffen das"}},
		{"split by attribution", "“A is true,” Biden said. “B is true too.”", []string{"A is true", "B is true too."}},
		{"several paragraphs", "“First paragraph of the quote.\n\n“Second paragraph of it.”\n\nAfter.", []string{"First paragraph of the quote.", "Second paragraph of it."}},
		{"paragraphs run together on one line", `Howard said: "This issue will not go away." "These revelations matter. "The government must act."`, []string{"This issue will not go away.", "These revelations matter.", "The government must act."}},
		{"nested quote is not a span", "“You say: ‘Let them go on,’” Kozyrev said.", []string{"You say: ‘Let them go on,’"}},
		{"decade apostrophe", "Sold in the best traditions of the ’90s, \"it was a steal,\" he said.", []string{"it was a steal"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := spansOf(suggest(t, tc.text), annotate.Quote, annotate.KindDirect)
			if !slices.Equal(got, tc.want) {
				t.Errorf("direct quotes = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestNotQuotes(t *testing.T) {
	tests := []struct{ name, text string }{
		{"scare quotes", "The so-called “experts” were wrong about the war."},
		{"known as", "The plan, known as “Operation Sunrise”, began in May."},
		{"title of a show", "Haley told Fox News' “Sunday Morning Futures” on Sunday that she agreed."},
		{"nickname", "Joe “The Hammer” Smith won the race."},
		{"term in the subject", "Charles Clarke's planned \"control orders\" mean anyone could be held."},
		{"boilerplate line", "CLICK HERE TO READ “THE FULL STORY” NOW"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := spansOf(suggest(t, tc.text), annotate.Quote, annotate.KindDirect); len(got) != 0 {
				t.Errorf("direct quotes = %q, want none", got)
			}
		})
	}
}

func TestDirectQuoteSpeaker(t *testing.T) {
	tests := []struct {
		name, text, quote, entity, mention string
	}{
		{"after", "President Joe Biden spoke.\n\n“We will see,” Biden said.", "We will see", "Joe Biden", "Biden"},
		{"inverted with appositive", "“It is a front,” said Oleg Maximov, an analyst at Troika Dialog.", "It is a front", "Oleg Maximov", "Oleg Maximov"},
		{"description", "President Joe Biden arrived.\n\n“He knows there are consequences,” the president later said.", "He knows there are consequences", "Joe Biden", "the president"},
		{"pronoun", "Rex Tillerson made the comments in Manila.\n\n“We will know it,” he said.", "We will know it", "Rex Tillerson", "he"},
		{"before with colon", "Lord Goldsmith said: \"In my answer I explained my view.\"", "In my answer I explained my view.", "Lord Goldsmith", "Lord Goldsmith"},
		{"appositive before the verb", "“Q is right,” Coll, now a journalism professor at Columbia University, told Texas Monthly.", "Q is right", "Coll", "Coll"},
		{"second half of a split quote", "“A,” Biden said. “B is what matters.”", "B is what matters.", "Biden", "Biden"},
		{"continuation paragraph", "Thomas Wright is a scholar.\n\n“Tillerson has a plan,” said Thomas Wright.\n\n“This will alarm those worried about Russia.”", "This will alarm those worried about Russia.", "Thomas Wright", "Thomas Wright"},
		{"relayed speech", `"It was sold," the Interfax news agency quoted Mr Khodorkovsky as saying.`, "It was sold", "Khodorkovsky", "Mr Khodorkovsky"},
		{"fragment of the subject", "The Kremlin has condemned as “unacceptable” the new sanctions.", "unacceptable", "Kremlin", "The Kremlin"},
		{"family name first", "Chinese Foreign Minister Wang Yi met them.\n\n“Do not do it,” Wang said.", "Do not do it", "Wang Yi", "Wang"},
		{"capital for its country", "“We will answer,” Moscow said.", "We will answer", "Russia", "Moscow"},
		{"short form of a country", "“We will answer,” the U.S. said.", "We will answer", "United States", "the U.S."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := suggest(t, tc.text)
			q, ok := findSpan(s, annotate.Quote, tc.quote)
			if !ok {
				t.Fatalf("no quote %q in %q", tc.quote, spansOf(s, annotate.Quote, ""))
			}
			e, m := speakerOfSpan(s, q.ID)
			if e != tc.entity || m != tc.mention {
				t.Errorf("speaker = %q (mention %q), want %q (%q)", e, m, tc.entity, tc.mention)
			}
		})
	}
}

func TestQuoteWithoutSpeaker(t *testing.T) {
	s := suggest(t, "Biden was asked if he could detail “something concrete” achieved in the summit.")
	q, ok := findSpan(s, annotate.Quote, "something concrete")
	if !ok {
		t.Fatal("the question put to Biden is a quote")
	}
	if e, _ := speakerOfSpan(s, q.ID); e != "" {
		t.Errorf("a question put by an unnamed reporter has no speaker, got %q", e)
	}
}

func TestIndirectQuotes(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"said that", "Gazprom has denied that it is behind the purchase.", []string{"it is behind the purchase"}},
		{"said without that", "Biden also stated there would be repercussions for Russia’s standing.", []string{"there would be repercussions for Russia’s standing"}},
		{"told with hearer", "Dmitry Peskov told reporters Thursday that it was too early to talk.", []string{"it was too early to talk"}},
		{"clause before attribution", "The sale has destroyed Yukos, said founder Mikhail Khodorkovsky.", []string{"The sale has destroyed Yukos"}},
		{"clause before pronoun attribution", "Her lawyers won her a discharge in 2014, she said.", []string{"Her lawyers won her a discharge in 2014"}},
		{"participle", "Lord Goldsmith also denied them, saying he was not pressed in any way.", []string{"he was not pressed in any way"}},
		{"according to, after", "It has three open cases, according to Bridget Serchak, a spokeswoman.", []string{"It has three open cases"}},
		{"according to, before", "According to Mr Sands, Lord Goldsmith had changed his mind.", []string{"Lord Goldsmith had changed his mind"}},
		{"two reports of one subject", "Mr Clarke said prosecutions were the first choice and promised the powers would only be used rarely.", []string{"prosecutions were the first choice", "the powers would only be used rarely"}},
		{"non-finite: pledged to", "Biden pledged to speak with Putin next week.", nil},
		{"non-finite: noun object", "The Russian leader had earlier denied responsibility in a press conference.", nil},
		{"belief verb", "Russia believes the sanctions are illegal.", nil},
		{"clause after a noun", "His claim that the vote was rigged spread fast.", nil},
		{"reported question", "He asked whether ministers had looked at the measures.", nil},
		{"adverbial clause after said", "Biden said during a press conference after the two leaders met in Geneva.", nil},
		{"nested report", "The Pentagon reported that 62% of those troops reporting sexual assault in 2014 indicated that they had been punished.",
			[]string{"62% of those troops reporting sexual assault in 2014 indicated that they had been punished", "they had been punished"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := spansOf(suggest(t, tc.text), annotate.Quote, annotate.KindIndirect)
			if !slices.Equal(got, tc.want) {
				t.Errorf("indirect quotes = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestIndirectQuoteSpeaker(t *testing.T) {
	tests := []struct {
		name, text, quote, entity string
	}{
		{"name", "Russia's newspapers claimed that Baikal was a front.", "Baikal was a front", "Russia's newspapers"},
		{"appositive with party", "Sen. Lindsey Graham, R-S.C., told reporters he wanted a tough bill.", "he wanted a tough bill", "Lindsey Graham"},
		{"relative clause", "Russia rejected demands for access to its arsenals, which Moscow insists it has destroyed.", "it has destroyed", "Russia"},
		{"organisation head", "The Trump administration imposed sanctions.\n\nThe administration said then it believed Russia was responsible.", "it believed Russia was responsible", "Trump administration"},
		{"document's author", "In his new book, Lawless World, Philippe Sands, a QC, suggests the answer was written in Downing Street. The book says Lord Goldsmith met the adviser.", "Lord Goldsmith met the adviser", "Philippe Sands"},
		{"pronoun to a person named in the clause", "The accounts square with what Snow hears from survivors, he said.", "The accounts square with what Snow hears from survivors", "Snow"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := suggest(t, tc.text)
			q, ok := findSpan(s, annotate.Quote, tc.quote)
			if !ok {
				t.Fatalf("no quote %q in %q", tc.quote, spansOf(s, annotate.Quote, ""))
			}
			if e, _ := speakerOfSpan(s, q.ID); e != tc.entity {
				t.Errorf("speaker = %q, want %q", e, tc.entity)
			}
		})
	}
}

func TestThreats(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"future action", "“He knows I will take action,” Biden said.", []string{"He knows I will take action"}},
		{"conditional", "“It is significant, and if, in fact, they violate these norms, we will respond,” the president said.", []string{"if, in fact, they violate these norms, we will respond"}},
		{"implicit consequences", "“He knows there are consequences,” the president said.", []string{"He knows there are consequences"}},
		{"will not hesitate", "The president said he doesn’t want trouble, but he won’t hesitate to impose consequences on the country.", []string{"he won’t hesitate to impose consequences on the country"}},
		{"reported threat verb", "Yukos has threatened legal action against any buyer.", []string{"threatened legal action against any buyer"}},
		{"reported vow", "North Korea vowed Monday to strike the U.S. with revenge after the vote.", []string{"vowed Monday to strike the U.S. with revenge"}},
		{"warning with a condition", "Biden warns Putin of ‘action’ if Russian hacks persist", []string{"warns Putin of ‘action’ if Russian hacks persist"}},
		{"negation", "“We didn’t talk about a military response,” Biden said.", nil},
		{"negated seeking", "“The United States does not seek conflict,” Biden said.", nil},
		{"past action", "In April, the administration approved sanctions against Russia and expelled diplomats.", nil},
		{"past in speech", "Biden said he imposed consequences for the interference.", nil},
		{"defensive resolve", "“We will defend our democratic values,” Biden said.", nil},
		{"assessment", "“It diminishes the standing of a country,” he added.", nil},
		{"threat noun without content", "Police investigated a bomb threat at the school.", nil},
		{"danger, not a threat", "He called the program a threat to global security.", nil},
		{"law is no actor", "The official said the bill would impose sanctions on banks.", nil},
		{"talking about it", "Peskov said it would be incorrect to talk about countermeasures.", nil},
		{"non-actor subject", "Those 221 characters threatened to further alienate China’s rulers.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := spansOf(suggest(t, tc.text), annotate.Threat, "")
			if !slices.Equal(got, tc.want) {
				t.Errorf("threats = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestThreatAttributes(t *testing.T) {
	s := suggest(t, "President Joe Biden met Russian President Vladimir Putin.\n\n“If they violate these norms, we will respond,” Biden said.")
	th, ok := findSpan(s, annotate.Threat, "If they violate these norms, we will respond")
	if !ok {
		t.Fatalf("threats = %q", spansOf(s, annotate.Threat, ""))
	}
	if th.AttrString(annotate.AttrIssuer) != "Joe Biden" || !th.AttrBool(annotate.AttrConditional) {
		t.Errorf("attrs = %v, want issuer Joe Biden, conditional", th.Attrs)
	}
	if _, ok := th.Attrs[annotate.AttrTarget]; !ok {
		t.Error("no target attribute")
	}
	rel, ok := (&annotate.Document{Relations: s.Relations}).RelationFrom(th.ID, annotate.IssuedBy)
	if !ok {
		t.Fatal("no issued_by relation")
	}
	for _, sp := range s.Spans {
		if sp.ID == rel.To && (sp.Label != annotate.Speaker || sp.Text != "Biden") {
			t.Errorf("issued_by points at %v %q", sp.Label, sp.Text)
		}
	}
}

func TestSuggestSpansWellFormed(t *testing.T) {
	s := suggest(t, "“He knows I will take action,” Biden said, noting that the United States will respond in kind. Biden threatened Putin.")
	ids := map[string]bool{}
	for _, sp := range s.Spans {
		if ids[sp.ID] {
			t.Errorf("id %s used twice", sp.ID)
		}
		ids[sp.ID] = true
		prefix := map[annotate.Label]string{annotate.Quote: "sq", annotate.Speaker: "ss", annotate.Threat: "st"}[sp.Label]
		if !strings.HasPrefix(sp.ID, prefix) {
			t.Errorf("id %s of a %s span", sp.ID, sp.Label)
		}
		if sp.Source != annotate.SourceSuggested {
			t.Errorf("source %q", sp.Source)
		}
		if sp.Score == nil || *sp.Score < 0 || *sp.Score > 1 {
			t.Errorf("score %v", sp.Score)
		}
		if sp.AttrString(annotate.AttrReason) == "" {
			t.Errorf("span %s has no reason", sp.ID)
		}
	}
	for _, r := range s.Relations {
		if !ids[r.From] || !ids[r.To] {
			t.Errorf("relation %v points outside the spans", r)
		}
	}
}

func TestSuggestLabelFilter(t *testing.T) {
	text := "“He knows I will take action,” Biden said."
	lex := testLexicon(t)
	for _, tc := range []struct {
		labels []annotate.Label
		want   map[annotate.Label]int
		rels   int
	}{
		{nil, map[annotate.Label]int{annotate.Quote: 1, annotate.Speaker: 1, annotate.Threat: 1}, 2},
		{[]annotate.Label{annotate.Quote}, map[annotate.Label]int{annotate.Quote: 1}, 0},
		{[]annotate.Label{annotate.Quote, annotate.Speaker}, map[annotate.Label]int{annotate.Quote: 1, annotate.Speaker: 1}, 1},
		{[]annotate.Label{annotate.Speaker}, map[annotate.Label]int{annotate.Speaker: 1}, 0},
		{[]annotate.Label{annotate.Threat, annotate.Speaker}, map[annotate.Label]int{annotate.Threat: 1, annotate.Speaker: 1}, 1},
	} {
		s := Suggest(text, Options{Labels: tc.labels, Lexicon: lex})
		got := (&annotate.Document{Spans: s.Spans}).CountLabels()
		for _, l := range annotate.Labels {
			if got[l] != tc.want[l] {
				t.Errorf("labels %v: %d %s spans, want %d", tc.labels, got[l], l, tc.want[l])
			}
		}
		if len(s.Relations) != tc.rels {
			t.Errorf("labels %v: %d relations, want %d", tc.labels, len(s.Relations), tc.rels)
		}
	}
}

func TestSuggestWithoutLexicon(t *testing.T) {
	s := Suggest("“We will respond,” Biden said. Others said it was fine.", Options{})
	if got := spansOf(s, annotate.Quote, ""); !slices.Equal(got, []string{"We will respond"}) {
		t.Errorf("quotes = %q", got)
	}
	if len(spansOf(s, annotate.Threat, "")) != 0 || len(s.Relations) != 0 {
		t.Error("without a lexicon only direct quotes are suggested")
	}
}

func TestSuggestCodePointOffsets(t *testing.T) {
	text := "Ünïcødé — “Ça va,” dit-il. 😀 “Très bien,” Biden said."
	s := suggest(t, text)
	r := []rune(text)
	for _, sp := range s.Spans {
		if string(r[sp.Start:sp.End]) != sp.Text {
			t.Errorf("span %q does not match code points %d..%d", sp.Text, sp.Start, sp.End)
		}
	}
	if got := spansOf(s, annotate.Quote, annotate.KindDirect); !slices.Equal(got, []string{"Ça va", "Très bien"}) {
		t.Errorf("quotes = %q", got)
	}
}

func TestLoadLexiconErrors(t *testing.T) {
	full := fstest.MapFS{}
	for _, name := range LexiconFiles {
		b, err := os.ReadFile("../../assets/lexicon/" + name)
		if err != nil {
			t.Fatal(err)
		}
		full[name] = &fstest.MapFile{Data: b}
	}
	if _, err := LoadLexicon(full); err != nil {
		t.Fatalf("full lexicon: %v", err)
	}
	missing := fstest.MapFS{}
	for k, v := range full {
		if k != "words.tsv" {
			missing[k] = v
		}
	}
	if _, err := LoadLexicon(missing); err == nil || !strings.Contains(err.Error(), "words.tsv") {
		t.Errorf("missing file: err = %v", err)
	}
	bad := fstest.MapFS{}
	for k, v := range full {
		bad[k] = v
	}
	bad["threat-cues.tsv"] = &fstest.MapFile{Data: []byte("cue\tkind\tweight\nrespond+\tnonsense\t0.5\n")}
	if _, err := LoadLexicon(bad); err == nil || !strings.Contains(err.Error(), "threat-cues.tsv:2") {
		t.Errorf("bad kind: err = %v", err)
	}
}

func TestLexiconExtension(t *testing.T) {
	lex, err := LoadLexicon(os.DirFS("../../assets/lexicon"))
	if err != nil {
		t.Fatal(err)
	}
	text := "Smith opined that the plan would fail."
	if got := spansOf(Suggest(text, Options{Lexicon: lex}), annotate.Quote, annotate.KindIndirect); len(got) != 0 {
		t.Fatalf("before: %q", got)
	}
	lex.AddVerbForm("opine", "opined", "speech", false)
	if got := spansOf(Suggest(text, Options{Lexicon: lex}), annotate.Quote, annotate.KindIndirect); !slices.Equal(got, []string{"the plan would fail"}) {
		t.Errorf("after adding a speech verb: %q", got)
	}
}

// TestSuggestGoldenSeeds checks the suggestions for the two seed articles
// against testdata/seeds.golden.jsonl, and that every gold span of
// the seeds is found.
func TestSuggestGoldenSeeds(t *testing.T) {
	golds := readDocs(t, "testdata/seeds.jsonl")
	lex := testLexicon(t)
	var buf bytes.Buffer
	var preds []*annotate.Document
	for _, g := range golds {
		p := Document(g, Options{Lexicon: lex})
		preds = append(preds, p)
		if err := annotate.WriteJSONL(&buf, p); err != nil {
			t.Fatal(err)
		}
	}
	const golden = "testdata/seeds.golden.jsonl"
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("suggestions for the seeds changed; review and run with -update if intended")
	}
	for i, g := range golds {
		text := []rune(g.Text)
		for _, k := range annotate.EvalKinds {
			var gb, pb [][2]int
			var gs []annotate.Span
			for _, s := range g.Spans {
				if annotate.EvalKind(s) == k {
					gb = append(gb, [2]int{s.Start, s.End})
					gs = append(gs, s)
				}
			}
			for _, s := range preds[i].Spans {
				if annotate.EvalKind(s) == k {
					pb = append(pb, [2]int{s.Start, s.End})
				}
			}
			mm := annotate.MatchSpans(gb, pb, text)
			for gi, s := range gs {
				if _, ok := mm[gi]; !ok {
					t.Errorf("%s: gold %s %q not found", g.ID, k, s.Text)
				}
			}
		}
	}
	res := annotate.Evaluate(golds, preds)
	if acc := res.SpeakerAccuracy; acc == nil || *acc < 1 {
		t.Errorf("speaker accuracy on the seeds = %v, want 1", acc)
	}
}

// TestSuggestGoldTargets checks the figures the project promises on the
// shared gold (seeds + dev).
func TestSuggestGoldTargets(t *testing.T) {
	needShared(t, "gold/dev.jsonl")
	golds := goldDocs(t)
	lex := testLexicon(t)
	var preds []*annotate.Document
	for _, g := range golds {
		preds = append(preds, Document(g, Options{Lexicon: lex}))
	}
	r := annotate.Evaluate(golds, preds)
	t.Logf("%s", r.JSON())
	for _, c := range []struct {
		name string
		got  float64
		min  float64
	}{
		{"QUOTE-direct F1", r.Kind("QUOTE-direct").F1, 0.95},
		{"QUOTE-indirect F1", r.Kind("QUOTE-indirect").F1, 0.75},
		{"THREAT F1", r.Kind("THREAT").F1, 0.60},
		{"THREAT-sentence F1", r.ThreatSentence.F1, 0.80},
	} {
		if c.got < c.min {
			t.Errorf("%s = %.3f, want >= %.2f", c.name, c.got, c.min)
		}
	}
	if r.SpeakerAccuracy == nil || *r.SpeakerAccuracy < 0.90 {
		t.Errorf("speaker accuracy = %v, want >= 0.90", r.SpeakerAccuracy)
	}
}

// longArticle builds a text of about n words from the seed articles.
func longArticle(t testing.TB, n int) string {
	t.Helper()
	var b strings.Builder
	docs := readDocs(t, "testdata/seeds.jsonl")
	for words := 0; words < n; {
		for _, d := range docs {
			b.WriteString(d.Text)
			b.WriteString("\n\n")
			words += len(strings.Fields(d.Text))
		}
	}
	return b.String()
}

// TestSuggestLongArticleTime checks the 50 ms budget for a 10,000-word
// article (skipped under the race detector and in -short runs, whose
// timings mean nothing).
func TestSuggestLongArticleTime(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("timing is not meaningful here")
	}
	text := longArticle(t, 10000)
	lex := testLexicon(t)
	Suggest(text, Options{Lexicon: lex}) // warm up
	best := time.Hour
	for i := 0; i < 5; i++ {
		start := time.Now()
		Suggest(text, Options{Lexicon: lex})
		best = min(best, time.Since(start))
	}
	t.Logf("10,000 words: %v", best)
	if best > 50*time.Millisecond {
		t.Errorf("a 10,000-word article took %v, budget 50ms", best)
	}
}

// TestSuggestScales guards against work that grows with the square of
// the text: ten times the words must not take much more than ten times
// as long.
func TestSuggestScales(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("timing is not meaningful here")
	}
	lex := testLexicon(t)
	timeOf := func(text string) time.Duration {
		best := time.Hour
		for i := 0; i < 3; i++ {
			start := time.Now()
			Suggest(text, Options{Lexicon: lex})
			best = min(best, time.Since(start))
		}
		return best
	}
	small, large := timeOf(longArticle(t, 10000)), timeOf(longArticle(t, 100000))
	t.Logf("10,000 words: %v; 100,000 words: %v", small, large)
	if large > 25*small {
		t.Errorf("100,000 words took %v, over 25 times the %v of 10,000 words", large, small)
	}
}

func BenchmarkSuggest10kWords(b *testing.B) {
	text := longArticle(b, 10000)
	lex := testLexicon(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Suggest(text, Options{Lexicon: lex})
	}
}

func FuzzSuggest(f *testing.F) {
	for _, s := range []string{"“a,” b said.", `"x`, "'", "‘’", "«»„“", "He said: \"", "\n\n\"\n\"", "“He knows I will take action,” Biden said."} {
		f.Add(s)
	}
	lex := testLexicon(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !strings.ContainsRune(s, 0) && isValidUTF8(s) {
			sg := Suggest(s, Options{Lexicon: lex})
			d := &annotate.Document{Text: s, Spans: sg.Spans, Relations: sg.Relations}
			if len(sg.Spans) > 0 {
				if err := d.Validate(); err != nil {
					t.Fatalf("%q: %v", s, err)
				}
			}
		}
	})
}

func isValidUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
