package suggest

// contentEnd returns the end of a reported threat's content starting at
// k: the end of the sentence, a comma or a subordinate clause that is not
// a condition, or a second verb (… and says …).
func (a *analysis) contentEnd(k int) int {
	if k >= len(a.toks) {
		return k
	}
	s := a.sents[a.toks[k].sentence]
	for j := k; j < s.b; j++ {
		t := a.toks[j]
		if t.inQuote != 0 {
			continue
		}
		if t.kind == tkPunct {
			next, end := a.punctEnd(k, j, s.b)
			if end {
				return next
			}
			j = next
			continue
		}
		if t.kind == tkWord && j > k && a.wordEndsContent(j) {
			return j
		}
	}
	return a.trimClauseEnd(k, s.b)
}

// punctEnd reads punctuation at j in content from k: it returns the end
// of the content and true, or the token to go on from and false. A comma
// before a condition goes on; a relative clause set off by commas (a
// response, which may include …, to the interference) is skipped.
func (a *analysis) punctEnd(k, j, sb int) (int, bool) {
	switch a.low(j) {
	case ",":
		if a.low(j+1) == "if" || a.low(j+1) == "unless" {
			return j, false
		}
		if n := a.relativeAfterComma(j, sb); n > 0 {
			return n - 1, false
		}
		return j, true
	case ";", "—", "(", ":":
		return j, true
	}
	if isEndPunct(a.low(j)) && j > k {
		return a.trimClauseEnd(k, j), true
	}
	return j, false
}

// relativeAfterComma returns the first token after a relative clause set
// off by commas that starts at comma j (, which …, to the interference)
// when the content goes on after it, else -1.
func (a *analysis) relativeAfterComma(j, sb int) int {
	if a.low(j+1) != "which" && a.low(j+1) != "who" {
		return -1
	}
	c := a.nextComma(j+1, sb)
	if c <= 0 {
		return -1
	}
	n := c + 1
	for n < sb && a.toks[n].kind == tkQuote {
		n++
	}
	if n < sb && a.isWord(n) && !a.startsClause(n) && a.speechVerb(n, "speech direct") == nil && !a.isNameWord(n) && a.low(n) != "according" {
		return n
	}
	return -1
}

// wordEndsContent reports a word that ends a reported threat's content:
// a subordinator of time or reason (after, when, because; "as" before
// a subject), or "and"/"but" before a speech verb, a pronoun subject
// without a modal, or an auxiliary.
func (a *analysis) wordEndsContent(j int) bool {
	w := a.low(j)
	switch {
	case w == "as":
		return a.low(j+1) == "the" || a.is(j+1, fSubjPron)
	case a.tw(twEnder, w):
		return true
	case w == "and" || w == "but":
		// … and it would act: a second content clause goes on
		return a.speechVerb(j+1, "speech direct") != nil || a.is(j+1, fSubjPron) && !a.is(j+2, fModal) || a.is(j+1, fAux)
	}
	return false
}
