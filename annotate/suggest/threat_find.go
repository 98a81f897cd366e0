package suggest

import (
	"fmt"
	"strings"
)

// findCues matches the threat cues of the lexicon where threats are
// looked for: in quotes and in sentences with a threat verb or noun.
func (a *analysis) findCues() []cueMatch {
	var out []cueMatch
	relevant := a.threatSentences()
	for i := range a.toks {
		t := a.toks[i]
		if t.kind != tkWord || !relevant[t.sentence] {
			continue
		}
		out = a.matchCues(out, a.lex.cueIndex[t.low], i)
		if t.low == "cannot" || strings.HasSuffix(t.low, "n't") {
			out = a.matchCues(out, a.lex.cueIndex["not"], i) // won't hesitate = will not hesitate
			out = a.matchCues(out, a.lex.cueIndex["n't"], i)
		}
		if len(t.low) >= 5 {
			out = a.matchCues(out, a.lex.prefixIndex[t.low[:5]], i)
		}
	}
	return out
}

// matchCues appends the cues ids that match from token i.
func (a *analysis) matchCues(out []cueMatch, ids []int, i int) []cueMatch {
	for _, ci := range ids {
		c := &a.lex.cues[ci]
		if e := a.matchElems(c.elems, i, a.toks[i].sentence); e > i {
			out = append(out, cueMatch{c, i, e})
		}
	}
	return out
}

// threatSentences marks the sentences worth reading for threats: those
// with quoted or reported speech, a threat trigger word (threatened,
// warned, vowed …) or a cost offered as an alternative (… or face the
// consequences).
func (a *analysis) threatSentences() []bool {
	relevant := make([]bool, len(a.sents))
	for i := range a.toks {
		t := a.toks[i]
		switch {
		case t.inQuote != 0:
			relevant[t.sentence] = true
		case t.kind != tkWord:
		case a.tw(twFirm, t.low) || a.tw(twAnnounce, t.low):
			relevant[t.sentence] = true // the writer's announcements
		case t.low == "or":
			relevant[t.sentence] = relevant[t.sentence] || a.orCostAt(i)
		case len(t.low) < 4:
			relevant[t.sentence] = relevant[t.sentence] || a.tw(twTrigger, t.low) // vow
		case a.tw(twTrigger, t.low[:4]):
			relevant[t.sentence] = true
		}
	}
	for _, q := range a.indirect {
		for k := a.tokenAt(q.a); k < len(a.toks) && a.toks[k].s < q.b; k++ {
			relevant[a.toks[k].sentence] = true
		}
	}
	return relevant
}

// orCostAt reports "or" at i before a cost offered as the alternative
// (… or face the consequences).
func (a *analysis) orCostAt(i int) bool {
	n := i + 1
	for n < len(a.toks) && a.toks[n].kind == tkQuote {
		n++
	}
	return n < len(a.toks) && len(a.toks[n].low) >= 4 && a.tw(twOrCost, a.toks[n].low[:4])
}

// speechUnit is speech content read for threats: tokens [s,e).
type speechUnit struct {
	s, e    int
	speaker *mention
	direct  bool // a standalone direct quote: orders count
}

// speechUnits returns the direct and indirect quotes as units; a quote
// left open runs to the end of its paragraph.
func (a *analysis) speechUnits() []speechUnit {
	var units []speechUnit
	for _, q := range a.direct {
		oi, e := a.qOpen[q.quote], a.qClose[q.quote]
		if e < 0 {
			e = oi + 1
			for e < len(a.toks) && a.toks[e].para == a.toks[oi].para {
				e++
			}
		}
		units = append(units, speechUnit{oi + 1, e, q.speaker, !q.fragment})
	}
	for _, q := range a.indirect {
		units = append(units, speechUnit{a.tokenAt(q.a), a.tokenAt(q.b), q.speaker, false})
	}
	return units
}

// findThreats finds the threats sources state, those the writer reports
// and orders with a cost as the alternative.
func (a *analysis) findThreats() {
	cues := a.findCues()
	if len(cues) == 0 {
		return
	}
	for _, u := range a.speechUnits() {
		a.threatsInSpeech(u, cues)
	}
	for _, m := range cues {
		if m.c.kind != cueVerb && m.c.kind != cueIntent || a.boiler[a.toks[m.a].para] {
			continue
		}
		if a.toks[m.a].inQuote != 0 {
			if t := a.quotedReport(m, cues); t != nil {
				a.addThreat(t)
			}
		} else if t := a.reportedThreat(m, cues); t != nil {
			a.addThreat(t)
		}
	}
	a.writerThreats(cues)
	// told the US to withdraw the sanctions or "bear the consequences"
	for _, m := range cues {
		if m.c.kind == cueHarm || m.c.kind == cueNoun {
			if t := a.orderOrCost(m); t != nil {
				a.addThreat(t)
			}
		}
	}
}

// threatsInSpeech reads each clause of a unit of speech for a threat. A
// clause after ", or" (fix it, or we will withdraw) takes the
// alternative offered as its condition.
func (a *analysis) threatsInSpeech(u speechUnit, cues []cueMatch) {
	cls := a.clauses(u.s, u.e)
	for i, cl := range cls {
		orders := u.direct && (cl[0] == u.s || a.toks[cl[0]-1].kind == tkPunct && isEndPunct(a.toks[cl[0]-1].low))
		t := a.threatInClause(cl[0], cl[1], cues, u.speaker, orders)
		if t == nil {
			continue
		}
		if i > 0 && a.low(cl[0]-1) == "or" && cls[i-1][1] >= cl[0]-2 {
			p := cls[i-1][0]
			for p < cl[0] && a.toks[p].kind != tkWord {
				p++
			}
			t.a = a.toks[p].s
			t.conditional = true
		}
		a.addThreat(t)
	}
}

// orderOrCost reads a writer's report of an order whose alternative is a
// cost for the one ordered: told X to … or face the consequences, urged
// them to leave or be expelled. The span runs from the order verb to the
// end of the cost.
func (a *analysis) orderOrCost(m cueMatch) *threatCand {
	or := m.a - 1
	for or >= 0 && a.toks[or].kind == tkQuote {
		or--
	}
	if or < 0 || a.low(or) != "or" || a.boiler[a.toks[m.a].para] {
		return nil
	}
	sent := a.sents[a.toks[m.a].sentence]
	for v := or - 1; v > sent.a && or-v < 30; v-- {
		if a.toks[v].inQuote != 0 || !a.twAt(twOrder, v) {
			continue
		}
		o, ok := a.orderObject(v, or)
		if !ok {
			continue
		}
		if o < 0 || a.negatedVerb(v) {
			return nil
		}
		return a.orderThreat(v, o, m)
	}
	return nil
}

// orderObject returns where the object of the order verb at v starts
// (told him to …, called on X to …); ok is false when v is no order
// here, o is -1 when the order has no "to" before the alternative.
func (a *analysis) orderObject(v, or int) (int, bool) {
	o := v + 1
	if strings.HasPrefix(a.low(v), "call") {
		if a.low(o) != "on" && a.low(o) != "upon" {
			return 0, false
		}
		o++
	}
	x := a.npRightEnd(o)
	if a.is(o, fObjPron) {
		x = o + 1 // told him to …
	}
	if x <= o || a.low(x) != "to" || x >= or {
		return -1, true
	}
	return o, true
}

// orderThreat builds the threat of an order at v with the cost m as the
// alternative; nil when its subject is no actor.
func (a *analysis) orderThreat(v, o int, m cueMatch) *threatCand {
	sent := a.sents[a.toks[v].sentence]
	e := m.b
	if e < len(a.toks) && a.toks[e].kind == tkQuote && !a.toks[e].open {
		e++
	}
	issuer := a.attributionSubject(v, sent.a)
	if issuer == nil {
		issuer = a.sentenceSubject(a.toks[v].sentence)
		if issuer != nil && issuer.b > v {
			issuer = nil
		}
	}
	if issuer != nil && !a.isActor(issuer) {
		return nil
	}
	t := &threatCand{a: a.toks[v].s, b: a.toks[e-1].e, issuer: issuer, conditional: true, score: 0.75, reported: true}
	t.reason = fmt.Sprintf("reported threat: order %q with %q as the alternative", a.tokText(v, v+1), a.tokText(m.a, m.b))
	t.ts, t.te = o, e
	return t
}

// quotedReport reads a threat verb inside a quote whose own subject is a
// third party (“… while the foreign minister is threatening all-out
// war”): the speaker reports someone else's threat. What the speaker
// threatens (we will …) is read as speech.
func (a *analysis) quotedReport(m cueMatch, cues []cueMatch) *threatCand {
	if m.c.kind != cueVerb || !strings.HasPrefix(a.low(m.a), "threat") {
		return nil
	}
	subj := a.ownSubject(m.a)
	if subj == nil || subj.kind == mPronoun || a.toks[subj.a].inQuote == 0 {
		return nil
	}
	t := a.reportedThreat(m, cues)
	if t != nil {
		t.issuer = subj
	}
	return t
}
