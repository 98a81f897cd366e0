package suggest

// Threats the writer announces: a sentence of the writer's own (no quote,
// no speech verb) whose subject is an actor committed to a harm cue by a
// firm frame (will, shall, going to, plans to): the IAAF will appeal
// against the ruling, the U.S. will impose new sanctions on Russia. What
// the writer says an actor could or might do is an assessment, not an
// announcement.

// minWriterFrame is the least frame strength of an announcement: will,
// shall, going to, an intent phrase.
const minWriterFrame = 0.9

// writerThreats reads the writer's sentences that hold a harm cue.
func (a *analysis) writerThreats(cues []cueMatch) {
	inSpeech := a.speechSentences()
	done := -1
	for _, m := range cues {
		si := a.toks[m.a].sentence
		if si == done || inSpeech[si] || m.c.kind != cueHarm && m.c.kind != cueNoun || a.boiler[a.toks[m.a].para] {
			continue
		}
		done = si
		s := a.sents[si]
		for _, cl := range a.clauses(s.a, s.b) {
			if t := a.writerClauseThreat(cl[0], cl[1], cues); t != nil {
				a.addThreat(t)
			}
		}
	}
}

// speechSentences marks the sentences with a quote, reported speech or
// a threat verb: those are read as speech or as reports.
func (a *analysis) speechSentences() []bool {
	out := make([]bool, len(a.sents))
	for i := range a.toks {
		t := &a.toks[i]
		if t.inQuote != 0 || t.kind == tkQuote || t.kind == tkWord && (t.flags&(fSpeech|fDirectVerb|fDocVerb) != 0 || len(t.low) >= 4 && a.tw(twTrigger, t.low[:4])) {
			out[t.sentence] = true
		}
	}
	for _, q := range a.indirect {
		out[a.toks[a.tokenAt(q.a)].sentence] = true
	}
	return out
}

// writerClauseThreat reads one clause of the writer's: its subject must
// be an actor, its frame firm.
func (a *analysis) writerClauseThreat(s, e int, cues []cueMatch) *threatCand {
	c, ok := a.newThreatClause(s, e, cues, false)
	if !ok {
		return nil
	}
	v := a.writerVerb(c)
	if v < 0 {
		return nil
	}
	subj := a.leftSubject(v, c.main)
	if subj == nil || !a.isActor(subj) || a.skipAdvRight(subj.b) < v || a.low(subj.a) == "you" {
		return nil
	}
	c.writer = true
	t := a.clauseThreatOf(c, subj)
	if t == nil {
		return nil
	}
	// the span runs from the frame (will appeal against …) to the end
	// of the act, before a second predicate (… and has suspended them)
	t.a = a.toks[v].s
	if k := a.secondVerbAfter(v, t.te); k > 0 {
		t.b, t.te = a.toks[k-1].e, k
	}
	t.reason = "announced: " + t.reason
	return t
}

// writerVerb returns the verb that commits the clause's subject: its
// finite verb when firm, else its first intent phrase (plans to), or -1.
func (a *analysis) writerVerb(c *threatClause) int {
	if c.fv >= 0 && a.firmVerbAt(c.fv, c.cues) {
		return c.fv
	}
	for _, m := range c.in {
		if m.c.kind == cueIntent && m.a > c.main && (c.fv < 0 || m.a < c.fv) {
			return m.a
		}
	}
	return -1
}

// firmVerbAt reports a clause's finite verb at fv that commits its
// subject firmly: will, shall, is going to, plans to, is moving to.
func (a *analysis) firmVerbAt(fv int, cues []cueMatch) bool {
	if a.frameAt(fv) >= minWriterFrame || a.frameAt(fv+1) >= minWriterFrame {
		return true
	}
	for _, m := range cuesIn(cues, fv, fv+3) {
		if m.c.kind == cueIntent && m.a <= fv+1 {
			return true
		}
	}
	return false
}

// secondVerbAfter returns the "and"/"but" that joins a second predicate
// with its own auxiliary after token k (… and has suspended both
// athletes) before e, or -1.
func (a *analysis) secondVerbAfter(k, e int) int {
	for j := k + 1; j+1 < e; j++ {
		if (a.low(j) == "and" || a.low(j) == "but") && a.is(j+1, fAux) {
			return j
		}
	}
	return -1
}
