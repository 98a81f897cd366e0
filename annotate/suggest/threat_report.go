package suggest

import (
	"fmt"
	"strings"
)

// Threats the writer reports: a threat verb or noun with its content
// (threatened to …, warned Putin of …, vowed revenge, committed to
// holding Russia accountable, a threat that …). The stages:
//
//  1. reportedCue reads the cue: a verb or a threat noun, not a noun
//     without an actor (his pledge, a vow of action), not negated;
//  2. reportedActor finds the actor of a participle (White House
//     preparing response) or refuses a participle after a thing;
//  3. reportedContent finds the content and a warning's terms after a
//     colon;
//  4. reportedKind checks that the content threatens, by the kind of the
//     cue: a threat noun with its content, a threat verb, a warning to a
//     target, a commitment to an act of harm;
//  5. reportedIssuer finds who threatens: the subject of the verb.

// reportedRead is a reported threat cue being read.
type reportedRead struct {
	m          cueMatch
	v          int    // the cue's first token
	w          string // its first word
	noun       bool   // a threat noun (threat, warning, ultimatum)
	actor      *mention
	start, end int      // the content
	colon      int      // a colon before a warning's terms, or -1
	owner      *mention // the possessor of a threat noun (Obama's vow)
	passive    bool
	hasHarm    bool
}

// reportedThreat checks a threat verb or noun the writer reports.
func (a *analysis) reportedThreat(m cueMatch, cues []cueMatch) *threatCand {
	r, ok := a.reportedCue(m)
	if !ok {
		return nil
	}
	if r.actor, ok = a.reportedActor(r); !ok {
		return nil
	}
	if !a.reportedContent(r) {
		return nil
	}
	if r.noun {
		r.end = a.nounContentEnd(r.start, r.end)
	}
	r.hasHarm = a.contentHasHarm(r, cues)
	why, ok := a.reportedKind(r, cues)
	if !ok {
		return nil
	}
	issuer, ok := a.reportedIssuer(r)
	if !ok || !r.noun && a.thingSubjectInContent(r.v) {
		return nil // said its tests … threaten all member states
	}
	return a.reportedCand(r, issuer, why)
}

// reportedCue reads the cue at m: a threat noun or a verb used as a
// verb, not negated (did not threaten, never vowed).
func (a *analysis) reportedCue(m cueMatch) (*reportedRead, bool) {
	r := &reportedRead{m: m, v: m.a, w: a.low(m.a), colon: -1}
	v, w := r.v, r.w
	r.noun = a.threatNounAt(v)
	if r.owner = a.possessorBefore(v); r.owner != nil && a.tw(twOwnedNoun, w) {
		r.noun = true // Obama's vow to punish the regime
	}
	if !r.noun && a.verbCueAsNoun(m) {
		return nil, false
	}
	if m.c.kind == cueIntent && !a.tw(twCommit, w) {
		return nil, false
	}
	if strings.HasPrefix(w, "prepar") && (a.low(m.b) == "for" || a.low(m.b-1) == "for") {
		return nil, false // prepare for the possibility …
	}
	return r, !a.negatedVerb(v) && !a.unassertedBefore(v)
}

// verbCueAsNoun reports a verb cue used as a noun with no one named as
// committing: a vow of action, the threatened strike, his pledge.
func (a *analysis) verbCueAsNoun(m cueMatch) bool {
	w := a.low(m.a)
	if a.low(m.b) == "of" && (strings.HasPrefix(w, "vow") || strings.HasPrefix(w, "pledge") || strings.HasPrefix(w, "promise")) {
		return true
	}
	return a.is(m.a-1, fDet|fPossPron) || a.isPossessive(m.a-1)
}

// unassertedBefore reports a word shortly before the verb at v, in its
// clause, that makes the threat unasserted: a condition (if he threatens
// the allies), a denial or an accusation (denied accusations that he
// threatened the player).
func (a *analysis) unassertedBefore(v int) bool {
	for k := v - 1; k >= 0 && v-k <= 6; k-- {
		if a.toks[k].kind == tkPunct || a.toks[k].sentence != a.toks[v].sentence {
			return false
		}
		if a.twAt(twUnasserted, k) {
			return true
		}
	}
	return false
}

// threatNounAt reports a threat noun at v (threat, threats, ultimatum,
// a warning), not the verb "warning" with its object (warning the
// government that …).
func (a *analysis) threatNounAt(v int) bool {
	switch a.low(v) {
	case "threat", "threats", "ultimatum":
		return true
	case "warning":
		return !(a.is(v+1, fDet|fObjPron|fPossPron) || a.isNameWord(v+1)) || a.is(v-1, fDet)
	}
	return false
}

// negatedVerb reports a negation shortly before a verb, over auxiliaries
// and adverbs: did not threaten, has never vowed.
func (a *analysis) negatedVerb(v int) bool {
	for k := v - 1; k >= 0 && v-k <= 3; k-- {
		if a.is(k, fNeg) {
			return true
		}
		if !a.is(k, fAux|fAdv|fNeg) {
			break
		}
	}
	return false
}

// reportedActor reads a participle after a noun (an emergency
// threatening the nation): a threat only when the noun is an actor, in
// a headline (White House preparing response) or a reduced relative
// (comments from Putin Thursday warning the government that …).
func (a *analysis) reportedActor(r *reportedRead) (*mention, bool) {
	v := r.v
	if !strings.HasSuffix(r.w, "ing") || r.noun {
		return nil, true
	}
	if a.punct(v-1, ",") || a.punct(v-1, "-") || a.punct(v-1, "—") || a.punct(v-1, "–") || a.is(v-1, fAux) || a.low(v-1) == "of" || a.low(v-1) == "by" {
		return nil, true
	}
	if a.low(v-1) == "for" {
		// criticised Obama for threatening military action: the one
		// blamed threatens
		return a.actorEndingAt(v - 1), true
	}
	m := a.actorEndingAt(v)
	return m, m != nil
}

// reportedContent finds the content of the cue, and for a warning or an
// ultimatum its terms after a colon (warns Putin on Ukraine: stop or
// face the consequences). It reports whether there is content.
func (a *analysis) reportedContent(r *reportedRead) bool {
	v := r.v
	r.start = r.m.b
	r.end = a.contentEnd(r.start)
	if r.end <= r.start {
		return false
	}
	r.passive = a.low(v+1) == "with" || a.is(v-1, fAux) && (a.low(v-1) == "was" || a.low(v-1) == "were" || a.low(v-1) == "been" || a.low(v-1) == "being")
	if strings.HasPrefix(r.w, "warn") || r.w == "ultimatum" {
		if k := a.termsColon(r.m.b); k > 0 {
			r.colon = k
			r.end = a.contentEnd(k + 1)
		}
	}
	return true
}

// termsColon returns the colon after a warning's addressee and topic
// (a warning to Putin on Ukraine Thursday evening: …), or -1.
func (a *analysis) termsColon(k int) int {
	if a.low(k) == "to" {
		k++
	}
	k = a.npRightEnd(k)
	if a.low(k) == "on" || a.low(k) == "over" || a.low(k) == "about" {
		k = a.npRightEnd(k + 1)
	}
	for a.is(k, fTime) || a.isNameWord(k) || a.is(k, fAdv) {
		k++ // Putin Thursday evening
	}
	if a.punct(k, ":") {
		return k
	}
	return -1
}

// contentHasHarm reports a harm cue in the content: raised the prospect
// of sanctions, warned them of retaliation; not the threat of
// sanctions (a noun with no one committing), not a cost opposed (a
// stance against attacks) nor a face (the face of …).
func (a *analysis) contentHasHarm(r *reportedRead, cues []cueMatch) bool {
	ofOK := !r.noun || r.owner != nil
	for _, c := range cuesIn(cues, r.start, r.end) {
		if c.c.kind != cueHarm && c.c.kind != cueNoun && c.c.kind != cueCameo {
			continue
		}
		if a.inPrepPhrase(c.a) && !(ofOK && a.ofPhrase(c.a, r.m.b)) {
			continue
		}
		if a.low(c.a) == "face" && a.is(c.a-1, fDet) {
			continue
		}
		return true
	}
	return false
}

// reportedKind checks the content by the kind of cue and returns the
// reason.
func (a *analysis) reportedKind(r *reportedRead, cues []cueMatch) (string, bool) {
	text := a.tokText(r.v, r.m.b)
	switch {
	case r.colon > 0 && r.hasHarm:
		return fmt.Sprintf("%q with its terms after a colon", text), true
	case r.noun:
		return fmt.Sprintf("%q with its content", text), a.nounContent(r)
	case strings.HasPrefix(r.w, "threat"):
		return fmt.Sprintf("threat verb %q", text), true
	case strings.HasPrefix(r.w, "warn"):
		return fmt.Sprintf("warning %q to a target", text), a.warningContent(r, cues)
	}
	// vowed, pledged, promised, committed to … an act against someone
	return fmt.Sprintf("commitment %q to act", text), r.hasHarm
}

// nounContent reports a threat noun named with its content: threat to
// upend …, threat that …, threat of "fire and fury"; not a danger to
// someone (threat to Americans, to peace).
func (a *analysis) nounContent(r *reportedRead) bool {
	n, x := a.low(r.m.b), r.m.b+1
	if a.low(r.m.b-1) == "to" && r.m.b-1 > r.v {
		n, x = "to", r.m.b // a cue that holds its "to": vow to
	}
	switch {
	case n == "to":
		if !a.actAfterTo(x) {
			return false
		}
	case n == "that":
		if a.relativeThat(r.m.b) {
			return false // threats that have the potential to …
		}
	case n == "of" && r.hasHarm:
	default:
		return false
	}
	if r.owner != nil && !r.hasHarm && !strings.HasPrefix(r.w, "threat") {
		return false // his vow to cut taxes
	}
	if a.nounIsSubject(r.v) {
		return false // the threat of a strike brought them to the table
	}
	return r.w != "warning" || r.hasHarm
}

// actAfterTo reports an act after "threat to" at x (threat to upend the
// policy), not a danger to someone or something (threat to Americans,
// to peace, to public health).
func (a *analysis) actAfterTo(x int) bool {
	if !a.isWord(x) || a.toks[x].cap || a.is(x, fFunction|fNumber) || a.isPossessive(x) {
		return false
	}
	w := a.low(x)
	return !(strings.HasSuffix(w, "s") && !a.is(x, fVerbish)) && !a.tw(twDanger, w)
}

// relativeThat reports "that" at k starting a relative clause (a verb
// follows: threats that have …) rather than a content clause (a threat
// that he would …).
func (a *analysis) relativeThat(k int) bool {
	n := k + 1
	return a.is(n, fAux|fModal) && !a.is(n, fSubjPron) || a.isWord(n) && !a.toks[n].cap && a.isVerbAt(n) && !a.is(n, fDet|fSubjPron)
}

// nounIsSubject reports a threat noun at v that heads the subject of its
// clause (The threat of higher costs hit …; said the threat of an attack
// brought …): the threat is a topic, no one makes it here.
func (a *analysis) nounIsSubject(v int) bool {
	k := v - 1
	for k >= 0 && a.isWord(k) && !a.toks[k].cap && a.toks[k].flags == 0 && !a.isVerbAt(k) {
		k-- // adjectives: the renewed threat
	}
	if !a.is(k, fDet) {
		return false
	}
	p := k - 1
	return p < 0 || a.toks[p].sentence != a.toks[v].sentence || a.speechVerb(p, "speech direct") != nil || a.low(p) == "that"
}

// warningContent reports a warning with a threatening content: warns
// Putin of action, warned other nations not to trade, warned of
// retaliation, warned them that they face the consequences.
func (a *analysis) warningContent(r *reportedRead, cues []cueMatch) bool {
	obj, next, bare, ok := a.warningObject(r)
	if !ok {
		return false
	}
	if next != "that" && !bare {
		return true
	}
	// what a warning says will happen commits the one who warns
	cs := obj + 1
	if bare {
		cs = obj
	}
	a.warned = true
	t := a.threatInClause(cs, r.end, cues, nil, false)
	a.warned = false
	return t != nil
}

// warningObject reads what follows a warning verb: its object, the word
// after it, and whether a content clause follows without "that" (warning
// Ankara it will face sanctions; warned the two were under scrutiny and
// it would act). ok is false when no threatening content can follow.
func (a *analysis) warningObject(r *reportedRead) (obj int, next string, bare, ok bool) {
	b := r.m.b
	obj = a.npRightEnd(b)
	named := obj > b && (a.hasName(b, obj) || a.is(b, fObjPron))
	next = a.low(obj)
	bare = named && next != "that" && a.startsClause(obj) && !a.is(obj, fSub)
	if !named && r.hasHarm && a.is(b, fDet) && a.startsClause(b) {
		bare, obj, next = true, b, a.low(b)
	}
	return obj, next, bare, bare || a.warningLink(next, named, r.hasHarm)
}

// warningLink reports a word after a warning's object that introduces
// threatening content: of, against, not, that after a named target
// (warned Putin of action, warned nations not to trade); of or that
// before a harm cue without one (warned of retaliation).
func (a *analysis) warningLink(next string, named, harm bool) bool {
	switch next {
	case "of", "that":
		return named || harm
	case "against", "not":
		return named
	}
	return false
}

// reportedIssuer returns who threatens: the actor before a participle,
// else the subject of the verb (of the verb a threat noun is the object
// of: issued a blunt warning), none for a passive or a bare noun. ok is
// false when the subject is no actor (Those 221 characters threatened).
func (a *analysis) reportedIssuer(r *reportedRead) (*mention, bool) {
	if r.actor != nil {
		return r.actor, true
	}
	if r.noun && r.owner != nil {
		return r.owner, a.isActor(r.owner)
	}
	if r.passive || r.noun && r.colon <= 0 {
		return nil, true
	}
	at := r.v
	if r.noun {
		at = a.nounVerb(r.v)
	}
	issuer := a.attributionSubject(at, a.sents[a.toks[r.v].sentence].a)
	if issuer != nil && !a.isActor(issuer) && !r.noun {
		issuer = a.ownSubject(r.v) // the explosions came after Tehran threatened
	}
	if issuer == nil {
		issuer = a.sentenceSubject(a.toks[r.v].sentence)
		if issuer != nil && issuer.b > r.v {
			issuer = nil
		}
	}
	return issuer, issuer == nil || a.isActor(issuer)
}

// nounVerb returns the verb a threat noun at v is the object of (issued
// a blunt warning), or the start of the noun phrase.
func (a *analysis) nounVerb(v int) int {
	at := v
	for at > 0 && (a.is(at-1, fDet) || a.isWord(at-1) && !a.toks[at-1].cap && a.toks[at-1].flags == 0 && !a.isVerbAt(at-1)) {
		at--
	}
	if at > 0 && a.isVerbAt(at-1) {
		at--
	}
	return at
}

// reportedCand builds the reported threat: from the cue to the end of
// its content, conditional when the content states a condition.
func (a *analysis) reportedCand(r *reportedRead, issuer *mention, why string) *threatCand {
	t := &threatCand{a: a.toks[r.v].s, b: a.toks[r.end-1].e, issuer: issuer, score: 0.8, reported: true}
	if strings.HasPrefix(r.w, "warn") || r.m.c.kind == cueIntent {
		t.score = 0.7
	}
	t.reason = "reported threat: " + why
	for k := r.v; k < r.end && !t.conditional; k++ {
		t.conditional = a.twAt(twCondition, k)
	}
	t.ts, t.te = r.m.b, r.end
	return t
}

// ownSubject returns the actor right before the verb at v (auxiliaries
// and adverbs skipped): a pronoun or a name, or nil.
func (a *analysis) ownSubject(v int) *mention {
	k := v
	for k > 0 && a.is(k-1, fAux|fAdv) {
		k--
	}
	if a.is(k-1, fSubjPron) {
		return a.newMention(k-1, k)
	}
	return a.actorEndingAt(k)
}

// nounModifier reports a token that may stand between a possessor and
// its noun: a quotation mark, a quoted word, an adjective (the
// president's original "red line" vow).
func (a *analysis) nounModifier(k int) bool {
	if a.toks[k].kind == tkQuote {
		return true
	}
	if !a.isWord(k) || a.isPossessive(k) {
		return false
	}
	t := a.toks[k]
	return t.inQuote != 0 || !t.cap && t.flags == 0 && !a.isVerbAt(k)
}

// possessorBefore returns the name whose possessive stands before the
// noun at v, adjectives and quoted words between (Obama's original vow,
// the president's "red line" vow), or nil.
func (a *analysis) possessorBefore(v int) *mention {
	k := v - 1
	for k >= 0 && v-k <= 5 && a.nounModifier(k) {
		k--
	}
	if !a.isPossessive(k) || !a.isNameWord(k) {
		return nil
	}
	st := k
	for st > 0 && (a.isNameWord(st-1) || a.is(st-1, fTitle)) && !a.isPossessive(st-1) {
		st--
	}
	m := a.newMention(st, k+1)
	if m == nil || !a.isActor(m) {
		return nil
	}
	return m
}

// nounContentEnd ends the content of a threat noun before the verb of
// the clause the noun is in (Putin's threat to cut off gas supplies
// worried Europe): a finite verb after a noun, not after "to" or a
// modal.
func (a *analysis) nounContentEnd(k, e int) int {
	for j := k + 1; j < e; j++ {
		if a.toks[j].inQuote != 0 || a.is(j-1, fModal|fAux) || a.low(j-1) == "to" || a.toks[j].cap {
			continue
		}
		finite := a.isRegularPast(j) || a.is(j, fPast|fPresent) || a.isPresentS(j)
		prev := a.isNameWord(j-1) || a.isWord(j-1) && a.toks[j-1].flags&fFunction == 0 && !a.isVerbAt(j-1)
		if finite && prev && a.isVerbAt(j) {
			return a.trimClauseEnd(k, a.relativeStart(k, j))
		}
	}
	return e
}

// relativeStart returns the start of a relative clause (that, which,
// who after a noun) that holds the verb at j, or j: a vow to punish the
// regime for an attack that the U.S. said killed …
func (a *analysis) relativeStart(k, j int) int {
	for r := j - 1; r > k+1; r-- {
		if a.is(r, fRel) && !a.is(r-1, fFunction) && !a.isVerbAt(r-1) && a.isWord(r-1) {
			return r
		}
	}
	return j
}
