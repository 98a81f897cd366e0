// Package suggest is the suggestion engine: it finds quotes, their
// speakers and threats in an article's text and returns them as spans and
// relations of package annotate, with a score and a reason.
package suggest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sayso/sayso/annotate"
)

// Suggestions are computed by rules that state general English usage and
// follow the annotation guidelines; they are pure Go, need no network and
// keep no state between calls. The pipeline, one file per step:
//
//   - text.go: quotation marks of every style are paired per
//     paragraph (apostrophes told apart from single quotes, quotes over
//     several paragraphs split per paragraph), then the text is cut into
//     tokens and sentences.
//   - quotes.go: direct quotes, minus titles, nicknames and scare
//     quotes; the speaker comes from the attribution after or before the
//     quote, from the quote it continues, or from its sentence.
//   - indirect.go: indirect quotes, the finite content clause of
//     a speech verb in both orders (X said (that) … / …, X said), with
//     "according to" and participles (…, saying …).
//   - speaker.go: noun phrases, names and their fullest form, and
//     the entity of pronouns and descriptions.
//   - threat*.go: threats, in stages: cues found where threats
//     may be (threat_find.go), speech clauses with a harm cue in
//     a frame that commits the speaker (threat_clause.go, with
//     threat_harm.go), threat verbs and nouns the writer reports
//     with their content (threat_report.go), the writer's own
//     announcements (threat_writer.go); the word classes come
//     from threat-words.tsv (threat_words.go).
//   - lexicon.go: the word lists, loaded from assets/lexicon.

// Options tune Suggest.
type Options struct {
	// Labels limits the suggestions to these labels; empty means all.
	// Relations are kept when both ends are suggested.
	Labels []annotate.Label
	// Lexicon holds the cue lists (LoadLexicon(assets.LexiconFS())). With
	// a nil Lexicon only direct quotes are found.
	Lexicon *Lexicon
}

// Suggestions are the spans and relations suggested for one text. Span
// ids are unique (sq1…, ss1…, st1…), Source is "suggested", Score is a
// confidence in 0..1 and Attrs["reason"] says in a few words why.
type Suggestions struct {
	Spans     []annotate.Span
	Relations []annotate.Relation
}

// Suggest finds quotes, speakers and threats in text.
func Suggest(text string, opts Options) Suggestions {
	a := newAnalysis(text, opts.Lexicon)
	a.run()
	return a.result(opts.Labels)
}

// Document returns a copy of d whose spans and relations are
// replaced by suggestions for its text.
func Document(d *annotate.Document, opts Options) *annotate.Document {
	c := d.Clone()
	s := Suggest(d.Text, opts)
	c.Spans = s.Spans
	c.Relations = s.Relations
	return c
}

// analysis is the state of one Suggest call.
type analysis struct {
	text   string
	lex    *Lexicon
	toks   []tok
	sents  []sentence
	quotes []quoteSpan
	qOpen  []int  // token index of each quote's opening mark
	qClose []int  // token index of its closing mark, -1 when none
	boiler []bool // per paragraph: boilerplate
	paraOf []int  // first token of each paragraph

	names              []nameMention // capitalised names, in text order
	byLast             map[string][]int
	byFirst            map[string][]int
	canon              map[string]canonResult // canonical() results by name
	lowerSeen, capSeen map[string]bool
	// entityTitles holds the titles seen on each canonical name.
	entityTitles map[string][]string
	salient      []salience // subjects and speakers, in text order
	subjects     map[int]*mention

	direct   []*quoteCand
	indirect []*quoteCand
	threats  []*threatCand
	// warned is set while the content of a warning is read: what a
	// warning says will happen is framed by the warning.
	warned bool
}

// mention is a reference to a speaker or actor: tokens [a,b).
type mention struct {
	a, b   int
	entity string
	kind   int // mPerson, mOrg, mPronoun, mDesc, mGroup
	plural bool
	reason string
	// orgHead is the organisation noun after a name (the Trump
	// administration).
	orgHead string
}

// Mention kinds.
const (
	mUnknown = iota
	mPerson
	mOrg
	mPronoun
	mDesc
	mGroup
)

// quoteCand is a suggested quote.
type quoteCand struct {
	a, b     int // byte range of the span
	kind     string
	speaker  *mention
	score    float64
	reason   string
	quote    int // direct: index into quotes
	fragment bool
}

// threatCand is a suggested threat.
type threatCand struct {
	a, b        int
	issuer      *mention
	target      string
	conditional bool
	ts, te      int // tokens where the target is looked for
	score       float64
	reason      string
	reported    bool // a writer's report with a threat verb
}

func newAnalysis(text string, lex *Lexicon) *analysis {
	a := &analysis{text: text, lex: lex, subjects: map[int]*mention{}}
	var marks []markRole
	a.quotes, marks = scanQuotes(text)
	a.toks = tokenize(text, marks, make([]tok, 0, len(text)/5+8))
	for i := range a.toks {
		t := &a.toks[i]
		if t.kind == tkWord {
			t.flags = a.wordFlags(t.low)
		}
	}
	markInQuote(a.toks, a.quotes)
	a.sents = splitSentences(a.toks, a.quotes)
	a.qOpen = make([]int, len(a.quotes))
	a.qClose = make([]int, len(a.quotes))
	for i := range a.quotes {
		a.qOpen[i], a.qClose[i] = -1, -1
	}
	for i, t := range a.toks {
		if t.kind == tkQuote {
			if t.open {
				a.qOpen[t.quote] = i
			} else {
				a.qClose[t.quote] = i
			}
		}
		if i == 0 || t.para != a.toks[i-1].para {
			a.paraOf = append(a.paraOf, i)
		}
	}
	return a
}

// wordFlags returns the flags of a lower-case word token, with
// contractions and possessives taken apart.
func (a *analysis) wordFlags(w string) uint64 {
	f := a.lex.flagsOf(w)
	if f != 0 {
		return f
	}
	if i := strings.LastIndexByte(w, '\''); i > 0 {
		base, suf := w[:i], w[i:]
		switch suf {
		case "'ll":
			return fAux | fModal | fFunction
		case "'re", "'ve", "'m", "'d":
			return fAux | fFunction
		case "'s":
			switch base {
			case "it", "he", "she", "that", "there", "what", "who", "here", "where", "let":
				return fAux | fFunction
			}
		}
		if strings.HasSuffix(w, "n't") {
			return fAux | fNeg | fFunction
		}
	}
	if w != "" && w[0] >= '0' && w[0] <= '9' {
		return fNumber
	}
	return 0
}

func (a *analysis) run() {
	a.findBoilerplate()
	a.findNames()
	a.findDirectQuotes()
	if a.lex != nil {
		a.findIndirectQuotes()
		a.attributeFragments()
		a.findThreats()
	}
	a.resolveAll()
	a.finishThreats()
}

// tokText returns the text of tokens [i,j).
func (a *analysis) tokText(i, j int) string {
	if i >= j {
		return ""
	}
	return a.text[a.toks[i].s:a.toks[j-1].e]
}

// result builds the spans and relations.
func (a *analysis) result(labels []annotate.Label) Suggestions {
	want := func(l annotate.Label) bool {
		if len(labels) == 0 {
			return true
		}
		for _, x := range labels {
			if x == l {
				return true
			}
		}
		return false
	}
	r := annotate.NewRunes(a.text)
	var out Suggestions
	counter := map[annotate.Label]int{}
	newID := func(l annotate.Label) string {
		counter[l]++
		return fmt.Sprintf("s%s%d", strings.ToLower(string(l[:1])), counter[l])
	}
	span := func(l annotate.Label, bs, be int, score float64, reason string, attrs map[string]any) annotate.Span {
		s := annotate.Span{Label: l, Start: r.CodePoint(bs), End: r.CodePoint(be), Source: annotate.SourceSuggested}
		s.Text = r.Slice(s.Start, s.End)
		sc := float64(int(score*100+0.5)) / 100
		s.Score = &sc
		if attrs == nil {
			attrs = map[string]any{}
		}
		attrs[annotate.AttrReason] = reason
		s.Attrs = attrs
		return s
	}
	// speakers first, deduplicated by offsets, so quotes can link to them
	speakerIDs := map[[2]int]string{}
	var pending []annotate.Span
	speakerOf := func(m *mention) string {
		if m == nil || !want(annotate.Speaker) {
			return ""
		}
		bs, be := a.toks[m.a].s, a.toks[m.b-1].e
		key := [2]int{bs, be}
		if id, ok := speakerIDs[key]; ok {
			return id
		}
		score := 0.9
		if m.kind == mPronoun || m.kind == mDesc {
			score = 0.75
		}
		reason := m.reason
		if reason == "" {
			reason = "source of a quote"
		}
		s := span(annotate.Speaker, bs, be, score, reason, map[string]any{annotate.AttrEntity: m.entity})
		pending = append(pending, s)
		speakerIDs[key] = "?" // numbered below, in text order
		return "?"
	}
	type link struct {
		from  string
		label string
		m     *mention
	}
	var links []link
	quotes := append(append([]*quoteCand{}, a.direct...), a.indirect...)
	sort.SliceStable(quotes, func(i, j int) bool { return quotes[i].a < quotes[j].a })
	if want(annotate.Quote) {
		for _, q := range quotes {
			s := span(annotate.Quote, q.a, q.b, q.score, q.reason, map[string]any{annotate.AttrKind: q.kind})
			s.ID = newID(annotate.Quote)
			out.Spans = append(out.Spans, s)
			if q.speaker != nil && speakerOf(q.speaker) != "" {
				links = append(links, link{s.ID, annotate.AttributedTo, q.speaker})
			}
		}
	}
	if want(annotate.Threat) {
		for _, t := range a.threats {
			attrs := map[string]any{annotate.AttrIssuer: "", annotate.AttrTarget: t.target, annotate.AttrConditional: t.conditional}
			if t.issuer != nil {
				attrs[annotate.AttrIssuer] = t.issuer.entity
			}
			s := span(annotate.Threat, t.a, t.b, t.score, t.reason, attrs)
			s.ID = newID(annotate.Threat)
			out.Spans = append(out.Spans, s)
			if t.issuer != nil && speakerOf(t.issuer) != "" {
				links = append(links, link{s.ID, annotate.IssuedBy, t.issuer})
			}
		}
	}
	if !want(annotate.Quote) && !want(annotate.Threat) && want(annotate.Speaker) {
		for _, q := range quotes {
			speakerOf(q.speaker)
		}
		for _, t := range a.threats {
			speakerOf(t.issuer)
		}
	}
	sort.SliceStable(pending, func(i, j int) bool { return pending[i].Start < pending[j].Start })
	for i := range pending {
		pending[i].ID = newID(annotate.Speaker)
		bs, be := r.Byte(pending[i].Start), r.Byte(pending[i].End)
		speakerIDs[[2]int{bs, be}] = pending[i].ID
	}
	out.Spans = append(out.Spans, pending...)
	for _, l := range links {
		bs, be := a.toks[l.m.a].s, a.toks[l.m.b-1].e
		out.Relations = append(out.Relations, annotate.Relation{Label: l.label, From: l.from, To: speakerIDs[[2]int{bs, be}]})
	}
	sort.SliceStable(out.Spans, func(i, j int) bool { return annotate.SpanLess(out.Spans[i], out.Spans[j]) })
	return out
}
