package suggest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sayso/sayso/annotate"
)

// Threats: a stated intent to harm, punish or act against a target. Two
// sources are read:
//
//   - what sources say (direct and indirect quotes): a clause with a harm
//     cue (respond, sanctions, consequences …) in a frame that commits
//     the speaker (will, would, should, going to, vow to, there will be,
//     will not hesitate), not negated, not in the clause's subject and
//     not said of a law or a document;
//   - what the writer reports: a threat verb or noun with its content
//     (threatened to …, warned Putin of …, vowed revenge, committed to
//     holding Russia accountable, a threat that …).
//
// Past actions (imposed sanctions), negations (we didn't talk about a
// military response), assessments and defensive resolve are left out.

// cueMatch is a threat cue found in the text: tokens [a,b).
type cueMatch struct {
	c    *cue
	a, b int
}

// cuesIn returns the cues inside tokens [s,e); cues are in text order.
func cuesIn(cues []cueMatch, s, e int) []cueMatch {
	lo := sort.Search(len(cues), func(i int) bool { return cues[i].a >= s })
	var out []cueMatch
	for _, m := range cues[lo:] {
		if m.a >= e {
			break
		}
		if m.b <= e {
			out = append(out, m)
		}
	}
	return out
}

// matchElems matches cue elements from token i; it returns the end token
// or -1. Quotation marks are skipped; gaps do not leave the sentence.
func (a *analysis) matchElems(elems []cueElem, i, sent int) int {
	if len(elems) == 0 {
		return i
	}
	el := elems[0]
	if el.gap > 0 {
		return a.matchGap(elems, i, sent)
	}
	for _, alt := range el.alts {
		if p := a.matchWords(alt, el.prefix, i, sent); p >= 0 {
			if e := a.matchElems(elems[1:], p, sent); e >= 0 {
				return e
			}
		}
	}
	return -1
}

// matchGap matches the elements after a gap element, skipping up to its
// number of words within the sentence and without punctuation; quotation
// marks do not count (face “grave” and “costly” consequences).
func (a *analysis) matchGap(elems []cueElem, i, sent int) int {
	for skip, p := 0, i; skip <= elems[0].gap; p++ {
		if p >= len(a.toks) || a.toks[p].sentence != sent {
			return -1
		}
		if e := a.matchElems(elems[1:], p, sent); e >= 0 {
			return e
		}
		if a.toks[p].kind == tkPunct {
			return -1
		}
		if a.toks[p].kind != tkQuote {
			skip++
		}
	}
	return -1
}

// matchWords matches a word sequence from token i, quotation marks
// skipped; it returns the token after it or -1.
func (a *analysis) matchWords(alt []string, prefix bool, i, sent int) int {
	p := i
	for _, w := range alt {
		for p < len(a.toks) && a.toks[p].kind == tkQuote {
			p++
		}
		if p >= len(a.toks) || a.toks[p].sentence != sent || !cueWordMatch(a.toks[p], w, prefix) {
			return -1
		}
		p++
	}
	return p
}

func cueWordMatch(t tok, w string, prefix bool) bool {
	if t.kind != tkWord {
		return false
	}
	if t.low == w {
		return true
	}
	if w == "not" || w == "n't" {
		return t.low == "not" || t.low == "cannot" || strings.HasSuffix(t.low, "n't")
	}
	return prefix && len(w) >= 5 && strings.HasPrefix(t.low, w)
}

// addThreat keeps a threat unless one covering most of it exists.
func (a *analysis) addThreat(t *threatCand) {
	for _, o := range a.threats {
		if !o.reported && !t.reported && (contains(o, t) || contains(t, o)) {
			// the same statement read as a quote and as the fragment
			// it holds: the wider clause stays
			if t.b-t.a > o.b-o.a {
				*o = *t
			}
			return
		}
		i := min(o.b, t.b) - max(o.a, t.a)
		u := max(o.b, t.b) - min(o.a, t.a)
		if u > 0 && float64(i)/float64(u) >= 0.5 {
			mergeThreat(o, t)
			return
		}
	}
	a.threats = append(a.threats, t)
}

// contains reports whether threat o covers threat t.
func contains(o, t *threatCand) bool {
	return o.a <= t.a && o.b >= t.b
}

// mergeThreat keeps one of two threats that overlap by half: a writer's
// report of a warning that holds the warned content (warning Ankara it
// will face sanctions) wins, else the higher score.
func mergeThreat(o, t *threatCand) {
	if t.reported != o.reported && (t.reported && contains(t, o) || o.reported && contains(o, t)) {
		if t.reported {
			*o = *t
		}
		return
	}
	if t.score > o.score {
		*o = *t
	}
}

// startsClause reports whether a new clause with its own subject (or a
// condition) starts at i.
func (a *analysis) startsClause(i int) bool {
	if a.is(i, fSubjPron|fSub) || a.low(i) == "there" {
		return true
	}
	if a.isNameWord(i) || a.is(i, fDet) {
		// a subject and its verb within a few words
		for k := i + 1; k < len(a.toks) && k-i < 6; k++ {
			if a.is(k, fAux) || a.is(k, fPast|fPresent) && a.isVerbAt(k) || a.isRegularPast(k) && !a.is(k-1, fDet) {
				return true
			}
		}
	}
	return false
}

// sufferedCost reports a cue whose subject bears the cost (face
// sanctions, bear the consequences): with "could" it is an assessment of
// the target's risk unless a condition and a firm modal commit someone.
func (a *analysis) sufferedCost(m cueMatch) bool {
	return a.tw(twSuffer, m.c.text)
}

// frameBefore returns the strongest frame between clause start s and the
// cue at c: a modal, an intent phrase, or "there is/will be" before a
// cost noun.
func (a *analysis) frameBefore(s, c int, cues []cueMatch, noun bool) (float64, string) {
	best, why := 0.0, ""
	for k := s; k < c; k++ {
		if f := a.frameAt(k); f > best && !(a.low(k+1) == "have" && a.low(k+2) != "to" && f < 1) {
			best, why = f, fmt.Sprintf("%q", a.tokText(k, k+1)) // not: would have been
		}
		if noun && a.low(k) == "there" && (a.is(k+1, fAux|fModal) || a.low(k+1) == "ought") {
			if best < 0.9 {
				best, why = 0.9, "there is"
			}
		}
	}
	for _, m := range cuesIn(cues, s, c) {
		if m.c.kind == cueIntent && best < 0.9 {
			best, why = 0.9, fmt.Sprintf("%q", a.tokText(m.a, m.b))
		}
	}
	return best, why
}

// notHarmUse reports a harm verb in a sense that harms no one: act as a
// mediator, act on advice.
func (a *analysis) notHarmUse(m cueMatch) bool {
	if strings.HasPrefix(a.low(m.a), "act") && m.b == m.a+1 {
		k := m.b
		for a.isWord(k) && strings.HasSuffix(a.low(k), "ly") && !a.toks[k].cap {
			k++ // act swiftly to rebuild
		}
		return a.twAt(twActSense, k)
	}
	return false
}

// strongFrameBefore reports will/shall/going to shortly before k.
func (a *analysis) strongFrameBefore(k int) bool {
	for j := max(0, k-5); j < k; j++ {
		if a.frameAt(j) >= 1 {
			return true
		}
	}
	return false
}

// inPrepPhrase reports a cue that is the object of a preposition, the
// thing opposed or suffered rather than an act: a stance against
// malicious attacks, protection from retaliation.
func (a *analysis) inPrepPhrase(c int) bool {
	for k := c - 1; k >= 0 && c-k <= 3; k-- {
		t := a.toks[k]
		if t.kind == tkQuote {
			continue
		}
		if t.kind != tkWord {
			return false
		}
		if t.flags&fPrep != 0 && t.low != "to" {
			return true
		}
		if t.flags&(fFunction|fAux|fModal) != 0 || a.isVerbAt(k) {
			return false
		}
	}
	return false
}

// replyNotHarm reports "respond to claims": responding to words is
// replying, not retaliating.
func (a *analysis) replyNotHarm(m cueMatch) bool {
	if !strings.HasPrefix(a.low(m.a), "respon") {
		return false
	}
	for k := m.b; k < len(a.toks) && k-m.b < 5; k++ {
		if a.tw(twReply, strings.TrimSuffix(a.low(k), "s")) {
			return true
		}
	}
	return false
}

// negatedBefore reports a negation in the clause before the cue.
func (a *analysis) negatedBefore(s, c int) bool {
	for k := s; k < c; k++ {
		if a.negationAt(k) {
			return true
		}
	}
	return false
}

// negationAt reports a negation word that negates its clause: not "not
// just" or "not only" (which add), nor "no doubt", "no question" or "make
// no mistake" (which affirm).
func (a *analysis) negationAt(k int) bool {
	if !a.is(k, fNeg) {
		return false
	}
	switch a.low(k + 1) {
	case "just", "only", "merely", "simply", "least":
		return a.low(k) != "not" && a.low(k) != "no"
	case "doubt", "question", "mistake":
		return a.low(k) != "no"
	}
	return true
}

// refusedRelief reports a cost the subject refuses to lift: will not
// waive sanctions, won't ease the pressure. Refusing relief keeps the
// cost on the target, so it threatens.
func (a *analysis) refusedRelief(s, c int) bool {
	for k := c - 1; k >= s && c-k <= 4; k-- {
		w := a.low(k)
		if !a.tw(twRelief, w) {
			continue
		}
		for j := k - 1; j >= s && k-j <= 3; j-- {
			if a.negationAt(j) {
				return true
			}
			if !a.is(j, fAux|fModal|fAdv|fNeg) {
				break
			}
		}
		return false
	}
	return false
}

// comingAfter reports a cost that is announced as coming: sanctions are
// coming, consequences will follow, retaliation will come.
func (a *analysis) comingAfter(k, e int) bool {
	for k < e && a.toks[k].kind == tkQuote {
		k++
	}
	if k+1 >= e {
		return false
	}
	switch a.low(k) {
	case "is", "are", "'s", "'re":
		return a.low(k+1) == "coming" || a.low(k+1) == "on" && a.low(k+2) == "the" && a.low(k+3) == "way"
	case "will", "shall", "would":
		return a.low(k+1) == "follow" || a.low(k+1) == "come"
	}
	return false
}

// alternativeBefore reports "or" before the cue that offers the target a
// choice: stop it or face the consequences, fix it or we will withdraw.
func (a *analysis) alternativeBefore(s, c int) bool {
	for k := s + 1; k < c; k++ {
		if a.low(k) == "or" && (a.is(k+1, fSubjPron|fModal) || a.low(k+1) == "else" || a.low(k+1) == "face" || a.isNameWord(k+1) || a.low(k+1) == "the" && a.isNameWord(k+2)) {
			return true
		}
	}
	return false
}

// costNounAt reports a harm noun at token h (tariffs, sanctions): as a
// subject it is a cost that does something, an assessment (the tariffs
// will hurt growth), not an actor committing to act.
func costNounAt(in []cueMatch, h int) bool {
	for _, m := range in {
		if m.a == h && m.b == h+1 && (m.c.kind == cueHarm || m.c.kind == cueNoun) {
			return true
		}
	}
	return false
}

// subjectHead returns the head of the subject before the finite verb fv
// of a clause starting at s: the word before the verb, or before a
// relative clause in the subject (anyone who breaks these sanctions
// will …), or -1.
func (a *analysis) subjectHead(s, fv int) int {
	if fv <= s {
		return -1
	}
	for k := s + 1; k < fv; k++ {
		switch a.low(k) {
		case "who", "which", "whose", "whom":
			return k - 1
		}
	}
	return fv - 1
}

// secondPredicate returns where the predicate holding the cue that ends
// at c starts when the clause joins two predicates with their own modals
// (… is a violation of the law and will be answered by force): the span
// is the threatening predicate. Otherwise s.
func (a *analysis) secondPredicate(s, c int) int {
	for k := c - 1; k > s; k-- {
		if (a.low(k) == "and" || a.low(k) == "but") && a.toks[k-1].kind == tkWord && !a.is(k-1, fModal|fAux) {
			if m := a.skipAdvRight(k + 1); m < c && a.is(m, fModal) {
				return k + 1
			}
		}
	}
	return s
}

// inAdjunct reports a cue inside an adverbial clause of time or reason
// (… after Trump set an ultimatum): background, not what is threatened.
func (a *analysis) inAdjunct(s, c int) bool {
	for k := c - 1; k > s; k-- {
		if a.toks[k].kind == tkPunct && (a.toks[k].low == "," || a.toks[k].low == ";") {
			return false
		}
		if a.twAt(twAdjunct, k) {
			return a.startsClause(k + 1)
		}
	}
	return false
}

// trimAdjunct ends a threat before an adverbial clause that follows its
// cue and only tells when or why (… against the sanctions after Trump set
// an ultimatum); conditions stay.
func (a *analysis) trimAdjunct(c, e int) int {
	if c < 0 {
		return e
	}
	for k := c; k < e; k++ {
		if a.toks[k].inQuote != 0 && a.toks[c-1].inQuote == 0 {
			continue
		}
		if a.twAt(twAdjunct, k) && k+1 < e && a.startsClause(k+1) {
			j := k
			for j > c && a.toks[j-1].kind == tkPunct {
				j--
			}
			return j
		}
	}
	return e
}

// topicBefore reports words that make the cue a topic rather than an act
// (talk about countermeasures, discuss sanctions).
func (a *analysis) topicBefore(s, c int, cues []cueMatch) bool {
	for k := max(s, c-4); k < c; k++ {
		// talk about countermeasures; the subject bears or undoes the
		// cost: accept the consequences, waive sanctions, veto sanctions
		if a.twAt(twTopic, k) || a.isWord(k) && a.verbIn(twUndo, a.low(k)) {
			return true
		}
	}
	return false
}

// firstVerb returns the first finite verb of [s,e), or -1.
func (a *analysis) firstVerb(s, e int) int {
	for k := s; k < e; k++ {
		if a.toks[k].kind != tkWord {
			continue
		}
		if a.is(k, fAux|fModal) && !a.toks[k].cap || a.is(k, fPast|fPresent) && !a.is(k-1, fDet|fPossPron) && !a.toks[k].cap || a.isRegularPast(k) && k > s || a.isPresentS(k) {
			return k
		}
	}
	return -1
}

// imperativeAt reports a clause that starts with a bare verb: find her,
// make her life a living hell.
func (a *analysis) imperativeAt(s int) bool {
	if !a.isWord(s) {
		return false
	}
	t := a.toks[s]
	w := t.low
	if t.flags&(fFunction|fAdv|fTime|fNumber) != 0 || a.is(s, fSubjPron) {
		return false
	}
	if strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ly") {
		return false
	}
	if t.cap && !a.sentenceStart(s) {
		return false
	}
	// a verb takes an object: a pronoun or a determiner next
	return a.is(s+1, fObjPron|fDet|fPossPron)
}

// targetIn returns the target named in a threat: after "against", "on",
// "for" or a threat verb's object, else the first name that is not the
// issuer.
func (a *analysis) targetIn(s, e int, issuer *mention) string {
	issuerEntity := ""
	if issuer != nil {
		a.resolve(issuer)
		issuerEntity = issuer.entity
	}
	for k := s; k < e; k++ {
		if !a.isNameWord(k) || a.is(k, fTitle|fRole) {
			continue
		}
		j := k
		for j < e && a.isNameWord(j) {
			j++
		}
		m := a.newMention(k, j)
		if m == nil {
			continue
		}
		a.resolve(m)
		if m.entity != "" && !annotate.SameEntity(m.entity, issuerEntity) {
			return m.entity
		}
		k = j
	}
	return ""
}

// thingSubjectInContent reports a threat verb inside a reported content
// clause whose subject is a thing rather than an actor (the council said
// its tests "caused concern" and threaten all member states): the tests
// threaten as a danger does, no one commits to act.
func (a *analysis) thingSubjectInContent(v int) bool {
	p := a.toks[v].s
	for _, q := range a.indirect {
		if q.a >= p || p >= q.b {
			continue
		}
		if a.actorRightBefore(v) {
			return false // … although Tehran threatened to …
		}
		qs := a.tokenAt(q.a)
		fv := a.firstVerb(qs, v+1)
		if fv < 0 || fv == v && qs == v {
			return false
		}
		h := a.subjectHead(qs, fv)
		for h > qs && a.toks[h].kind == tkQuote {
			h--
		}
		return h >= 0 && a.isWord(h) && !a.toks[h].cap && !a.is(h, fSubjPron|fRole|fOrg|fTitle)
	}
	return false
}

// ofPhrase reports a cue in an of-phrase (the prospect of sanctions, a
// threat of force): the content of a threat noun, not a thing opposed.
func (a *analysis) ofPhrase(c, after int) bool {
	for k := c - 1; k >= 0 && c-k <= 3; k-- {
		if a.low(k) == "of" {
			// right after the threat verb, or after its object
			return k <= after || k == a.npRightEnd(after)
		}
		if !a.isWord(k) && a.toks[k].kind != tkQuote {
			return false
		}
	}
	return false
}

// actorEndingAt returns a name that ends just before a participle at v,
// time words skipped: the actor in a headline (White House preparing
// response) or a reduced relative (Putin Thursday warning …), or nil.
func (a *analysis) actorEndingAt(v int) *mention {
	j := v
	for j > 0 && a.is(j-1, fTime) {
		j--
	}
	if j == 0 || !a.isNameWord(j-1) || a.is(j-1, fTime) {
		return nil
	}
	i := j - 1
	for i > 0 && (a.isNameWord(i-1) || a.is(i-1, fTitle)) {
		i--
	}
	if i > 0 && a.low(i-1) == "the" {
		i--
	}
	m := a.newMention(i, j)
	if m == nil || !a.isActor(m) {
		return nil
	}
	return m
}

// finishThreats names the targets once speakers are resolved.
func (a *analysis) finishThreats() {
	for _, t := range a.threats {
		t.target = a.targetIn(t.ts, t.te, t.issuer)
	}
}

// nextComma returns the next comma outside quotes in [k,e), or -1.
func (a *analysis) nextComma(k, e int) int {
	for ; k < e; k++ {
		if a.toks[k].kind == tkPunct && a.toks[k].low == "," {
			return k
		}
	}
	return -1
}

// isActor reports whether a mention can make a threat: a person, an
// organisation, a pronoun, or a description whose head is a role or an
// organisation.
func (a *analysis) isActor(m *mention) bool {
	switch m.kind {
	case mPerson, mOrg, mPronoun:
		return true
	}
	h := m.b - 1
	return a.is(h, fRole|fOrg|fTitle) || a.isNameWord(h)
}

// actorRightBefore reports a name, a pronoun or an actor noun just
// before the verb at v (auxiliaries and adverbs skipped): the verb's own
// subject is an actor.
func (a *analysis) actorRightBefore(v int) bool {
	k := v - 1
	for k >= 0 && a.is(k, fAux|fAdv) {
		k--
	}
	return a.isNameWord(k) || a.is(k, fSubjPron|fRole|fOrg)
}
