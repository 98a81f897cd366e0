package suggest

import (
	"fmt"
	"strings"
)

// Threat word classes (threat-words.tsv): closed lists the threat rules
// test words against. Each class holds exact words, stems ("stem*") and
// suffixes ("*suffix").
const (
	twTrigger    = "trigger"
	twOrCost     = "orcost"
	twCondition  = "condition"
	twAdjunct    = "adjunct"
	twEnder      = "ender"
	twTopic      = "topic"
	twUndo       = "undo"
	twRelief     = "relief"
	twNoPassive  = "nopassive"
	twReply      = "reply"
	twActSense   = "actsense"
	twDanger     = "danger"
	twOrder      = "order"
	twCommit     = "commit"
	twSuffer     = "suffer"
	twIngBefore  = "ingbefore"
	twClauseJoin = "clausejoin"
	twFirm       = "firm"
	twLikely     = "likely"
	twPossible   = "possible"
	twNeed       = "need"
	twDoSupport  = "dosupport"
	twUnasserted = "unasserted"
	twAnnounce   = "announce"
	twOwnedNoun  = "ownednoun"
	twNeeded     = "needed"
	twTrailer    = "trailer"
)

var threatWordClasses = []string{twTrigger, twOrCost, twCondition, twAdjunct, twEnder, twTopic, twUndo, twRelief, twNoPassive, twReply, twActSense, twDanger, twOrder, twCommit, twSuffer, twIngBefore, twClauseJoin, twFirm, twLikely, twPossible, twNeed, twDoSupport, twUnasserted, twAnnounce, twOwnedNoun, twNeeded, twTrailer}

// wordClass is one class of threat-words.tsv.
type wordClass struct {
	words    map[string]bool
	stems    []string
	suffixes []string
}

// has reports whether w is in the class, as a word, by a stem or by a
// suffix.
func (c *wordClass) has(w string) bool {
	if c == nil {
		return false
	}
	if c.words[w] {
		return true
	}
	for _, s := range c.stems {
		if strings.HasPrefix(w, s) {
			return true
		}
	}
	for _, s := range c.suffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// addThreatWord adds one row of threat-words.tsv.
func (l *Lexicon) addThreatWord(word, class string) error {
	c := l.threatWords[class]
	if c == nil {
		known := false
		for _, k := range threatWordClasses {
			known = known || k == class
		}
		if !known {
			return fmt.Errorf("unknown class %q", class)
		}
		c = &wordClass{words: map[string]bool{}}
		if l.threatWords == nil {
			l.threatWords = map[string]*wordClass{}
		}
		l.threatWords[class] = c
	}
	word = strings.ToLower(strings.TrimSpace(word))
	switch {
	case len(word) > 1 && strings.HasSuffix(word, "*"):
		c.stems = append(c.stems, strings.TrimSuffix(word, "*"))
	case len(word) > 1 && strings.HasPrefix(word, "*"):
		c.suffixes = append(c.suffixes, strings.TrimPrefix(word, "*"))
	case word == "" || strings.Contains(word, "*"):
		return fmt.Errorf("bad word %q", word)
	default:
		c.words[word] = true
	}
	return nil
}

// tw reports whether the word w is in the threat word class.
func (a *analysis) tw(class, w string) bool {
	return a.lex.threatWords[class].has(w)
}

// twAt reports whether token k is a word in the threat word class.
func (a *analysis) twAt(class string, k int) bool {
	return a.isWord(k) && a.tw(class, a.toks[k].low)
}

// verbIn reports whether w is an inflection of a verb in the class:
// lift, lifts, lifted, lifting, eased, easing, dropped.
func (a *analysis) verbIn(class, w string) bool {
	if a.tw(class, w) {
		return true
	}
	for _, suf := range []string{"s", "d", "ed", "ing"} {
		base, ok := strings.CutSuffix(w, suf)
		if !ok || len(base) < 3 {
			continue
		}
		if a.tw(class, base) || suf != "s" && a.tw(class, base+"e") {
			return true
		}
		if n := len(base); suf != "s" && base[n-1] == base[n-2] && a.tw(class, base[:n-1]) {
			return true // dropped, dropping
		}
	}
	return false
}
