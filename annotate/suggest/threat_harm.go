package suggest

import "strings"

// harmAct reports whether a harm cue names an act: not part of a name
// (the Sanctions Enforcement Act), and a verb cue used as a verb in the
// present or future (not a bomb, the attack, destroyed).
func (a *analysis) harmAct(m cueMatch) bool {
	t := a.toks[m.a]
	if t.cap && !a.sentenceStart(m.a) && !(m.a > 0 && a.toks[m.a-1].kind == tkQuote && a.toks[m.a-1].open) && !a.isAllCaps(m.a) {
		return false
	}
	if !(m.c.kind == cueHarm && strings.HasSuffix(m.c.text, "+") || strings.Contains(m.c.text, "+ ")) {
		return true
	}
	if a.is(m.a-1, fDet|fPossPron) || a.isPossessive(m.a-1) {
		return false // a bomb, his attack
	}
	return a.harmVerbForm(m)
}

// harmVerbForm checks the form of a verb cue against the word before it
// (adverbs skipped): a past participle only after be/get under a firm
// frame (will be punished), -s after a subject (they strike), -ing after
// an auxiliary or a few prepositions, a base form after to, a modal, a
// subject or a conjunction (not a nuclear bomb, military strike).
func (a *analysis) harmVerbForm(m cueMatch) bool {
	t := a.toks[m.a]
	p := a.skipAdverbsLeft(m.a - 1)
	prev := a.low(p)
	base, _, _ := strings.Cut(m.c.text, "+")
	switch {
	case t.low != base && (strings.HasSuffix(t.low, "ed") || a.is(m.a, fPast) && !a.is(m.a, fPresent)):
		// a past act (imposed, destroyed); people should only be punished
		// after a trial
		return (prev == "be" || prev == "been" || prev == "get") && a.strongFrameBefore(m.a)
	case strings.HasSuffix(t.low, "s") && !strings.HasSuffix(t.low, "ss"):
		return a.is(p, fSubjPron) || a.isNameWord(p)
	case strings.HasSuffix(t.low, "ing"):
		return a.is(p, fAux) || a.tw(twIngBefore, prev)
	}
	return a.baseVerbAfter(p)
}

// skipAdverbsLeft returns the first token at or before p that is no
// lower-case adverb (also the -ly words the lists do not hold).
func (a *analysis) skipAdverbsLeft(p int) int {
	for p >= 0 && (a.is(p, fAdv) || a.isWord(p) && strings.HasSuffix(a.low(p), "ly") && len(a.low(p)) > 4) && !a.toks[p].cap {
		p--
	}
	return p
}

// baseVerbAfter reports a word p before a base form that makes it a verb:
// to, a modal or auxiliary, a subject, a conjunction, a negation, a name
// or nothing.
func (a *analysis) baseVerbAfter(p int) bool {
	if p < 0 || !a.isWord(p) || a.toks[p].cap {
		return true
	}
	return a.is(p, fModal|fAux|fSubjPron|fConj|fNeg|fObjPron) || a.low(p) == "to" || a.isNameWord(p)
}

// passiveCost reads a cost noun that is the subject of a passive with a
// modal (any sanctions could be snapped back into place, similar action
// against others could be considered): an agentless statement that the
// cost may be imposed. It returns the start of the subject and the
// participle, or -1, -1. Relief and talk (sanctions could be lifted,
// could be discussed) impose nothing.
func (a *analysis) passiveCost(s int, m cueMatch, e int) (int, int) {
	if m.c.kind != cueHarm && m.c.kind != cueNoun || a.isVerbAt(m.a) && a.verbSlot(m.a-1) {
		return -1, -1
	}
	ns := a.costSubjectStart(s, m.a)
	if ns < 0 {
		return -1, -1
	}
	// a short prepositional phrase may follow (action against others)
	k := m.b
	for k < e && k-m.b < 5 && a.isWord(k) && !a.is(k, fModal|fAux) && !a.isVerbAt(k) {
		k++
	}
	pf := a.passiveAfterModal(k, e)
	if pf < 0 || a.tw(twNoPassive, a.low(pf)) {
		return -1, -1
	}
	return ns, pf
}

// costSubjectStart returns the start of a subject that ends with the cost
// at c: a determiner or adjectives before it, at a clause boundary; or -1.
func (a *analysis) costSubjectStart(s, c int) int {
	ns := c
	for ns > s && c-ns < 5 && a.costModifier(ns-1) {
		ns--
	}
	if ns > s && !(a.is(ns-1, fConj|fSub) || a.toks[ns-1].kind == tkPunct || a.toks[ns-1].kind == tkQuote) {
		return -1
	}
	return ns
}

// costModifier reports a word that may stand in a cost's noun phrase
// before it: a determiner, a name (a U.S. strike), an adjective or an
// organisation noun (a military strike).
func (a *analysis) costModifier(k int) bool {
	if !a.isWord(k) {
		return false
	}
	if a.is(k, fDet) || a.isNameWord(k) && !a.isPossessive(k) {
		return true
	}
	t := a.toks[k]
	return !t.cap && t.flags&^fOrg == 0 && !a.isVerbAt(k)
}

// passiveAfterModal returns the participle of "could/would/will be
// <participle>" at k, or -1; advice (must, should, can be used) is none.
func (a *analysis) passiveAfterModal(k, e int) int {
	k = a.skipQuotes(k, e) // a strike "might" be necessary
	if k >= e || a.frameAt(k) < 0.5 || !a.is(k, fModal) {
		return -1
	}
	switch a.low(k) {
	case "must", "should", "shouldn't", "can":
		return -1 // sanctions must be employed with care: advice
	}
	k = a.skipQuotes(k+1, e)
	if a.low(k) != "be" {
		return -1
	}
	k++
	for k < e && (a.toks[k].kind == tkQuote || a.is(k, fAdv)) {
		k++
	}
	if k >= e || !a.participleOrNeeded(k) {
		return -1
	}
	return k
}

// participleOrNeeded reports a lower-case past participle (reimposed,
// taken) or an adjective of need (necessary) at k.
func (a *analysis) participleOrNeeded(k int) bool {
	if !a.isWord(k) || a.toks[k].cap {
		return false
	}
	w := a.low(k)
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") || a.is(k, fPast) || a.tw(twNeeded, w)
}

// barredActor reports a bar cue that excludes a named actor under a firm
// modal: Turkey will not be allowed to take part, the club would be
// barred from the league; not an exclusion denied (will not be barred).
func (a *analysis) barredActor(s int, m cueMatch) bool {
	k, ok := a.barModal(s, m)
	if !ok || k <= s || a.frameAt(k) < 0.8 {
		return false
	}
	h := k - 1
	for h > s && a.is(h, fAdv) {
		h--
	}
	if h < s || !a.isNameWord(h) || a.is(h, fSubjPron) {
		return false
	}
	// the name is the subject, not inside it (the spread of ISIS)
	for h > s && a.isNameWord(h-1) {
		h--
	}
	return h == s || h == s+1 && a.low(s) == "the"
}

// barModal returns the modal before a bar cue: "not allowed" needs a
// negated firm modal (won't be allowed), "barred" no negation.
func (a *analysis) barModal(s int, m cueMatch) (int, bool) {
	k := m.a - 1
	if a.low(m.a+1) != "allowed" && a.low(m.a+1) != "permitted" {
		return k, !a.negatedBefore(s, m.a)
	}
	switch {
	case a.low(k) == "won't" || a.low(k) == "wouldn't" || a.low(k) == "shan't":
		return k, true
	case a.negationAt(k) && k > s && a.frameAt(k-1) >= 0.8:
		return k - 1, true
	}
	return k, false
}

// verbSlot reports a word p after which a verb form is a verb: a modal,
// an auxiliary, a subject pronoun, "to", or the start of the text.
func (a *analysis) verbSlot(p int) bool {
	return p < 0 || a.is(p, fModal|fAux|fSubjPron|fObjPron) || a.low(p) == "to"
}

// skipQuotes returns the first token from k before e that is no
// quotation mark.
func (a *analysis) skipQuotes(k, e int) int {
	for k < e && a.toks[k].kind == tkQuote {
		k++
	}
	return k
}
