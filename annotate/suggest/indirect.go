package suggest

import (
	"fmt"
	"strings"

	"github.com/sayso/sayso/annotate"
)

// Indirect quotes: the finite content clause of a speech or writing verb,
// in both orders (X said (that) … / …, X said), without the cue and
// without "that".

// addIndirectFunc records an indirect quote over tokens [s,e) with its
// speaker, score and reason.
type addIndirectFunc = func(s, e int, m *mention, score float64, reason string)

// findIndirectQuotes finds the content clauses of speech verbs and of
// "according to", each with its source.
func (a *analysis) findIndirectQuotes() {
	add := a.indirectAdder()
	for i := range a.toks {
		t := a.toks[i]
		if t.kind != tkWord || a.boiler[t.para] || t.inQuote != 0 && !a.nestedReport(i) {
			continue
		}
		if t.low == "according" && a.low(i+1) == "to" {
			a.accordingTo(i, add)
			continue
		}
		e := a.speechVerb(i, "speech document")
		if e == nil {
			continue
		}
		after := i + 1
		if e.second != "" {
			after++
		}
		verbWord := a.tokText(i, after)
		switch {
		case e.tense == 'g':
			a.participleContent(i, after, e, verbWord, add)
		case e.class == "document" && !a.documentSubject(i):
		case a.backwardContent(i, e, verbWord, add):
		default:
			a.forwardContent(i, after, e, verbWord, add)
		}
	}
}

// nestedReport reports a speech verb at i inside a direct quote whose
// subject is a third party named in the quote (“The police have said
// they …”), which reports speech inside the speech; not the quoted
// speaker's own (I said, we told them).
func (a *analysis) nestedReport(i int) bool {
	e := a.speechVerb(i, "speech")
	if e == nil || e.tense == 'g' || e.tense == 'b' || e.lemma == "suggest" {
		return false // X's choice suggests …: an inference, not speech
	}
	m := a.leftSubject(i, 0)
	if m == nil || a.toks[m.a].inQuote != a.toks[i].inQuote || m.kind == mPronoun {
		return false
	}
	return a.is(m.a, fDet) || a.isNameWord(m.a)
}

// indirectAdder returns the function that records an indirect quote:
// the clause trimmed of punctuation at its start and of trailing
// adjuncts, once per span, and not when it is one direct quote or a
// participle with content of its own.
func (a *analysis) indirectAdder() addIndirectFunc {
	done := map[[2]int]bool{}
	return func(s, e int, m *mention, score float64, reason string) {
		for s < e && a.toks[s].kind == tkPunct && a.toks[s].low != "$" && a.toks[s].low != "£" {
			s++
		}
		e = a.trimClauseEnd(s, e)
		if e-s < 2 {
			return
		}
		if v := a.speechVerb(s, "speech direct document"); v != nil && v.tense == 'g' {
			return // …, saying …: the participle has its own content
		}
		bs, be := a.toks[s].s, a.toks[e-1].e
		key := [2]int{bs, be}
		if done[key] {
			return
		}
		// a clause that is one direct quote is not an indirect one
		if a.toks[s].kind == tkQuote && a.toks[s].open && a.qClose[a.toks[s].quote] >= e-2 {
			return
		}
		done[key] = true
		a.indirect = append(a.indirect, &quoteCand{a: bs, b: be, kind: annotate.KindIndirect, speaker: m, score: score, reason: reason})
	}
}

// documentSubject reports whether the document verb at v (a report
// found) has a document as its subject, outside another indirect quote.
func (a *analysis) documentSubject(v int) bool {
	m := a.leftSubject(v, 0)
	return m != nil && a.is(m.b-1, fDoc) && !a.insideIndirect(a.toks[v].s)
}

// participleContent reads the content of a speech participle: fronted
// (Insisting that …, X said), a reduced relative after its actor
// (comments from X warning the government that …), or after a comma or
// an absolute "with" (…, saying …; with X saying …).
func (a *analysis) participleContent(i, after int, e *verbEntry, verbWord string, add addIndirectFunc) {
	if a.sentenceStart(i) {
		a.frontedParticiple(i, after, e, verbWord, add)
		return
	}
	if actor := a.actorEndingAt(i); actor != nil && e.object {
		k := a.skipObject(e, after)
		if k > after && a.low(k) == "that" {
			end := a.clauseEnd(k + 1)
			if a.finiteClause(k+1, end) {
				add(k+1, end, actor, 0.7, fmt.Sprintf("content clause after %q", verbWord))
			}
		}
		return
	}
	lo := a.sents[a.toks[i].sentence].a
	if m := a.quotedAsSaying(i, lo); m != nil {
		a.participleClause(e, after, m, verbWord, add)
		return
	}
	afterComma := a.punct(i-1, ",") || a.punct(i-1, "-") || a.punct(i-1, "—") || a.is(i-1, fConj) && a.punct(i-2, ",")
	if !afterComma && a.withSubject(i, lo) == nil {
		return
	}
	if m := a.participleSubject(i); m != nil && m.b <= i {
		a.participleClause(e, after, m, verbWord, add)
	}
}

// participleClause adds the finite content clause after a speech
// participle and its object (saying that …, telling reporters …).
func (a *analysis) participleClause(e *verbEntry, after int, m *mention, verbWord string, add addIndirectFunc) {
	k := a.skipObject(e, after)
	if a.low(k) == "that" {
		k++
	}
	if end := a.clauseEnd(k); a.finiteClause(k, end) {
		add(k, end, m, 0.75, fmt.Sprintf("content clause after %q", verbWord))
	}
}

// backwardContent reads a clause before its attribution (CLAUSE, X
// said. / CLAUSE, said X.) and a clause that goes on after it (X, Mr
// Cook said, because …); it reports whether the verb was such an
// attribution.
func (a *analysis) backwardContent(v int, e *verbEntry, verbWord string, add addIndirectFunc) bool {
	bs, be, m := a.backwardClause(v, e)
	if bs < 0 {
		return false
	}
	rest := a.attributionEnd(v, e)
	if rest >= 0 && a.punct(rest, ",") && a.predicateAt(rest+1) && be > bs {
		// a mid-clause attribution: SUBJECT, X said, PREDICATE; the two
		// parts are the reported words
		add(bs, be, m, 0.7, fmt.Sprintf("subject before the mid-clause attribution %q", verbWord))
		add(rest+1, a.clauseEnd(rest+1), m, 0.7, fmt.Sprintf("predicate after the mid-clause attribution %q", verbWord))
		return true
	}
	if be-bs < 3 || !a.finiteClause(bs, be) {
		return false
	}
	if a.is(bs, fSub) && !a.commaInside(bs, be) {
		return true // When asked about it, X said: an adverbial clause only
	}
	if cm := a.clauseSubjectBefore(be - 1); e.lemma == "report" && cm != nil && cm.a >= bs && cm.a <= bs+1 {
		// relayed: X called it “…”, the agency reported: X's words, not
		// the agency's clause
		return true
	}
	add(bs, be, m, 0.75, fmt.Sprintf("clause before its attribution %q", verbWord))
	if rest >= 0 && a.punct(rest, ",") {
		k := rest + 1
		end := a.clauseEnd(k)
		if a.is(k, fSub) && a.finiteClause(k+1, end) {
			add(k, end, m, 0.65, fmt.Sprintf("clause continuing after its attribution %q", verbWord))
		}
	}
	return true
}

// commaBefore returns the first comma or dash outside quotation marks in
// (k,end), where a relative clause set off by commas ends, else end.
func (a *analysis) commaBefore(k, end int) int {
	for j := k + 1; j < end; j++ {
		if (a.punct(j, ",") || a.punct(j, "-") || a.punct(j, "—") || a.punct(j, "–")) && a.toks[j].inQuote == 0 {
			return j
		}
	}
	return end
}

// commaInside reports a comma outside quotation marks in (i,j).
func (a *analysis) commaInside(i, j int) bool {
	for k := i + 1; k < j; k++ {
		if a.punct(k, ",") && a.toks[k].inQuote == 0 {
			return true
		}
	}
	return false
}

// whWord reports a question word that opens an embedded question (how,
// what, why, whether, where, when, if).
func (a *analysis) whWord(k int) bool {
	switch a.low(k) {
	case "how", "what", "why", "whether", "where", "when", "if", "which", "who":
		return true
	}
	return false
}

// predicateAt reports a finite verb phrase starting at k (is, was,
// has clearly forgotten, will rise), the rest of a clause whose subject
// came before an attribution.
func (a *analysis) predicateAt(k int) bool {
	for n := k; n < len(a.toks) && n-k < 2 && a.is(n, fAdv) && !a.toks[n].cap; n++ {
		k = n + 1
	}
	if !a.isWord(k) || a.toks[k].cap || a.toks[k].inQuote != 0 {
		return false
	}
	return a.is(k, fAux|fModal) && !a.is(k, fSubjPron) || a.is(k, fPast|fPresent) && !a.is(k, fFunction) || a.isRegularPast(k)
}

// contentStart returns where the content clause after a speech verb
// starts (after its object, a parenthetical adverb, "that", or a comma:
// X said, this is new) and whether "that" introduced it; -1 when the
// verb has no room for one.
func (a *analysis) contentStart(e *verbEntry, after int) (int, bool) {
	k := a.skipObject(e, after)
	if k < 0 {
		return -1, false
	}
	if a.punct(k, ",") && a.is(k+1, fAdv) && a.punct(k+2, ",") {
		k += 3
	}
	if a.low(k) == "that" {
		return k + 1, true
	}
	if k == after && a.punct(k, ",") && a.startsClause(k+1) && !a.is(k+1, fSub|fRel) {
		k++ // X said, this is nothing new
	}
	return k, false
}

// forwardContent reads the content clause after a speech verb and its
// object: X said (that) CLAUSE, X told reporters, frankly, that CLAUSE.
func (a *analysis) forwardContent(v, after int, e *verbEntry, verbWord string, add addIndirectFunc) {
	k, that := a.contentStart(e, after)
	if k < 0 || k >= len(a.toks) || a.toks[k].sentence != a.toks[v].sentence || a.punct(k, ":") || !that && a.whWord(k) {
		return // told people how …: a question or topic, not reported words
	}
	end := a.clauseEnd(k)
	finite := a.finiteClause(k, end) || that && a.anyVerbBetween(k, end)
	if !finite {
		if !a.relativeGap(v, k, end) {
			return
		}
		end = a.commaBefore(k, end) // who X said collected bribes, pleaded …
	}
	m := a.leftSubject(v, 0)
	if m == nil {
		return
	}
	if e.lemma == "suggest" && m.kind != mPerson && m.kind != mPronoun && !a.is(m.b-1, fRole|fDoc|fOrg) {
		return // suggested by a person only
	}
	add(k, end, m, 0.8, fmt.Sprintf("content clause of speech verb %q", verbWord))
}

// frontedParticiple reads a participle that opens its sentence:
// Insisting that the plan works, Kerry said … The content runs to the
// comma before the main clause, whose subject is the speaker.
func (a *analysis) frontedParticiple(i, after int, e *verbEntry, verbWord string, add addIndirectFunc) {
	k := a.skipObject(e, after)
	if k < 0 || a.low(k) != "that" {
		return
	}
	k++
	si := a.toks[i].sentence
	end := a.clauseEnd(k)
	if end >= a.sents[si].b || !a.punct(end, ",") {
		return
	}
	v := a.attributionAfter(end + 1)
	if v < 0 || !a.finiteClause(k, end) {
		return
	}
	m := a.attributionSubject(v, end+1)
	if m == nil {
		return
	}
	add(k, end, m, 0.7, fmt.Sprintf("content clause after %q", verbWord))
}

// participleSubject returns the subject of a participle (…, saying …):
// the speaker of the speech verb before it in the sentence, else the
// sentence's subject.
func (a *analysis) participleSubject(i int) *mention {
	lo := a.sents[a.toks[i].sentence].a
	if m := a.withSubject(i, lo); m != nil {
		return m
	}
	for k := i - 1; k >= lo; k-- {
		if a.toks[k].inQuote != 0 {
			continue
		}
		if e := a.speechVerb(k, "speech direct"); e != nil && e.tense != 'g' {
			return a.attributionSubject(k, lo)
		}
	}
	return a.sentenceSubject(a.toks[i].sentence)
}

// quotedAsSaying returns the source of relayed speech "X quoted Y as
// saying …" for the participle at i: Y, or nil.
func (a *analysis) quotedAsSaying(i, lo int) *mention {
	if a.low(i-1) != "as" {
		return nil
	}
	for v := i - 2; v > lo && i-v < 14; v-- {
		if e := a.verbEntry(v); e != nil && e.lemma == "quote" {
			return a.attributionSubject(v, lo)
		}
	}
	return nil
}

// withSubject returns the subject of a participle in an absolute
// construction after "with" (…, with Finance Minister Ann Lee saying …),
// or nil.
func (a *analysis) withSubject(v, lo int) *mention {
	st := a.npLeft(v, lo)
	if st >= v || st == 0 || a.low(st-1) != "with" || !a.hasName(st, v) && !a.is(v-1, fRole|fOrg) {
		return nil
	}
	return a.newMention(st, v)
}

// relativeGap reports "which the CIA says was designed …": a clause
// whose subject is the relative pronoun before the speaker.
func (a *analysis) relativeGap(v, k, end int) bool {
	m := a.leftSubject(v, 0)
	if m == nil || m.a == 0 {
		return false
	}
	if !a.is(m.a-1, fRel) {
		return false
	}
	return k < end && a.is(k, fAux|fPast|fPresent) || a.isRegularPast(k)
}

// skipObject skips what may stand between a speech verb and its content
// clause: a hearer object (told reporters, warned Putin), time words and
// short adverbial phrases (in a statement, on Twitter). It returns the
// token where the clause may start.
func (a *analysis) skipObject(e *verbEntry, k int) int {
	for n := 0; n < 4 && k < len(a.toks); n++ {
		switch {
		case a.is(k, fTime) || a.is(k, fAdv) && !a.toks[k].cap:
			k++
			if a.is(k, fTime) {
				k++
			}
		case (a.low(k) == "this" || a.low(k) == "last" || a.low(k) == "late" || a.low(k) == "earlier" || a.low(k) == "on") && a.is(k+1, fTime):
			k += 2
		case a.timePhrase(k) > k:
			k = a.timePhrase(k)
		case a.is(k, fPrep) && !a.toks[k].cap && (a.low(k) == "in" || a.low(k) == "on" || a.low(k) == "at" || a.low(k) == "during" || a.low(k) == "via" || a.low(k) == "to" && !e.object) && a.adverbialPhrase(k) > k:
			k = a.adverbialPhrase(k)
		case e.object && n == 0 && (a.is(k, fObjPron) || a.npWord(k) || a.is(k, fDet)) && a.low(k) != "that":
			st := k
			if a.is(k, fObjPron) && !a.is(k, fPossPron) {
				k++
			} else {
				if a.is(k, fDet) {
					k++
				}
				for k < len(a.toks) && k-st < 6 && a.npWord(k) && !(!a.toks[k].cap && a.is(k, fTime)) {
					k++
					if a.isPossessive(k - 1) {
						continue
					}
				}
			}
			if k == st {
				return k
			}
		default:
			return k
		}
	}
	return k
}

// timePhrase returns the end of a date like "on 7 March 2003" or "in
// 2014" starting at k, or k.
func (a *analysis) timePhrase(k int) int {
	switch a.low(k) {
	case "on", "in", "by", "since", "until", "during":
	default:
		return k
	}
	j := k + 1
	seen := false
	for j < len(a.toks) && j-k < 5 && (a.is(j, fTime|fNumber) || a.low(j) == "the") {
		if a.is(j, fTime|fNumber) {
			seen = true
		}
		j++
	}
	if !seen {
		return k
	}
	return j
}

// adverbialPhrase returns the end of a short phrase like "in a statement",
// "on Twitter", "in an interview with Fox News", or k when there is none.
func (a *analysis) adverbialPhrase(k int) int {
	j := k + 1
	if a.is(j, fDet) {
		j++
	}
	st := j
	for j < len(a.toks) && j-st < 4 && a.npWord(j) {
		j++
	}
	if j == st {
		return k
	}
	head := a.low(j - 1)
	if a.low(k) == "to" {
		if a.is(k+1, fDet|fPossPron) || a.toks[k+1].cap || a.is(k+1, fRole|fOrg) {
			return j // said to reporters
		}
		return k
	}
	switch head {
	case "statement", "interview", "letter", "email", "post", "tweet", "briefing", "conference", "speech", "call", "message", "editorial", "column", "report", "video", "broadcast", "hearing", "testimony", "op-ed", "piece", "book", "article", "radio", "television", "tv", "twitter", "facebook":
	default:
		if !a.toks[j-1].cap && !a.is(j-1, fDoc) {
			return k
		}
	}
	// … with Fox News, … to reporters
	if (a.low(j) == "with" || a.low(j) == "to" || a.low(j) == "for") && (a.isNameWord(j+1) || a.is(j+1, fDet)) {
		j++
		for j < len(a.toks) && a.npWord(j) {
			j++
		}
	}
	return j
}

// clauseEnd returns the end (exclusive) of a content clause starting at
// k: the end of the sentence, or a new attribution inside it.
func (a *analysis) clauseEnd(k int) int {
	if k >= len(a.toks) {
		return k
	}
	si := a.toks[k].sentence
	end := a.sents[si].b
	for j := k + 1; j < end; j++ {
		t := a.toks[j]
		if t.kind == tkPunct && t.low == ";" && (t.e >= len(a.text) || a.text[t.e] == ' ' || a.text[t.e] == '\n') {
			return j
		}
		if a.contentComma(j, end) && a.commaEndsContent(j) {
			return j
		}
		if t.kind == tkWord && t.inQuote == 0 && j > k+2 && (a.writerAdjunctAt(j) || a.newReportAt(j) || a.speakerVerbAfter(k, j)) {
			return j
		}
	}
	return end
}

// contentComma reports a comma at j outside quotation marks, or inside
// a closing mark (the move “crossed red lines,” X said).
func (a *analysis) contentComma(j, end int) bool {
	t := a.toks[j]
	return t.kind == tkPunct && t.low == "," && (t.inQuote == 0 || j+1 < end && a.toks[j+1].kind == tkQuote && !a.toks[j+1].open)
}

// commaEndsContent reports whether the comma at j ends a content clause:
// an attribution after it (, according to … / , saying … / , X said; a
// comma inside the closing mark too: the move “crossed red lines,” X
// said), or a participle adjunct of the writer's (…, prompting an
// effort; …, reportedly costing more).
func (a *analysis) commaEndsContent(j int) bool {
	n := j + 1
	if a.toks[j].inQuote != 0 {
		n++ // after the closing mark
	}
	if a.low(n) == "according" && a.low(n+1) == "to" {
		return true
	}
	if e := a.speechVerb(n, "speech direct"); e != nil {
		return true
	}
	if v := a.attributionAfter(n); v >= 0 {
		return true
	}
	if w := a.low(j + 1); strings.HasSuffix(w, "ing") && len(w) > 5 && a.isWord(j+1) && !a.toks[j+1].cap && !a.is(j+1, fFunction) && a.is(j+2, fDet|fObjPron|fPossPron) {
		return true
	}
	w, p := a.low(j+1), a.low(j+2)
	return strings.HasSuffix(w, "ly") && len(w) > 5 && a.isWord(j+1) && !a.toks[j+1].cap && strings.HasSuffix(p, "ing") && len(p) > 5 && a.isWord(j+2) && !a.is(j+2, fFunction)
}

// writerAdjunctAt reports a time adjunct of the writer's that ends a
// content clause: … imposed by the United States after Trump set an
// ultimatum; he was ready as the country waits for the vote.
func (a *analysis) writerAdjunctAt(j int) bool {
	switch a.low(j) {
	case "after", "before":
		return a.startsClause(j+1) && !a.is(j+1, fSubjPron) && a.isNameWord(a.npRightEnd(j+1)-1)
	case "as":
		// as + a determiner noun phrase + a finite verb (as the
		// country waits), not a comparison (as much as, as well)
		return a.is(j+1, fDet) && a.low(j+1) != "a" && a.low(j+1) != "an" && a.finiteVerbSoon(j+2)
	}
	return false
}

// finiteVerbSoon reports a finite verb one or two words after k, the
// start of a noun phrase: the country waits, the crowd cheered.
func (a *analysis) finiteVerbSoon(k int) bool {
	for n := k + 1; n < len(a.toks) && n-k <= 2; n++ {
		if !a.isWord(n) || a.toks[n].inQuote != 0 || a.toks[n].cap {
			return false
		}
		w := a.low(n)
		if a.isRegularPast(n) || a.is(n, fPast) && !a.is(n, fFunction) {
			return true
		}
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(a.low(n-1), "s") && !a.is(n, fFunction|fRole|fOrg|fDoc|fLaw|fNumber) {
			return true
		}
	}
	return false
}

// speakerVerbAfter reports "and" or "but" at j followed by a past verb
// with no subject when the content clause from k has no past verb of
// its own: the speaker's next act, not the reported words (X said she is
// tired but remained positive).
func (a *analysis) speakerVerbAfter(k, j int) bool {
	if w := a.low(j); w != "and" && w != "but" {
		return false
	}
	n := j + 1
	for n < len(a.toks) && a.is(n, fAdv) && !a.toks[n].cap && n-j < 3 {
		n++
	}
	return a.subjectlessPast(n) && !a.pastVerbIn(k, j)
}

// subjectlessPast reports a lower-case past verb at n (remained,
// blasted) that is not an auxiliary.
func (a *analysis) subjectlessPast(n int) bool {
	return a.isWord(n) && !a.toks[n].cap && (a.is(n, fPast) && !a.is(n, fAux|fFunction) || a.isRegularPast(n) && !a.is(n-1, fDet))
}

// pastVerbIn reports a past verb form in [k,j).
func (a *analysis) pastVerbIn(k, j int) bool {
	for i := k; i < j; i++ {
		if a.is(i, fPast) || a.isRegularPast(i) && !a.is(i-1, fDet) || a.low(i) == "was" || a.low(i) == "were" || a.low(i) == "had" {
			return true
		}
	}
	return false
}

// newReportAt reports a conjunction that starts a new report: and
// promised …, and he asked …, though X wrote ….
func (a *analysis) newReportAt(j int) bool {
	if a.toks[j].flags&(fConj|fSub) == 0 {
		return false
	}
	if e := a.speechVerb(j+1, "speech direct"); e != nil && e.tense != 'g' && a.clauseFollows(e, j+1) {
		return true
	}
	v := a.attributionAfter(j + 1)
	return v >= 0 && a.speechVerb(v, "speech direct") != nil
}

// clauseFollows reports whether a speech verb at v has a content clause
// after it (and promised the powers would …), not a quote or an object
// (and told, "…"; and threatened with a discharge).
func (a *analysis) clauseFollows(e *verbEntry, v int) bool {
	k := a.skipObject(e, v+1)
	if k < 0 || k >= len(a.toks) {
		return false
	}
	if a.low(k) == "that" {
		return true
	}
	end := a.clauseEnd(k)
	return a.finiteClause(k, end)
}

// attributionAfter returns the speech verb of "NP (adverbs) VERB" starting
// at k, when the NP is short and has no verb of its own; -1 otherwise.
func (a *analysis) attributionAfter(k int) int {
	st := a.npRightEnd(k)
	if st == k || st-k > 8 {
		return -1
	}
	j := st
	for j < len(a.toks) && j-st < 3 && a.is(j, fAdv|fAux) && !a.toks[j].cap {
		j++
	}
	if e := a.speechVerb(j, "speech direct"); e != nil && e.tense != 'g' {
		return j
	}
	return -1
}

// npRightEnd returns the end of a noun phrase starting at k (k when none).
func (a *analysis) npRightEnd(k int) int {
	j := k
	if a.is(j, fSubjPron) && !a.is(j, fPossPron) {
		return j + 1
	}
	if a.is(j, fDet|fPossPron) {
		j++
	}
	for j < len(a.toks) && j-k < 10 && (a.npRightWord(j, k) || (a.low(j) == "of" || a.low(j) == "and") && a.npWord(j+1) && j > k) {
		j++
	}
	if j == k+1 && a.is(k, fDet) {
		return k
	}
	// a place after an organisation: Russia's embassy in Washington
	if j > k && a.is(j-1, fOrg|fRole) && (a.low(j) == "in" || a.low(j) == "at") && a.isNameWord(j+1) {
		j += 2
		for j < len(a.toks) && a.isNameWord(j) {
			j++
		}
	}
	return j
}

// trimClauseEnd drops trailing punctuation and unpaired closing marks.
func (a *analysis) trimClauseEnd(s, e int) int {
	for e > s {
		t := a.toks[e-1]
		if t.kind == tkPunct && t.low != "%" && t.low != ")" {
			e--
			continue
		}
		if t.kind == tkQuote {
			if t.open {
				e--
				continue
			}
			if o := a.qOpen[t.quote]; o < s {
				e--
				continue
			}
		}
		break
	}
	return e
}

// finiteClause reports whether tokens [k,end) start with a finite
// clause: a subject followed by a verb with tense (not "to speak", not a
// bare noun phrase like "responsibility").
func (a *analysis) finiteClause(k, end int) bool {
	if k >= end {
		return false
	}
	if a.noClauseStart(k) {
		return false
	}
	subj, skipped := 0, 0
	for j := k; j < end && j-k-skipped < 18; j++ {
		t := a.toks[j]
		if t.kind == tkQuote {
			continue
		}
		if t.kind == tkPunct {
			// a non-restrictive relative clause after the subject (NATO,
			// which counts Turkey as a member, is …) is set off by commas
			if t.low == "," && subj > 0 && (a.low(j+1) == "which" || a.low(j+1) == "who" || a.low(j+1) == "whose") {
				if c := a.relativeClauseEnd(j+1, end); c > 0 {
					skipped += c - j
					j = c
					continue
				}
			}
			if t.low == "," && subj > 0 && !a.leadingAdverbial(k, j) {
				return false
			}
			if t.low == "%" || t.low == "-" || t.low == "$" || t.low == "£" || t.low == "," || t.low == "'" {
				continue
			}
			return false
		}
		switch {
		case subj == 0 && a.is(j, fAdv) && !t.cap && !a.is(j, fSubjPron|fDet):
			continue // even that is iffy: an adverb before the subject
		case subj == 0 && a.pronounContraction(j):
			return true // it's likely, there's no evidence, they'll act
		case t.flags&(fAux|fModal) != 0 && !(t.low == "that" || t.low == "it"):
			return subj > 0 || t.flags&fAux != 0 && a.low(k) == "there"
		case (t.flags&(fPast|fPresent) != 0 && !t.cap || a.isRegularPast(j)) && subj > 0 && (a.low(j-1) == "to" || a.low(j-1) == "be" || a.low(j-1) == "been" || a.low(j-1) == "being"):
			// an infinitive or a participle: calls … to be made public
		case t.flags&(fPast|fPresent) != 0 && !t.cap && subj > 0 && !a.is(j-1, fDet|fPossPron):
			return true
		case a.isRegularPast(j) && subj > 0:
			return true
		case subj > 0 && !t.cap && t.flags&(fVerbish|fSpeech|fDocVerb|fBelief) != 0 && t.flags&fFunction == 0 && a.isWord(j-1) && !a.toks[j-1].cap && strings.HasSuffix(a.low(j-1), "s") && !a.isPossessive(j-1) && !a.is(j-1, fFunction):
			return true // assaults show …
		case t.flags&fSubjPron != 0 && subj == 0 && (a.low(j+1) == "and" || a.low(j+1) == "or"):
			// a coordinated subject: he and Ann Lee agreed
		case t.flags&fSubjPron != 0 && subj == 0:
			// a pronoun subject: the next word is its verb
			n := j + 1
			for n < end && a.is(n, fAdv|fNeg) && !a.toks[n].cap {
				n++
			}
			return n < end && a.isWord(n) && !a.toks[n].cap && (a.toks[n].flags&fFunction == 0 || a.is(n, fAux))
		case t.low == "and" || t.low == "or":
			if subj > 0 && (a.is(j+1, fAux|fPast) || a.isRegularPast(j+1)) {
				return false // a second verb phrase: denied … and has rejected
			}
		case t.low == "that" && subj > 0 && j > k:
			return false // a noun's clause: the caveat that …
		}
		subj++
	}
	return false
}

// noClauseStart reports a first word that cannot open a finite clause:
// to (to speak …), a preposition or subordinator (after the leaders
// met …), an object pronoun (denied them), a verb with no subject
// before it (suggested the group …, having lived there …).
func (a *analysis) noClauseStart(k int) bool {
	first := a.toks[k]
	if first.kind != tkWord {
		return false
	}
	if !first.cap && (first.flags&(fPrep|fSub) != 0 && first.low != "in" && first.low != "on" && first.low != "at" && first.low != "that" || first.low == "to") {
		return true
	}
	return a.is(k, fObjPron) && !a.is(k, fSubjPron|fPossPron) || a.verbFirst(k)
}

// verbFirst reports a clause that starts with a past verb form or a
// perfect participle, which has no subject of its own.
func (a *analysis) verbFirst(k int) bool {
	if !a.isWord(k) || a.is(k, fFunction|fSubjPron|fDet|fTime|fRole|fOrg|fDoc) || a.isNameWord(k) && !a.sentenceStart(k) {
		return false
	}
	if a.low(k) == "having" && (a.is(k+1, fPast|fVerbish) || a.isRegularPast(k+1)) {
		return true // having lived there (a gerund subject stays: stopping the tests would …)
	}
	return a.is(k, fPast) && !a.is(k, fAux) || a.isRegularPast(k)
}

// pronounContraction reports a subject pronoun (or there) contracted
// with its auxiliary: it's, there's, they'll, we've, I'm.
func (a *analysis) pronounContraction(j int) bool {
	if !a.isWord(j) || !a.is(j, fAux) {
		return false
	}
	w := a.low(j)
	i := strings.LastIndexByte(w, '\'')
	if i <= 0 {
		return false
	}
	base := w[:i]
	return base == "there" || a.is(j, fAux) && a.lex != nil && a.lex.flagsOf(base)&fSubjPron != 0
}

// relativeClauseEnd returns the comma that closes a relative clause
// starting at token k (which/who …,) before end, when the clause has a
// verb and a word follows the comma; else -1.
func (a *analysis) relativeClauseEnd(k, end int) int {
	for j := k + 1; j < end && j-k < 16; j++ {
		if a.toks[j].kind == tkQuote || a.toks[j].inQuote != 0 {
			return -1
		}
		if a.toks[j].kind != tkPunct {
			continue
		}
		if a.punct(j, ",") && j > k+1 && a.isWord(j+1) && (a.anyVerbBetween(k+1, j) || a.relativeVerb(k+1)) {
			return j
		}
		if !a.punct(j, "-") && !a.punct(j, "'") && !a.punct(j, "%") && !a.punct(j, "$") {
			return -1
		}
	}
	return -1
}

// relativeVerb reports a present-tense verb right after a relative
// pronoun (who chairs, which counts).
func (a *analysis) relativeVerb(i int) bool {
	w := a.low(i)
	return a.isWord(i) && !a.toks[i].cap && len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !a.is(i, fFunction)
}

// leadingAdverbial reports whether tokens [k,j) before a comma are a
// leading adverbial (in March, after the vote), not a subject.
func (a *analysis) leadingAdverbial(k, j int) bool {
	return a.is(k, fPrep|fSub) && j-k <= 8
}

// backwardClause recognises "CLAUSE, X said" and "CLAUSE, said X" with
// the speech verb at v, returning the clause tokens and the speaker.
func (a *analysis) backwardClause(v int, e *verbEntry) (int, int, *mention) {
	si := a.toks[v].sentence
	s := a.sents[si]
	var comma int
	var m *mention
	if a.punct(v-1, ",") {
		comma = v - 1
		m = a.rightSubject(v)
	} else if v >= 2 && a.toks[v-1].kind == tkQuote && !a.toks[v-1].open && a.punct(v-2, ",") && a.qOpen[a.toks[v-1].quote] > s.a {
		// a quoted fragment ends the clause: … a "significant issue for
		// victims," said Snow
		comma = v - 2
		m = a.rightSubject(v)
	} else {
		j := a.skipAdvLeft(v-1, s.a)
		st := a.npLeft(j+1, s.a)
		if st > j || !a.punct(st-1, ",") {
			return -1, -1, nil
		}
		comma = st - 1
		if t := a.toks[st]; !t.cap && t.flags&(fDet|fPossPron|fSubjPron|fRole|fOrg|fDoc|fNumber) == 0 {
			return -1, -1, nil // not a source: …, charges Putin denies
		}
		for k := j + 1; k < v; k++ {
			if a.is(k, fModal) {
				return -1, -1, nil // …, it would confirm: not an attribution
			}
		}
		m = a.newMention(st, j+1)
	}
	if m == nil || comma <= s.a {
		return -1, -1, nil
	}
	// the attribution ends the sentence or is followed by a comma
	end := a.attributionEnd(v, e)
	if end < 0 {
		return -1, -1, nil
	}
	start := a.skipDateline(s.a, comma)
	for start < comma && (a.is(start, fConj) || a.toks[start].kind == tkPunct) {
		start++
	}
	// a quote, a dash and the reported clause: ‘…’ — talks stall, X says
	if a.toks[start].kind == tkQuote && a.toks[start].open {
		if ci := a.qClose[a.toks[start].quote]; ci > start && ci+2 < comma && (a.punct(ci+1, "—") || a.punct(ci+1, "–")) {
			start = ci + 2
		}
	}
	// “…,” Coll, now a professor, told Texas Monthly: a direct quote
	if a.toks[start].kind == tkQuote && a.toks[start].open && a.qClose[a.toks[start].quote] < comma {
		return -1, -1, nil
	}
	// “…,” X said: a direct quote, not an indirect one
	if a.toks[comma-1].kind == tkQuote && !a.toks[comma-1].open && a.qOpen[a.toks[comma-1].quote] <= start {
		return -1, -1, nil
	}
	if a.toks[start].inQuote != 0 || a.toks[start].kind == tkQuote && a.qClose[a.toks[start].quote] >= comma-1 {
		return -1, -1, nil
	}
	// the clause runs from the last clause boundary before the comma
	for k := comma - 1; k > start; k-- {
		if a.punct(k, ";") || a.punct(k, ":") {
			start = k + 1
			break
		}
	}
	return start, comma, m
}

// attributionEnd returns the token after an attribution "X said (to
// reporters, in a statement, appositive)" if the sentence ends there or a
// comma follows; -1 when the sentence goes on with the verb's own content.
func (a *analysis) attributionEnd(v int, e *verbEntry) int {
	si := a.toks[v].sentence
	end := a.sents[si].b
	k := v + 1
	if e.second != "" {
		k++
	}
	// inverted subject with an appositive: said Gillibrand, a member of …
	if st := a.npRightEnd(k); st > k && !a.is(k, fTime) {
		k = st
	}
	k = a.skipObject(e, k)
	first := k
	for k < end {
		if k-first > 8 {
			return -1
		}
		t := a.toks[k]
		if t.kind == tkPunct && isEndPunct(t.low) {
			return k
		}
		if t.kind == tkPunct && t.low == "," {
			// an appositive after the speaker, then the end
			j := k + 1
			for j < end && !a.punct(j, ",") && !(a.toks[j].kind == tkPunct && isEndPunct(a.toks[j].low)) {
				j++
			}
			if j >= end || a.toks[j].kind == tkPunct && isEndPunct(a.toks[j].low) {
				if a.is(k+1, fDet|fRel) || a.toks[k+1].cap || a.is(k+1, fRole) || a.low(k+1) == "now" {
					return j
				}
			}
			return k
		}
		if a.is(k, fPrep) && !a.toks[k].cap {
			k++
			continue
		}
		if a.low(k) != "that" && (a.npWord(k) || a.is(k, fDet|fTime)) {
			k++
			continue
		}
		return -1
	}
	return end
}

// skipDateline skips a dateline (WASHINGTON — ) at the start of a
// sentence.
func (a *analysis) skipDateline(s, lim int) int {
	k := s
	for k < lim && a.isWord(k) && a.isAllCaps(k) || k < lim && a.isWord(k) && a.toks[k].cap && a.punct(k+1, "—") {
		k++
	}
	if k > s && k < lim && (a.punct(k, "—") || a.punct(k, "-") || a.punct(k, "–")) {
		return k + 1
	}
	return s
}

// accordingTo handles "…, according to X." and "According to X, …".
func (a *analysis) accordingTo(i int, add addIndirectFunc) {
	si := a.toks[i].sentence
	s := a.sents[si]
	npStart := i + 2
	npEnd := npStart
	for npEnd < s.b && !a.punct(npEnd, ",") && !(a.toks[npEnd].kind == tkPunct && isEndPunct(a.toks[npEnd].low)) {
		npEnd++
	}
	m := a.accordingSource(npStart, npEnd)
	if m == nil {
		return
	}
	if i == s.a || a.sentenceStart(i) {
		a.accordingFront(npEnd, m, add)
		return
	}
	if a.punct(i-1, ",") {
		a.accordingAfter(i, npEnd, m, add)
	}
}

// accordingFront reads the clause after a sentence-initial "according
// to X,": According to Mr Sands, the minister had warned ….
func (a *analysis) accordingFront(npEnd int, m *mention, add addIndirectFunc) {
	if a.punct(npEnd, ",") {
		k := npEnd + 1
		end := a.clauseEnd(k)
		if a.finiteClause(k, end) {
			add(k, end, m, 0.75, `clause reported "according to" its source`)
		}
	}
}

// accordingAfter reads the clause before ", according to X" at i (the
// plan failed, according to X), or the two parts around it when it
// stands mid-clause (the plan, according to X, will fail).
func (a *analysis) accordingAfter(i, npEnd int, m *mention, add addIndirectFunc) {
	s := a.sents[a.toks[i].sentence]
	start := a.skipDateline(s.a, i-1)
	for start < i-1 && (a.is(start, fConj) || a.toks[start].kind == tkPunct) {
		start++
	}
	if a.toks[start].inQuote != 0 || a.toks[start].kind == tkQuote {
		return
	}
	if a.punct(npEnd, ",") && a.predicateAt(npEnd+1) && !a.finiteClause(start, i-1) {
		// mid-clause: SUBJECT, according to X, PREDICATE
		add(start, i-1, m, 0.7, `subject before a mid-clause "according to"`)
		add(npEnd+1, a.clauseEnd(npEnd+1), m, 0.7, `predicate after a mid-clause "according to"`)
		return
	}
	if a.finiteClause(start, i-1) {
		add(start, i-1, m, 0.75, `clause reported "according to" its source`)
	}
}

// accordingSource picks the source in "according to …": a person or
// organisation named, or the author of a document (a report … by Human
// Rights Watch).
func (a *analysis) accordingSource(i, j int) *mention {
	if i >= j {
		return nil
	}
	for k := i; k < j; k++ {
		if a.low(k) == "by" && k+1 < j {
			if st := a.npRightEnd(k + 1); st > k+1 {
				return a.newMention(k+1, st)
			}
		}
	}
	st := a.npRightEnd(i)
	if st == i {
		return nil
	}
	return a.newMention(i, st)
}

// insideIndirect reports whether byte b is inside an indirect quote
// found so far.
func (a *analysis) insideIndirect(b int) bool {
	for _, q := range a.indirect {
		if q.a <= b && b < q.b {
			return true
		}
	}
	return false
}

// tokenAt returns the index of the token starting at byte offset b.
func (a *analysis) tokenAt(b int) int {
	lo, hi := 0, len(a.toks)
	for lo < hi {
		m := (lo + hi) / 2
		if a.toks[m].s < b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
