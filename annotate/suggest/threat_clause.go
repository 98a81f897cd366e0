package suggest

import (
	"fmt"
	"strings"
)

// Threats stated in speech content, clause by clause. The stages:
//
//  1. newThreatClause trims the clause, drops questions and splits off a
//     leading condition (if …, we will respond);
//  2. scoreClauseCue scores each cue of the main clause by its kind:
//     commitments (will not hesitate), exclusions (will not be allowed
//     to), ultimatums (a last chance) and harm cues in a frame that
//     commits the subject (will, would, going to, there will be);
//  3. harmExcluded drops harm cues that are negated, a topic of talk,
//     the subject rather than the act, or said of a law or a document;
//  4. clauseThreat builds the span, with its condition.

// threatClause is one clause of speech content being read for a threat:
// tokens [s,e), main clause from main.
type threatClause struct {
	s, e, main int
	cond       bool
	imperative bool    // a bare verb starts it: an order
	writer     bool    // the writer's own clause: only firm frames count
	flip       float64 // weight of a negated commitment, -1 when none
	fv         int     // first finite verb of the main clause, or -1
	in, cues   []cueMatch
}

// cueScore is the score of one cue in a clause.
type cueScore struct {
	w       float64
	reason  string
	passive int // start of a passive cost's subject, or -1
}

// threatInClause decides whether a clause of speech content states a
// threat, and builds it.
func (a *analysis) threatInClause(s, e int, cues []cueMatch, speaker *mention, orders bool) *threatCand {
	c, ok := a.newThreatClause(s, e, cues, orders)
	if !ok {
		return nil
	}
	return a.clauseThreatOf(c, speaker)
}

// clauseThreatOf scores the cues of clause c and builds the threat of
// the best one, issued by speaker; nil when none threatens.
func (a *analysis) clauseThreatOf(c *threatClause, speaker *mention) *threatCand {
	best, bestAt := cueScore{passive: -1}, -1
	for _, m := range c.in {
		if m.a < c.main || a.inAdjunct(c.main, m.a) {
			continue
		}
		if sc, ok := a.scoreClauseCue(c, m); ok && sc.w > best.w {
			best, bestAt = sc, m.b
		}
	}
	if best.w < 0.35 {
		return nil
	}
	return a.clauseThreat(c, best, bestAt, speaker)
}

// newThreatClause prepares clause [s,e) for reading: conjunctions and
// punctuation trimmed, a question (Will they be targeted?) refused, a
// leading condition split off, its cues collected.
func (a *analysis) newThreatClause(s, e int, cues []cueMatch, orders bool) (*threatClause, bool) {
	s, e, question := a.trimClause(s, e)
	if e-s < 2 {
		return nil, false
	}
	if question && (a.is(s, fAux|fModal) || strings.HasPrefix(a.low(s), "wh") || a.low(s) == "how") {
		return nil, false // a question asks, it commits no one
	}
	c := &threatClause{s: s, e: e, cues: cues, flip: -1}
	c.main, c.cond = a.conditionSplit(s, e)
	c.in = cuesIn(cues, s, e)
	if len(c.in) == 0 {
		return nil, false
	}
	for _, m := range c.in {
		if m.c.kind == cueFlip && m.a >= c.main && a.flipCommits(m) {
			c.flip = max(c.flip, m.c.weight)
		}
	}
	c.imperative = orders && a.imperativeAt(c.main)
	c.fv = a.firstVerb(c.main, e)
	return c, true
}

// trimClause drops leading conjunctions and non-words and trailing
// punctuation; it reports a question mark at the end.
func (a *analysis) trimClause(s, e int) (int, int, bool) {
	for s < e && (a.toks[s].kind != tkWord || a.is(s, fConj) && !a.toks[s].cap || a.low(s) == "so") {
		s++
	}
	question := false
	for e > s && a.toks[e-1].kind != tkWord && !(a.toks[e-1].kind == tkQuote && a.qOpen[a.toks[e-1].quote] >= s) {
		if a.punct(e-1, "?") {
			question = true
		}
		e--
	}
	return s, e, question
}

// conditionSplit returns where the main clause starts after a leading
// condition (if …, we will respond; unless … then …) and whether the
// clause states a condition anywhere (if, unless, otherwise …).
func (a *analysis) conditionSplit(s, e int) (int, bool) {
	main, cond := s, false
	lead := a.low(s)
	if lead == "but" || lead == "and" {
		lead = a.low(s + 1)
	}
	if lead == "if" || lead == "unless" {
		cond = true
		for k := s + 1; k < e; k++ {
			if a.punct(k, ",") && k+1 < e && a.startsClause(k+1) || a.low(k) == "then" {
				main = k + 1
				break
			}
		}
	}
	for k := main; k < e && !cond; k++ {
		cond = a.twAt(twCondition, k) || a.invertedCondition(k, e)
	}
	return main, cond
}

// invertedCondition reports a condition stated by inversion at k:
// ", should diplomacy fail, …", "had they known, …": the auxiliary at a
// clause start, a subject and a verb, then a comma.
func (a *analysis) invertedCondition(k, e int) bool {
	if w := a.low(k); w != "should" && w != "had" && w != "were" {
		return false
	}
	if k > 0 && !a.punct(k-1, ",") && a.low(k-1) != "that" {
		return false
	}
	if a.is(k+1, fAux|fModal|fAdv) || a.low(k+1) == "be" || a.low(k+1) == "have" || !a.isWord(k+1) {
		return false // should be, should have: a modal, no condition
	}
	for j := k + 2; j < e && j-k <= 5; j++ {
		if a.punct(j, ",") {
			return true
		}
	}
	return false
}

// scoreClauseCue scores cue m of clause c by its kind; ok is false when
// the cue does not threaten here.
func (a *analysis) scoreClauseCue(c *threatClause, m cueMatch) (cueScore, bool) {
	text := a.tokText(m.a, m.b)
	switch m.c.kind {
	case cueFlip:
		return cueScore{m.c.weight, fmt.Sprintf("commitment %q", text), -1}, a.flipCommits(m)
	case cueBar:
		// will not be allowed to take part, would be barred from: an
		// exclusion imposed on a named actor
		if !a.barredActor(c.main, m) {
			return cueScore{}, false
		}
		return cueScore{m.c.weight, fmt.Sprintf("exclusion %q", text), -1}, true
	case cueUltimatum:
		// a last chance, the window is closing: stated in a clause with a
		// verb (a heading is no statement), not negated
		if c.fv < 0 || a.negatedBefore(c.main, m.a) || a.inPrepPhrase(m.a) && a.low(m.a) == "ultimatum" {
			return cueScore{}, false
		}
		return cueScore{m.c.weight, fmt.Sprintf("ultimatum %q", text), -1}, true
	case cueHarm, cueNoun, cueCameo, cueCost:
		return a.scoreHarmCue(c, m)
	}
	return cueScore{}, false
}

// scoreHarmCue scores a harm cue (respond, sanctions, consequences): an
// act, in a passive with a modal or under a frame that commits the
// subject.
func (a *analysis) scoreHarmCue(c *threatClause, m cueMatch) (cueScore, bool) {
	if m.c.kind == cueCost && !c.cond {
		return cueScore{}, false // costly is a cost only under a condition
	}
	if a.inPrepPhrase(m.a) || a.replyNotHarm(m) || a.notHarmUse(m) {
		return cueScore{}, false
	}
	// a verb cue used as a noun (a military strike) may still be the
	// subject of a passive cost
	if ps, pf := a.passiveCost(c.main, m, c.e); ps >= 0 && !a.toks[m.a].cap {
		// any sanctions could be snapped back, similar action could be
		// considered: a cost the speaker's side would impose
		if a.negatedBefore(ps, pf) {
			return cueScore{}, false
		}
		r := fmt.Sprintf("%q in a passive with %q", a.tokText(m.a, m.b), a.tokText(pf, pf+1))
		return cueScore{max(m.c.weight, 0.6) * 0.9, r, ps}, true
	}
	if !a.harmAct(m) {
		return cueScore{}, false
	}
	f, ok := a.harmFrame(c, m)
	if !ok || f.frame == 0 || a.harmExcluded(c, m, f) {
		return cueScore{}, false
	}
	return cueScore{f.w * f.frame, fmt.Sprintf("%q in %s", a.tokText(m.a, m.b), f.why), -1}, true
}

// harmFrame is the frame found for a harm cue.
type harmFrame struct {
	frame, w float64
	why      string
	keep     bool // a refusal to lift the cost
	coming   bool // the cost is announced as coming
}

// harmFrame finds how firmly the clause commits its subject to the harm
// cue m: a modal or intent before it, a condition, a negated
// commitment, a refusal to lift it, a cost that is coming, a warning or
// an order. ok is false for what a thing may do inside a warning.
func (a *analysis) harmFrame(c *threatClause, m cueMatch) (harmFrame, bool) {
	f := harmFrame{w: m.c.weight}
	lo := max(c.main, m.a-20)
	if f.w < 0.5 {
		lo = max(c.main, m.a-6) // weak cues need their frame close by
	}
	f.frame, f.why = a.frameBefore(lo, m.a, c.cues, m.c.kind == cueNoun)
	if c.cond && f.frame == 0.5 && !a.sufferedCost(m) {
		f.frame = 0.7 // could act if …: a possibility tied to a trigger
	}
	a.firmFrames(c, m, &f)
	if a.warned && f.frame < 0.8 {
		if a.thingSubject(c) {
			return f, false
		}
		f.frame, f.why = 0.8, "a warning"
	}
	if c.imperative && f.frame < 0.6 && m.c.kind != cueNoun {
		f.frame, f.why = 0.6, "an order"
	}
	return f, !c.writer || f.frame >= minWriterFrame
}

// firmFrames raises the frame of a harm cue that a negated commitment
// (will not hesitate), a refusal to lift it (will not waive sanctions)
// or its announced coming (sanctions are coming) commits.
func (a *analysis) firmFrames(c *threatClause, m cueMatch, f *harmFrame) {
	if c.flip > 0 {
		f.frame, f.why = 1, "a commitment"
	}
	if f.keep = a.refusedRelief(c.main, m.a); f.keep {
		f.frame, f.why = max(f.frame, 0.8), "a refusal to lift it"
		f.w = max(f.w, 0.6)
	}
	if f.coming = m.c.kind != cueCameo && a.comingAfter(m.b, c.e); f.coming {
		f.frame, f.why = 1, fmt.Sprintf("%q", a.tokText(m.b, min(c.e, m.b+2)))
		f.w = max(f.w, 0.6)
	}
}

// thingSubject reports a clause whose subject is a thing, not an actor:
// in a warning, what will happen to an actor (they face the
// consequences) threatens, what a thing may do (the dispute could hurt
// confidence) does not.
func (a *analysis) thingSubject(c *threatClause) bool {
	h := a.subjectHead(c.main, c.fv)
	return h >= 0 && a.isWord(h) && !a.toks[h].cap && !a.is(h, fSubjPron|fRole|fOrg)
}

// harmExcluded reports a framed harm cue that still does not threaten:
// negated, the topic of talk, the clause's subject rather than what the
// subject does (these stories of retaliation should …), or an act of a
// law or a document, or of a cost noun (the tariffs will hurt growth). A
// cost that is coming is the subject (sanctions are coming).
func (a *analysis) harmExcluded(c *threatClause, m cueMatch, f harmFrame) bool {
	if !f.keep && (c.flip <= 0 && a.negatedBefore(c.main, m.a) || a.topicBefore(c.main, m.a, c.cues)) || a.genericNeed(m.a) {
		return true
	}
	if c.fv >= 0 && m.a < c.fv && f.why != "there is" && !c.imperative && !f.coming {
		return true
	}
	h := a.subjectHead(c.main, c.fv)
	return h >= 0 && m.a > h && (a.is(h, fLaw|fDoc) && !a.toks[h].cap || costNounAt(c.in, h))
}

// clauseThreat builds the threat of clause c whose best cue ends at
// bestAt: an alternative (stop it or face the consequences) makes it
// conditional; trailing adjuncts of time or reason are cut; a second
// predicate or a passive cost's subject starts the span.
func (a *analysis) clauseThreat(c *threatClause, best cueScore, bestAt int, speaker *mention) *threatCand {
	cond := c.cond || a.alternativeBefore(c.main, bestAt)
	e := a.trimTrailer(bestAt, a.trimAdjunct(bestAt, c.e))
	if k := a.secondVerbAfter(bestAt-1, e); k > 0 && a.toks[k].inQuote == a.toks[bestAt-1].inQuote {
		e = k // … will take action but didn't elaborate
	}
	s := a.skipLeadingConj(a.secondPredicate(c.s, bestAt), bestAt)
	if best.passive > s && !cond {
		s = best.passive // … and similar action could be considered
	}
	t := &threatCand{a: a.toks[s].s, b: a.toks[e-1].e, issuer: speaker, conditional: cond, score: min(0.95, 0.3+best.w*0.7)}
	t.reason = "stated intent: " + best.reason
	if cond {
		t.reason += ", with a condition"
	}
	t.ts, t.te = c.main, e
	return t
}

// clauses splits speech content [s,e) into sentences and clauses: at
// sentence ends, semicolons, and ", but" / ", and" / ", or" before a new
// subject, and "and that".
func (a *analysis) clauses(s, e int) [][2]int {
	var out [][2]int
	start := s
	for i := s; i < e; i++ {
		end, next, ok := a.clauseCut(i, e, start)
		if !ok {
			continue
		}
		if end > start {
			out = append(out, [2]int{start, end})
		}
		start = next
	}
	if start < e {
		out = append(out, [2]int{start, e})
	}
	return out
}

// clauseCut reports whether a clause of content [start,e) ends at token
// i: it returns the end of the clause and the start of the next.
func (a *analysis) clauseCut(i, e, start int) (int, int, bool) {
	t := a.toks[i]
	if t.kind == tkPunct {
		return a.punctClauseCut(i, e)
	}
	switch {
	case t.kind != tkWord || i <= start:
	case !t.cap && t.low == "but" && a.is(i+1, fSubjPron):
		return i, i + 1, true
	case t.low == "and" && a.low(i+1) == "that":
		return i, i + 2, true
	}
	return 0, 0, false
}

// punctClauseCut cuts at a sentence end or semicolon, at a colon before
// a capitalised clause (the reverse is true: The country could …) and
// at a comma before but/and/or/so and a new subject.
func (a *analysis) punctClauseCut(i, e int) (int, int, bool) {
	w := a.toks[i].low
	switch {
	case (isEndPunct(w) || w == ";") && i+1 < e:
		return i + 1, i + 1, true
	case w == ":" && i+1 < e && a.toks[i+1].cap && a.startsClause(i+1):
		return i, i + 1, true
	case w == "," && i+2 < e && a.twAt(twClauseJoin, i+1) && a.startsClause(i+2):
		return i, i + 2, true
	}
	return 0, 0, false
}

// frameAt returns how firmly the word at k commits the subject to act:
// will, shall, going to (1); would, should, must, want (0.8); need to,
// have to (0.6); could, can, may, might (0.5); else 0.
func (a *analysis) frameAt(k int) float64 {
	if !a.isWord(k) {
		return 0
	}
	w := a.toks[k].low
	switch {
	case w == "going":
		// a past intention (reforms were going to protect …) is none
		if a.low(k+1) != "to" || a.low(k-1) == "was" || a.low(k-1) == "were" {
			return 0
		}
		return 1
	case a.tw(twFirm, w):
		return 1
	case a.tw(twLikely, w):
		return 0.8
	case a.tw(twPossible, w):
		return 0.5
	case a.tw(twNeed, w) && a.low(k+1) == "to" && !a.is(k-1, fModal):
		return 0.6 // we need to take action, they have to respond
	}
	return 0
}

// flipCommits reports a negated commitment (will not hesitate, won't
// tolerate) that commits its subject: not one negated with do, which
// tells a habit or a past act (does not tolerate dissent, didn't hesitate
// to criticise).
func (a *analysis) flipCommits(m cueMatch) bool {
	if a.tw(twDoSupport, a.low(m.a)) {
		return false
	}
	k := m.a - 1
	for k >= 0 && a.is(k, fAdv) {
		k--
	}
	return !a.tw(twDoSupport, a.low(k))
}

// trimTrailer ends a threat before a trailing phrase after a comma that
// tells how it was said (…, without elaborating; …, adding that …).
func (a *analysis) trimTrailer(c, e int) int {
	if c < 0 {
		return e
	}
	for k := c; k+1 < e; k++ {
		if a.punct(k, ",") && a.toks[k].inQuote == a.toks[c-1].inQuote && a.twAt(twTrailer, k+1) {
			return k
		}
	}
	return e
}

// skipLeadingConj skips a capitalised conjunction that opens a clause,
// with an adverb and a comma after it (But if …; And finally, there
// ought to be …): it links the clause to the one before, no part of
// the threat.
func (a *analysis) skipLeadingConj(s, c int) int {
	if !a.is(s, fConj) || !a.toks[s].cap {
		return s
	}
	k := s + 1
	if a.is(k, fAdv) || a.isWord(k) && strings.HasSuffix(a.low(k), "ly") {
		k++
	}
	if a.punct(k, ",") {
		k++
	}
	if k >= c || !a.isWord(k) && a.toks[k].kind != tkQuote {
		return s
	}
	return k
}

// genericNeed reports generic advice before the cue at c: "you (just)
// have to respond", "you need to act" tells what anyone must do, it
// commits no one.
func (a *analysis) genericNeed(c int) bool {
	k := c - 1
	if a.low(k) != "to" || !a.twAt(twNeed, k-1) {
		return false
	}
	k -= 2
	for k >= 0 && a.is(k, fAdv) {
		k--
	}
	return a.low(k) == "you" || a.low(k) == "one"
}
