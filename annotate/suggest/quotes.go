package suggest

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sayso/sayso/annotate"
)

// Direct quotes: the text between quotation marks, minus titles,
// nicknames and scare quotes, with the speaker from the attribution.

// scareLeads are words right before a quotation mark that make it the
// writer's term rather than someone's words.
var scareLeads = []string{"so-called", "so called", "known as", "nicknamed", "the term", "the word", "the words", "the phrase", "the slogan", "the hashtag", "titled", "entitled", "headlined", "the label", "the name", "dubbed the"}

// quoteBounds returns the inner byte range of a quote, trimmed of space
// and of a trailing comma that joins it to its attribution.
func (a *analysis) quoteBounds(q quoteSpan) (int, int) {
	s, e := q.in, q.out
	for s < e {
		r, n := utf8.DecodeRuneInString(a.text[s:])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(a.text[:e])
		if !unicode.IsSpace(r) && r != ',' {
			break
		}
		e -= n
	}
	return s, e
}

func (a *analysis) findDirectQuotes() {
	var prev *quoteCand
	for qi, q := range a.quotes {
		if q.nested {
			continue
		}
		oi := a.qOpen[qi]
		if oi < 0 || a.boiler[a.toks[oi].para] {
			continue
		}
		s, e := a.quoteBounds(q)
		if s >= e {
			continue
		}
		c := &quoteCand{a: s, b: e, kind: annotate.KindDirect, quote: qi, score: 0.9}
		if why := a.notAQuote(qi); why != "" {
			continue
		}
		c.fragment = !a.standalone(qi)
		if a.lex != nil {
			a.attributeDirect(c, prev)
		}
		if c.reason == "" {
			if c.fragment {
				c.reason = "quoted fragment"
				c.score = 0.75
			} else {
				c.reason = "text in quotation marks"
				c.score = 0.8
			}
		}
		if q.unclosed {
			c.score -= 0.2
			c.reason += "; no closing mark"
		}
		a.direct = append(a.direct, c)
		prev = c
	}
}

// notAQuote returns why a quotation is not a quote (a title, nickname or
// scare quote), or "".
func (a *analysis) notAQuote(qi int) string {
	oi, ci := a.qOpen[qi], a.qClose[qi]
	if ci < 0 {
		return ""
	}
	inner := ci - oi - 1
	// scare quotes and terms: so-called “experts”
	before := strings.ToLower(a.text[max(0, a.toks[oi].s-20):a.toks[oi].s])
	before = strings.TrimRight(before, " ")
	for _, l := range scareLeads {
		if strings.HasSuffix(before, l) {
			return "term"
		}
	}
	// a quoted term inside the subject, before the main verb: Charles
	// Clarke's planned "control orders" mean …
	if inner <= 4 && !a.sentenceStart(oi) && !a.punct(oi-1, ":") && !a.punct(oi-1, ",") && a.isVerbAt(ci+1) && !a.is(ci+1, fSpeech) && !a.anyVerbBetween(a.sents[a.toks[oi].sentence].a, oi) {
		return "term in subject"
	}
	// nickname: Joe “the Hammer” Smith
	if inner <= 3 && oi > 0 && a.toks[oi].nl == 0 && a.toks[ci-1].kind == tkWord && a.isNameWord(oi-1) && a.isNameWord(ci+1) {
		return "nickname"
	}
	// title of a work or show: every word capitalised, no sentence
	words, caps := 0, 0
	for k := oi + 1; k < ci; k++ {
		t := a.toks[k]
		if t.kind == tkPunct && (t.low == "." || t.low == "?" || t.low == "!") {
			return ""
		}
		if t.kind != tkWord {
			continue
		}
		words++
		if t.cap || t.flags&(fDet|fPrep|fConj) != 0 && k > oi+1 {
			caps++
		}
	}
	if words >= 2 && words <= 8 && caps == words && !a.sentenceStart(oi) && !a.followedByAttribution(ci) {
		return "title"
	}
	return ""
}

func (a *analysis) anyVerbBetween(i, j int) bool {
	for k := i; k < j; k++ {
		if a.isRegularPast(k) && (a.isPossessive(k-1) || a.is(k-1, fDet)) {
			continue // an adjective: Clarke's planned orders
		}
		if a.isVerbAt(k) && !a.toks[k].cap {
			return true
		}
	}
	return false
}

// standalone reports whether a quote stands as a sentence of its own,
// with at most an attribution before or after it, as opposed to a
// fragment inside the writer's sentence.
func (a *analysis) standalone(qi int) bool {
	oi, ci := a.qOpen[qi], a.qClose[qi]
	okBefore := a.sentenceStart(oi) || a.punct(oi-1, ":") || a.toks[oi].nl > 0 || a.quotes[qi].contPrev ||
		oi > 0 && a.toks[oi-1].kind == tkPunct && isEndPunct(a.toks[oi-1].low) ||
		a.punct(oi-1, ",") && a.leadAttribution(oi) >= 0 || (oi > 0 && a.toks[oi-1].kind == tkQuote && !a.toks[oi-1].open)
	if !okBefore {
		return false
	}
	if ci < 0 {
		return true
	}
	n := ci + 1
	if n >= len(a.toks) || a.toks[n].nl > 0 || a.toks[n].sentence != a.toks[ci].sentence {
		return true
	}
	if a.toks[n].kind == tkQuote && a.toks[n].open {
		return true
	}
	if a.toks[n].kind == tkPunct && (isEndPunct(a.toks[n].low) || a.toks[n].low == ",") {
		return true
	}
	return a.followedByAttribution(ci)
}

// followedByAttribution reports an attribution right after a closing
// mark: “…,” Biden said / said Biden / the president later said.
func (a *analysis) followedByAttribution(ci int) bool {
	return a.rightAttributionVerb(ci) >= 0
}

// rightAttributionVerb finds the speech verb of an attribution that
// follows the closing mark at ci, or -1: said Biden / Biden said / the
// president later said / Coll, now a professor, told Texas Monthly.
func (a *analysis) rightAttributionVerb(ci int) int {
	j := ci + 1
	if a.punct(j, ",") {
		j++
	}
	if j >= len(a.toks) || a.toks[j].para != a.toks[ci].para || a.toks[j].kind != tkWord {
		return -1
	}
	endsSentence := a.toks[ci-1].kind == tkPunct && a.toks[ci-1].low == "."
	v := a.rightAttributionAt(ci, j, endsSentence)
	if v >= 0 && endsSentence && a.attributionGoesOn(v) {
		return -1
	}
	return v
}

// attributionGoesOn reports a speech verb after a quote that ends its
// sentence that introduces words of its own instead of closing the quote
// before it: a colon or a new quote after the verb (“….” Ann added:
// “…”), or a content clause (“….” Ann admitted she was tired).
func (a *analysis) attributionGoesOn(v int) bool {
	for k := v + 1; k < len(a.toks) && k-v <= 12; k++ {
		t := a.toks[k]
		if t.para != a.toks[v].para {
			return false
		}
		switch {
		case t.kind == tkQuote:
			return t.open && k > v+1
		case t.kind == tkPunct && t.low == ":":
			return true
		case t.kind == tkPunct:
			return false
		case k == v+1 && (a.is(k, fSubjPron) || a.low(k) == "that"):
			return true
		}
	}
	return false
}

// rightAttributionAt finds the speech verb of an attribution starting at
// token j after the closing mark at ci, or -1.
func (a *analysis) rightAttributionAt(ci, j int, endsSentence bool) int {
	if a.speechVerbAttr(j) {
		if e := a.verbEntry(j); e != nil && e.tense == 'b' {
			return -1 // a base form right after a quote is a noun: “…” vow
		}
		return j
	}
	if a.is(j, fPrep|fConj|fSub) && !a.is(j, fDet) {
		return -1
	}
	return a.subjectThenVerb(j, endsSentence)
}

// subjectThenVerb finds the speech verb after a subject noun phrase
// starting at j: NP (appositive) (adverbs) VERB; the noun phrase may
// hold -ed adjectives (the Communist party controlled newspaper) and the
// appositive abbreviations (Sen. Ann Lee, R-Neb., said). It returns -1
// when another verb comes first or the phrase runs long.
func (a *analysis) subjectThenVerb(j int, endsSentence bool) int {
	inApp := false
	for k := j; k < len(a.toks) && k-j < 22; k++ {
		t := a.toks[k]
		if inApp && t.low == "." && a.punct(k+1, ",") {
			continue // an abbreviation ends the appositive
		}
		if t.para != a.toks[j].para || t.kind == tkQuote || a.isBoundary(k) || t.kind == tkPunct && !a.npPunct(k, j) {
			return -1
		}
		if t.kind == tkPunct {
			if t.low == "," {
				inApp = !inApp
			}
			continue
		}
		if inApp {
			continue
		}
		if k > j && a.speechVerbAttr(k) {
			return a.nearVerb(k, j, endsSentence)
		}
		if k > j && a.clauseVerb(k) || k-j > 10 {
			return -1 // another verb first: a new clause
		}
	}
	return -1
}

// nearVerb returns the speech verb at k after a subject from j, or -1
// when a quote that ends its sentence is followed by a long subject
// (more likely a new sentence than its attribution).
func (a *analysis) nearVerb(k, j int, endsSentence bool) int {
	if endsSentence && k-j > 6 {
		return -1
	}
	return k
}

// npPunct reports punctuation that may stand inside a subject noun
// phrase starting at j: the commas of an appositive, %, $ and hyphens.
func (a *analysis) npPunct(k, j int) bool {
	switch a.low(k) {
	case ",":
		return k > j
	case "%", "$", "-":
		return true
	}
	return false
}

// clauseVerb reports a finite verb at k that is not an auxiliary.
func (a *analysis) clauseVerb(k int) bool {
	return (a.is(k, fPast|fPresent) && !a.is(k, fRole|fOrg|fDoc) || a.isPresentS(k)) && !a.is(k, fAux)
}

// speechVerbAttr reports a speech verb at k used as an attribution verb:
// finite, and for verbs that only attribute direct quotes (continued,
// asked) followed by the end of the clause, not by an object or "to".
func (a *analysis) speechVerbAttr(k int) bool {
	e := a.speechVerb(k, "speech direct document")
	if e == nil || e.tense == 'g' {
		return false
	}
	if e.class == "direct" && e.lemma != "quote" {
		n := k + 1
		if e.second != "" {
			n++
		}
		if n < len(a.toks) && a.isWord(n) && !a.toks[n].cap && !a.is(n, fPrep|fTime|fAdv|fDet) && !a.is(n, fObjPron) || a.low(n) == "to" || a.low(n) == "that" {
			return false // continued to be, answered the question
		}
	}
	return true
}

// leadAttribution finds the speech verb of an attribution before the
// opening mark at oi (Biden said: “…” / he told reporters, “…”), or -1.
func (a *analysis) leadAttribution(oi int) int {
	p := oi - 1
	// a title in quotation marks between the verb and the quote:
	// told Fox News' “Sunday Morning Futures,” “…”
	if p >= 0 && a.toks[p].kind == tkQuote && !a.toks[p].open {
		if o := a.qOpen[a.toks[p].quote]; o >= 0 {
			p = o - 1
		}
	}
	if a.punct(p, ":") || a.punct(p, ",") {
		p--
	}
	lo := a.sents[a.toks[oi].sentence].a
	for k := p; k >= lo && p-k <= 10; k-- {
		t := a.toks[k]
		if t.kind == tkQuote || t.kind == tkPunct && t.low != "," && t.low != "'" && t.low != "’" {
			return -1
		}
		if e := a.speechVerb(k, "speech direct document"); e != nil {
			return k
		}
		if a.isVerbAt(k) && !a.is(k, fAux) && k < p {
			return -1
		}
	}
	return -1
}

// attributeDirect finds the speaker of a direct quote: an attribution
// after it, before it, or the speaker of the quote it continues.
func (a *analysis) attributeDirect(c *quoteCand, prev *quoteCand) {
	if a.attributeFromRight(c) || c.fragment {
		return // fragments get their speaker from their sentence later
	}
	if a.attributeFromLead(c) || a.attributeAfterColon(c) || a.attributeFromSentenceBefore(c) {
		return
	}
	oi, ci := a.qOpen[c.quote], a.qClose[c.quote]
	// a short quote standing alone as a heading has no speaker
	if ci >= 0 && a.toks[oi].nl > 0 && (ci+1 >= len(a.toks) || a.toks[ci+1].nl > 0) && ci-oi <= 7 && a.toks[ci-1].kind == tkWord {
		return
	}
	a.attributeContinuation(c, prev)
}

// attributeFromRight takes the speaker of an attribution right after
// the quote (“…,” X said / said X); for relayed speech (X said the move
// “…,” state media reported) the speaker named before the quote.
func (a *analysis) attributeFromRight(c *quoteCand) bool {
	oi, ci := a.qOpen[c.quote], a.qClose[c.quote]
	if ci < 0 {
		return false
	}
	v := a.rightAttributionVerb(ci)
	if v < 0 {
		return false
	}
	m := a.attributionSubject(v, ci+1)
	if m == nil {
		m = a.appositiveSubject(ci+1, v)
	}
	if m == nil {
		return false
	}
	if e := a.verbEntry(v); e != nil && e.lemma == "report" {
		if pm := a.participleSpeakerBefore(oi); pm != nil {
			m = pm // with X describing it as “…”, the agency reported
		} else if cm := a.clauseSubjectBefore(oi); cm != nil {
			m = cm
		}
	}
	c.speaker = m
	c.score = 0.95
	c.reason = fmt.Sprintf("quote followed by its attribution, speech verb %q", a.tokText(v, v+1))
	return true
}

// appositiveSubject returns the name before the first comma of an
// attribution “…,” NAME, APPOSITIVE, VERB between j and the verb v, or
// nil.
func (a *analysis) appositiveSubject(j, v int) *mention {
	if a.punct(j, ",") {
		j++
	}
	for k := j + 1; k < v; k++ {
		if a.punct(k, ",") {
			if !a.hasName(j, k) {
				return nil
			}
			return a.newMention(j, k)
		}
	}
	return nil
}

// attributeFromLead takes the speaker of a speech verb that introduces
// the quote (X said: “…” / X told reporters, “…” / with X saying, “…”).
func (a *analysis) attributeFromLead(c *quoteCand) bool {
	v := a.leadAttribution(a.qOpen[c.quote])
	if v < 0 {
		return false
	}
	lo := a.sents[a.toks[v].sentence].a
	var m *mention
	if e := a.verbEntry(v); e != nil && e.tense == 'g' {
		m = a.withSubject(v, lo)
		if m == nil {
			m = a.sentenceSubject(a.toks[v].sentence)
		}
	} else {
		m = a.attributionSubject(v, lo)
	}
	if m == nil {
		return false
	}
	c.speaker = m
	c.score = 0.95
	c.reason = fmt.Sprintf("quote introduced by speech verb %q", a.tokText(v, v+1))
	return true
}

// attributeAfterColon takes the subject of the clause that a colon ends
// right before the quote, when it names an actor: X was unimpressed:
// “…” / X shared the post with the comment: “…”.
func (a *analysis) attributeAfterColon(c *quoteCand) bool {
	oi := a.qOpen[c.quote]
	if !a.punct(oi-1, ":") {
		return false
	}
	si := a.toks[oi-1].sentence
	m := a.sentenceSubject(si)
	if m == nil || m.b >= oi-1 || m.kind != mPerson && m.kind != mPronoun && m.kind != mOrg {
		return false
	}
	for k := m.b; k < oi-1; k++ {
		if a.toks[k].kind == tkQuote || a.punct(k, ":") || a.punct(k, ";") {
			return false
		}
	}
	c.speaker = m
	c.score = 0.7
	c.reason = "quote after a colon that ends a clause about its speaker"
	return true
}

// attributeFromSentenceBefore takes the subject of the sentence just
// before, when that sentence has no whole quote of its own (Ann Lee
// repeated her calls. “…” / Ann Lee called it “vital”. “…”).
func (a *analysis) attributeFromSentenceBefore(c *quoteCand) bool {
	oi := a.qOpen[c.quote]
	if !a.sentenceStart(oi) {
		return false
	}
	si := a.toks[oi].sentence
	if si == 0 || !a.onlyFragmentsIn(si-1) || a.toks[a.sents[si-1].a].para < a.toks[oi].para-1 {
		return false
	}
	m := a.sentenceSubject(si - 1)
	if m == nil || m.kind != mPerson && m.kind != mPronoun {
		return false
	}
	c.speaker = m
	c.score = 0.7
	c.reason = "quote after a sentence about its speaker"
	return true
}

// onlyFragmentsIn reports whether sentence si has no quote, or only
// quoted fragments inside its own clause.
func (a *analysis) onlyFragmentsIn(si int) bool {
	if a.noQuoteIn(si) {
		return true
	}
	s := a.sents[si]
	for _, q := range a.direct {
		o := a.qOpen[q.quote]
		if o >= s.a && o < s.b && (!q.fragment || a.sentenceStart(o)) {
			return false
		}
	}
	return true
}

// attributeContinuation takes the speaker of the previous quote of the
// paragraph, or of a quote running on from the previous paragraph.
func (a *analysis) attributeContinuation(c, prev *quoteCand) {
	if prev == nil || prev.speaker == nil {
		return
	}
	oi := a.qOpen[c.quote]
	po := a.qOpen[prev.quote]
	samePara := a.toks[po].para == a.toks[oi].para
	prevPara := a.toks[oi].para > 0 && a.toks[po].para == a.toks[oi].para-1 && a.lastQuoteOfPara(prev.quote)
	if samePara || a.quotes[c.quote].contPrev || prevPara && a.sentenceStart(oi) {
		c.speaker = prev.speaker
		c.score = 0.85
		c.reason = "continues the previous quote of the same speaker"
	}
}

// attributionSubject returns the speaker mention of the speech verb at v:
// after it for inverted attributions, else before it (not before lo).
func (a *analysis) attributionSubject(v, lo int) *mention {
	// relayed speech: X quoted Y as saying
	if e := a.verbEntry(v); e != nil && e.lemma == "quote" {
		k := v + 1
		for k < len(a.toks) && k-v < 10 && a.low(k) != "as" {
			k++
		}
		if a.low(k) == "as" && a.low(k+1) == "saying" {
			if st := a.npLeft(k, v+1); st < k {
				return a.newMention(st, k)
			}
		}
	}
	if v == lo || a.punct(v-1, ",") && v-1 == lo || v > 0 && a.toks[v-1].kind == tkQuote {
		if m := a.rightSubject(v); m != nil {
			return m
		}
	}
	return a.leftSubject(v, lo)
}

// lastQuoteOfPara reports whether the quote is the last one of its
// paragraph and ends it (nothing but an attribution after it).
func (a *analysis) lastQuoteOfPara(qi int) bool {
	oi := a.qOpen[qi]
	for k := qi + 1; k < len(a.quotes); k++ {
		if o := a.qOpen[k]; o >= 0 && !a.quotes[k].nested && a.toks[o].para == a.toks[oi].para {
			return false
		}
	}
	return true
}

// noQuoteIn reports whether sentence si holds no quotation marks.
func (a *analysis) noQuoteIn(si int) bool {
	s := a.sents[si]
	for k := s.a; k < s.b; k++ {
		if a.toks[k].kind == tkQuote {
			return false
		}
	}
	return true
}

// attributeFragments gives quoted fragments the speaker of the indirect
// quote around them, else the subject of their sentence.
func (a *analysis) attributeFragments() {
	for _, c := range a.direct {
		if c.speaker != nil {
			continue
		}
		if a.fragmentInIndirect(c) || !c.fragment {
			continue
		}
		a.attributeFragment(c)
	}
}

// fragmentInIndirect gives a quote inside an indirect quote the speaker
// of the innermost one (or of a speech verb nested in it), and reports
// whether it did.
func (a *analysis) fragmentInIndirect(c *quoteCand) bool {
	var in *quoteCand
	for _, iq := range a.indirect {
		if iq.a <= c.a && c.b <= iq.b+1 && iq.speaker != nil && (in == nil || iq.a > in.a) {
			in = iq
		}
	}
	if in == nil {
		return false
	}
	// a quote a passive verb introduces inside the clause is someone
	// else's: she was told, "…"
	if v := a.leadAttribution(a.qOpen[c.quote]); v >= 0 && a.passiveAt(v) {
		return false
	}
	c.speaker = in.speaker
	c.reason = "quoted words inside an indirect quote"
	// a speech verb nested in the reported clause speaks them: X said
	// the plan, which he said was “…”
	if m := a.nestedSpeaker(a.tokenAt(in.a), a.qOpen[c.quote]); m != nil {
		c.speaker = m
		c.reason = "quoted words after a speech verb inside an indirect quote"
	}
	return true
}

// attributeFragment finds the speaker of a quoted fragment outside any
// indirect quote: a headline's source, the owner of possessed words,
// the previous quote it continues, or its sentence's subject.
func (a *analysis) attributeFragment(c *quoteCand) {
	oi := a.qOpen[c.quote]
	// a headline's source: Turkey: '…' / '…' — clause, X says / X '…'
	m := a.headlineSource(oi)
	if m == nil {
		m = a.headlineName(a.sents[a.toks[oi].sentence].a, oi)
	}
	if m != nil {
		c.speaker = m
		c.score = 0.7
		c.reason = "quoted words in a headline credited to its source"
		return
	}
	// words a name possesses: Name's “…” vow, Name’s ‘…’ comments
	if m := a.possessorOf(oi); m != nil {
		c.speaker = m
		c.score = 0.7
		c.reason = "quoted words possessed by their source"
		return
	}
	// a whole sentence quoted right after the attributed quote of its
	// paragraph (“…,” says X, a specialist at Y. “…”) continues it
	if p := a.prevDirectInPara(c); p != nil && p.speaker != nil && a.wholeSentenceQuote(c) {
		c.speaker = p.speaker
		c.score = 0.8
		c.reason = "continues the previous quote of the same speaker"
		return
	}
	a.fragmentSubject(c, oi)
}

// possessorOf returns the name that possesses the quoted words opening
// at oi (Name's “…” vow), or nil.
func (a *analysis) possessorOf(oi int) *mention {
	p := oi - 1
	if p < 0 || !a.isPossessive(p) || !a.isNameWord(p) || a.is(p, fTitle|fRole) {
		return nil
	}
	st := a.npLeft(oi, a.sents[a.toks[oi].sentence].a)
	if st >= oi {
		return nil
	}
	m := a.newMention(st, oi)
	if m == nil || m.kind != mPerson {
		return nil
	}
	return m
}

// fragmentSubject gives a fragment the subject of its sentence, or of
// the nearest clause before it, when the fragment follows that
// subject's active verb.
func (a *analysis) fragmentSubject(c *quoteCand, oi int) {
	si := a.toks[oi].sentence
	m := a.sentenceSubject(si)
	// the subject of the nearest clause before the fragment, when it
	// names an actor: … after Trump set an ultimatum to fix “flaws”
	if cm := a.clauseSubjectBefore(oi); cm != nil && (m == nil || cm.a > m.a) {
		m = cm
	}
	if m == nil || m.b > oi {
		return
	}
	// the fragment must follow the subject's verb, which must not be
	// passive (Biden was asked if he could detail “something
	// concrete”)
	v := m.b
	for v < oi && !a.isVerbAt(v) {
		v++
	}
	if v >= oi || a.passiveAt(v) {
		return
	}
	c.speaker = m
	c.score = 0.75
	c.reason = "quoted words of the sentence's subject"
	// quoted words in the first person are not the subject's own (Her
	// superiors made "inappropriate comments about my figure"): they
	// belong to the source quoted just before
	if a.firstPerson(c) && !a.is(m.a, fSubjPron) {
		c.speaker = a.previousSpeaker(c.a)
		c.reason = "quoted words in the first person of the previous source"
	}
}

// nestedSpeaker returns the subject of the last active speech verb
// between tokens lo and k when that subject lies inside the same span
// (…, which he said was; Turkey has said it is), else nil.
func (a *analysis) nestedSpeaker(lo, k int) *mention {
	if lo < 0 {
		return nil
	}
	for v := k - 1; v > lo; v-- {
		if a.toks[v].inQuote != 0 || !a.isWord(v) {
			continue
		}
		e := a.speechVerb(v, "speech direct")
		if e == nil || e.tense == 'g' || e.tense == 'b' || a.passiveAt(v) {
			continue
		}
		m := a.leftSubject(v, lo)
		if m == nil || m.a < lo || m.b > v || a.low(m.a) == "that" || m.kind != mPerson && m.kind != mPronoun && m.kind != mOrg {
			return nil
		}
		return m
	}
	return nil
}

// prevDirectInPara returns the direct quote before c in its paragraph.
func (a *analysis) prevDirectInPara(c *quoteCand) *quoteCand {
	var best *quoteCand
	for _, q := range a.direct {
		if q.b <= c.a && a.toks[a.qOpen[q.quote]].para == a.toks[a.qOpen[c.quote]].para && !q.fragment {
			best = q
		}
	}
	return best
}

// wholeSentenceQuote reports a quote that starts with a capital and ends
// with its own closing punctuation, right after a sentence end.
func (a *analysis) wholeSentenceQuote(c *quoteCand) bool {
	oi, ci := a.qOpen[c.quote], a.qClose[c.quote]
	if ci < 0 || ci-oi < 3 || !a.toks[oi+1].cap || !(a.toks[ci-1].kind == tkPunct && isEndPunct(a.toks[ci-1].low)) {
		return false
	}
	p := oi - 1
	return p >= 0 && (a.toks[p].kind == tkPunct && isEndPunct(a.toks[p].low) || a.toks[p].kind == tkWord && strings.HasSuffix(a.low(p), "."))
}

// clauseSubjectBefore returns the subject of the nearest finite verb
// before token k in its sentence when it is a person, an organisation or
// a pronoun; nil otherwise.
func (a *analysis) clauseSubjectBefore(k int) *mention {
	lo := a.sents[a.toks[k].sentence].a
	for v := k - 1; v > lo; v-- {
		if a.toks[v].inQuote != 0 || !a.isWord(v) || a.toks[v].cap {
			continue
		}
		if !(a.is(v, fPast|fPresent) || a.isRegularPast(v) || a.isPresentS(v)) || a.is(v, fAux|fModal) {
			continue
		}
		p := v - 1
		for p > lo && a.is(p, fAdv) && !a.toks[p].cap {
			p--
		}
		if !a.isNameWord(p) && !a.is(p, fSubjPron) || a.isPossessive(p) {
			continue // Trump’s remarks: a noun
		}
		m := a.leftSubject(v, lo)
		if m == nil || m.b > v || (m.kind != mPerson && m.kind != mOrg && m.kind != mPronoun) {
			return nil
		}
		return m
	}
	return nil
}

// namingGerunds are -ing forms that put words in the mouth of the noun
// phrase before them: X describing / calling them “…”.
var namingGerunds = map[string]bool{"describing": true, "calling": true, "branding": true, "labelling": true, "labeling": true, "terming": true, "dubbing": true}

// participleSpeakerBefore returns the named actor of a speech participle
// before token k in its sentence (with Minister Ivo Petrov saying /
// describing them as “…”), or nil.
func (a *analysis) participleSpeakerBefore(k int) *mention {
	lo := a.sents[a.toks[k].sentence].a
	for v := k - 1; v > lo && k-v < 12; v-- {
		if a.toks[v].inQuote != 0 || !a.isWord(v) {
			continue
		}
		e := a.verbEntry(v)
		if !namingGerunds[a.low(v)] && (e == nil || e.tense != 'g' || e.class == "document") {
			continue
		}
		if !a.properHead(v - 1) {
			return nil
		}
		st := a.npLeft(v, lo)
		if st >= v {
			return nil
		}
		return a.newMention(st, v)
	}
	return nil
}

// firstPerson reports a quote in the first person (I, my, we, our).
func (a *analysis) firstPerson(c *quoteCand) bool {
	oi, ci := a.qOpen[c.quote], a.qClose[c.quote]
	if ci < 0 {
		return false
	}
	for k := oi + 1; k < ci; k++ {
		switch a.low(k) {
		case "i", "my", "me", "we", "our", "us", "mine":
			return true
		}
	}
	return false
}

// previousSpeaker returns the speaker of the last quote before byte b.
func (a *analysis) previousSpeaker(b int) *mention {
	var best *quoteCand
	for _, qs := range [][]*quoteCand{a.direct, a.indirect} {
		for _, q := range qs {
			if q.b <= b && q.speaker != nil && (best == nil || q.a > best.a) {
				best = q
			}
		}
	}
	if best == nil {
		return nil
	}
	return best.speaker
}

// passiveAt reports a passive verb group starting at v (was asked, were
// told).
func (a *analysis) passiveAt(v int) bool {
	for k := v; k < len(a.toks) && k-v < 4; k++ {
		switch a.low(k) {
		case "is", "are", "was", "were", "been", "being", "be", "get", "got":
			if a.isRegularPast(k+1) || a.is(k+1, fPast|fVerbish) || a.is(k+1, fSpeech|fDirectVerb) {
				return true
			}
		}
		if !a.is(k, fAux|fAdv|fNeg) {
			break
		}
	}
	return false
}

// headlineSource returns the source of a quote opening at token oi in a
// headline-style line: a name and a colon at the start of the paragraph
// (Turkey: purchase ‘a necessity’), or a quote that opens the paragraph,
// a dash and an attributed clause (‘…’ — talks stall, White House says).
func (a *analysis) headlineSource(oi int) *mention {
	si := a.toks[oi].sentence
	s := a.sents[si]
	if s.a > 0 && a.toks[s.a].nl == 0 {
		return nil // not at the start of a paragraph
	}
	for c := s.a + 1; c < oi && c-s.a <= 4; c++ {
		if !a.punct(c, ":") {
			if !a.isWord(c) || !a.toks[c].cap {
				break
			}
			continue
		}
		if !a.properHead(c-1) || !a.toks[s.a].cap || a.is(s.a, fDet|fSubjPron) {
			return nil
		}
		if a.anyVerbBetween(c+1, oi) {
			return nil // the line has its own clause: X: Nasa launches …
		}
		m := a.newMention(s.a, c)
		if m == nil || m.kind != mPerson && m.kind != mOrg {
			return nil
		}
		return m
	}
	ci := a.qClose[a.toks[oi].quote]
	if oi != s.a || ci < 0 || !(a.punct(ci+1, "—") || a.punct(ci+1, "–") || a.punct(ci+1, "-")) {
		return nil
	}
	b := a.toks[ci+1].e
	for _, iq := range a.indirect {
		if iq.speaker != nil && iq.a >= b && iq.a <= a.toks[ci+2].s {
			return iq.speaker
		}
	}
	return nil
}

// headlineName returns the name that opens the first line of the text
// right before a quoted fragment (Name ‘…’ ahead of vote), or nil.
func (a *analysis) headlineName(st, oi int) *mention {
	if a.toks[oi].para != 0 || oi-st < 1 || oi-st > 4 || !a.properHead(oi-1) {
		return nil
	}
	for k := st; k < oi; k++ {
		if !a.isNameWord(k) || a.isPossessive(k) {
			return nil
		}
	}
	m := a.newMention(st, oi)
	if m == nil || m.kind != mPerson && m.kind != mOrg {
		return nil
	}
	return m
}
