package suggest

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file finds who speaks: noun phrases next to speech verbs, the
// names an article uses, and the entity a mention refers to.

// nameMention is a capitalised name in the text.
type nameMention struct {
	a, b    int    // core name tokens (titles stripped)
	text    string // core name
	last    string // lower-case last word
	words   []string
	titles  []string // lower-case title and role words before or after it
	org     bool
	country string
}

// salience is an entity that a later pronoun or description may refer to.
type salience struct {
	pos    int
	entity string
	kind   int
	plural bool
	titles []string
	role   bool // a described person (a soldier), who he or she may refer to
	// inContent is set for a mention inside reported words (a quote's
	// content), which a later pronoun refers to only when no source
	// outside reported words fits.
	inContent bool
}

// isWordTok reports whether token i is a word.
func (a *analysis) isWord(i int) bool {
	return i >= 0 && i < len(a.toks) && a.toks[i].kind == tkWord
}

func (a *analysis) is(i int, f uint64) bool {
	return a.isWord(i) && a.toks[i].flags&f != 0
}

func (a *analysis) low(i int) string {
	if i < 0 || i >= len(a.toks) {
		return ""
	}
	return a.toks[i].low
}

func (a *analysis) punct(i int, s string) bool {
	return i >= 0 && i < len(a.toks) && a.toks[i].kind == tkPunct && a.toks[i].low == s
}

// isPossessive reports a word ending in 's or s' (not it's, he's).
func (a *analysis) isPossessive(i int) bool {
	if !a.isWord(i) || a.toks[i].flags&fAux != 0 {
		return false
	}
	w := a.toks[i].low
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "s'")
}

// isAllCaps reports a long word in capitals (THREATENS), which is
// emphasis rather than a name.
func (a *analysis) isAllCaps(i int) bool {
	t := a.toks[i]
	w := a.text[t.s:t.e]
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n > 4
}

// isAllCapsShort reports an acronym (UN, KCNA).
func (a *analysis) isAllCapsShort(i int) bool {
	t := a.toks[i]
	w := strings.TrimRight(a.text[t.s:t.e], ".")
	return len(w) >= 2 && len(w) <= 5 && strings.ToUpper(w) == w && strings.ToLower(w) != w
}

// isNameWord reports a capitalised word that can be part of a name.
func (a *analysis) isNameWord(i int) bool {
	if !a.isWord(i) || !a.toks[i].cap {
		return false
	}
	t := a.toks[i]
	if t.flags&(fFunction|fTime) != 0 && t.flags&(fTitle|fRole|fOrgName|fCountry) == 0 {
		// The, But, Monday … unless the word is also a title (May? no)
		return false
	}
	if t.flags&(fSpeech|fDirectVerb|fBelief) != 0 && t.flags&(fTitle|fRole|fOrgName) == 0 && a.sentenceStart(i) {
		return false
	}
	if h := strings.LastIndexByte(t.low, '-'); h > 0 && h+1 < len(t.low) && t.s+h+1 < t.e {
		// Obama-era, Saudi-led, Kremlin-backed: an adjective made from a
		// name, not a name (Al-Qaeda keeps its capital after the hyphen)
		if r := a.text[t.s+h+1]; r >= 'a' && r <= 'z' {
			return false
		}
	}
	return !a.isAllCaps(i) || t.flags&fTitle != 0
}

// sentenceStart reports whether token i begins its sentence (after any
// opening quotation marks).
func (a *analysis) sentenceStart(i int) bool {
	s := a.sents[a.toks[i].sentence]
	j := s.a
	for j < i && a.toks[j].kind == tkQuote {
		j++
	}
	return j == i
}

// findBoilerplate marks paragraphs that carry no labels: web furniture,
// read-more teasers, photo captions and pull quotes.
func (a *analysis) findBoilerplate() {
	n := len(a.paraOf)
	a.boiler = make([]bool, n)
	paraText := func(p int) string {
		i := a.paraOf[p]
		j := len(a.toks)
		if p+1 < n {
			j = a.paraOf[p+1]
		}
		return a.tokText(i, j)
	}
	texts := make([]string, n)
	for p := range texts {
		texts[p] = paraText(p)
	}
	marker := func(s string) bool {
		l := strings.ToLower(s)
		for _, m := range boilerplateMarkers {
			if strings.HasPrefix(l, m) || (len(l) < 80 && strings.Contains(l, m)) {
				return true
			}
		}
		return false
	}
	endsSentence := func(s string) bool {
		r, _ := utf8.DecodeLastRuneInString(s)
		return strings.ContainsRune(".?!”\"’'…:)", r)
	}
	for p := 0; p < n; p++ {
		if marker(texts[p]) {
			a.boiler[p] = true
			// a teaser line before "Read more", a caption before its credit
			if p > 0 && strings.HasPrefix(strings.ToLower(texts[p]), "read more") {
				a.boiler[p-1] = true
			}
			if p > 0 && texts[p-1] != "" && strings.HasPrefix(texts[p], texts[p-1][:min(len(texts[p-1]), 40)]) {
				a.boiler[p-1] = true
			}
		}
	}
	for p := 1; p+1 < n; p++ {
		// a repeated caption: the same line again two paragraphs on with a
		// credit or share buttons in between
		for q := p + 1; q < n && q <= p+3; q++ {
			if a.boiler[q] && strings.HasPrefix(texts[q], texts[p]) && len(texts[p]) > 20 {
				a.boiler[p] = true
			}
		}
	}
	// pull quotes: a line with no final punctuation followed by a short
	// credit line "Name, role"
	for p := 1; p+1 < n; p++ {
		if a.boiler[p] || endsSentence(texts[p]) {
			continue
		}
		c := texts[p+1]
		i, j := a.paraOf[p+1], len(a.toks)
		if p+2 < n {
			j = a.paraOf[p+2]
		}
		if j-i <= 12 && strings.Contains(c, ",") && !endsSentence(c) && a.toks[i].cap {
			a.boiler[p], a.boiler[p+1] = true, true
		}
	}
}

var boilerplateMarkers = []string{
	"click here", "read more", "related content", "source: read full article", "add interest",
	"facebook twitter pinterest", "photograph:", "image copyright", "image caption", "sign up for",
	"read or share this story", "share this article", "follow us on", "subscribe to", "advertisement",
	"getty images", "watch:", "video:", "listen:", "related:", "more:", "continue reading",
	"this story has been shared", "share on facebook", "all rights reserved", "copyright ©",
}

// findNames collects the capitalised names of the text.
func (a *analysis) findNames() {
	for i := 0; i < len(a.toks); {
		if !a.isNameWord(i) {
			i++
			continue
		}
		j := i
		for j < len(a.toks) {
			if j > i && a.toks[j].nl > 0 {
				break
			}
			if a.isNameWord(j) {
				if a.isPossessive(j) {
					j++
					break
				}
				j++
				continue
			}
			if a.nameConnector(i, j) {
				j++
				continue
			}
			break
		}
		if j-i == 1 && a.sentenceStart(i) && !a.nameElsewhere(i) {
			i = j // a capitalised first word, not a name (Anything, Sexual)
			continue
		}
		a.addNameRun(i, j)
		i = j
	}
}

// nameConnector reports an inner connector at j of the name run from
// i: Secretary of State, Bank of England, Ludwig van Beethoven; but a
// personal name ends before "of" (Ann Lee of Boston).
func (a *analysis) nameConnector(i, j int) bool {
	if j <= i || !a.isNameWord(j+1) {
		return false
	}
	switch a.low(j) {
	case "of":
		return !a.personBeforeOf(i, j)
	case "de", "van", "von", "bin", "al":
		return true
	}
	return false
}

// personBeforeOf reports whether the capitalised run [i,j) ends in a
// personal name of two or more words (after any title), which a
// following "of" does not join to a place or employer: Rep. Ann Lee of
// Boston, Ann Lee of Acme Bank. Organisation words (Bank of England,
// University of Texas), titles (Secretary of State) and countries keep
// their "of".
func (a *analysis) personBeforeOf(i, j int) bool {
	k := j
	for k > i && a.isNameWord(k-1) && !a.is(k-1, fTitle|fRole|fOrg|fOrgName|fCountry) && !a.isAllCaps(k-1) && !a.isPossessive(k-1) {
		k--
	}
	if j-k < 2 || k > i && !a.is(k-1, fTitle|fRole) {
		return false
	}
	if a.lex != nil && a.lex.honorifics[a.low(k)] {
		return false // Duke of York, Lord Smith of Leeds is one title
	}
	_, country := a.lex.country(a.tokText(k, j))
	return !country
}

// personOfEnd returns where the names of mention [i,j) end: before an
// "of" that follows a personal name (Ann Lee of Acme Bank is Ann Lee),
// else j.
func (a *analysis) personOfEnd(i, j int) int {
	for k := i + 2; k < j; k++ {
		if a.low(k) == "of" && a.personBeforeOf(i, k) {
			return k
		}
	}
	return j
}

// nameElsewhere reports whether the sentence-initial word at i is used as
// a name: capitalised in mid-sentence somewhere, or never in lower case.
func (a *analysis) nameElsewhere(i int) bool {
	if a.lowerSeen == nil {
		a.lowerSeen = map[string]bool{}
		a.capSeen = map[string]bool{}
		for k, t := range a.toks {
			if t.kind != tkWord {
				continue
			}
			if !t.cap {
				a.lowerSeen[t.low] = true
			} else if !a.sentenceStart(k) {
				a.capSeen[t.low] = true
			}
		}
	}
	w := trimPossessive(a.low(i))
	return a.capSeen[w] || a.capSeen[a.low(i)] || !a.lowerSeen[w]
}

// addNameRun splits a run of capitalised words [i,j) into names.
func (a *analysis) addNameRun(i, j int) {
	// split after an organisation word followed by more capitals
	// (United Nations | Nikki Haley), and at a country before a title
	for k := i; k < j-1; k++ {
		if a.is(k, fOrgName) && a.toks[k].cap && !a.is(k+1, fOrgName) && a.isNameWord(k+1) && !a.is(k+1, fTitle) && k+1 < j && a.low(k+1) != "of" {
			// but keep "Human Rights Watch"-like names whole: only split
			// when what follows looks like a person's name (two words)
			if j-(k+1) >= 2 && !a.anyFlag(k+1, j, fOrgName) {
				a.addNameRun(i, k+1)
				a.addNameRun(k+1, j)
				return
			}
		}
	}
	// a leading organisation acronym or nationality before a person's
	// name: UN Samantha Power, American Serena Williams
	if j-i >= 3 && (a.isAllCapsShort(i) || a.isDemonym(i)) && !a.anyFlag(i+1, j, fOrgName) {
		if a.isAllCapsShort(i) {
			a.addNameRun(i, i+1)
		}
		i++
	}
	var titles []string
	start := i
	// strip leading function words, titles and roles (and what joins
	// them: Secretary of State, U.S. Ambassador)
	lastTitle := -1
	for k := i; k < j; k++ {
		if a.is(k, fTitle|fRole) && !a.is(k, fOrgName) {
			lastTitle = k
		}
		if a.low(k) == "of" && lastTitle == k-1 && k+1 < j-1 {
			lastTitle = k + 1 // Secretary of State, Minister of Defence
			k++
		}
	}
	if lastTitle >= 0 && lastTitle < j-1 {
		for k := i; k <= lastTitle; k++ {
			if a.is(k, fTitle|fRole) {
				titles = append(titles, strings.TrimSuffix(a.low(k), "."))
			}
		}
		start = lastTitle + 1
	}
	for start < j && a.is(start, fFunction) {
		start++
	}
	// a title right before the run (president Joe Biden, the Arizona senator)
	if i > 0 && a.is(i-1, fTitle|fRole) {
		titles = append(titles, strings.TrimSuffix(a.low(i-1), "."))
	}
	// a descriptor right after it: China's Global Times newspaper
	if a.is(j, fOrg|fRole) && !a.toks[j].cap {
		titles = append(titles, "+"+a.low(j))
	}
	end := j
	if start >= end {
		return
	}
	words := make([]string, 0, end-start)
	for k := start; k < end; k++ {
		w := a.low(k)
		if k == end-1 {
			w = trimPossessive(w)
		}
		words = append(words, w)
	}
	text := trimPossessiveText(a.tokText(start, end))
	n := nameMention{a: start, b: end, text: text, words: words, last: words[len(words)-1], titles: titles}
	n.org = a.anyFlag(start, end, fOrgName)
	if c, ok := a.lex.country(text); ok {
		n.country = c
		n.org = true
	}
	a.names = append(a.names, n)
}

func (a *analysis) anyFlag(i, j int, f uint64) bool {
	for k := i; k < j; k++ {
		if a.is(k, f) {
			return true
		}
	}
	return false
}

func trimPossessive(w string) string {
	if strings.HasSuffix(w, "'s") {
		return w[:len(w)-2]
	}
	if strings.HasSuffix(w, "s'") {
		return w[:len(w)-1]
	}
	return w
}

func trimPossessiveText(s string) string {
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(s, suf) {
			return s[:len(s)-len(suf)]
		}
	}
	return s
}

// canonical returns the fullest name in the text for the name made of
// words (lower case): the longest name with the same last word that
// contains all of them.
func (a *analysis) canonical(words []string, fallback string) (string, *nameMention) {
	if len(words) == 0 {
		return fallback, nil
	}
	if a.byLast == nil {
		// one entry per distinct name, in order of first appearance
		a.byLast = map[string][]int{}
		a.byFirst = map[string][]int{}
		a.canon = map[string]canonResult{}
		seen := map[string]bool{}
		for k, n := range a.names {
			key := strings.Join(n.words, " ")
			if seen[key] {
				continue
			}
			seen[key] = true
			a.byLast[n.last] = append(a.byLast[n.last], k)
			a.byFirst[n.words[0]] = append(a.byFirst[n.words[0]], k)
		}
	}
	key := strings.Join(words, " ")
	if c, ok := a.canon[key]; ok {
		if c.n == nil {
			return fallback, nil
		}
		return c.n.text, c.n
	}
	text, n := a.findCanonical(words)
	a.canon[key] = canonResult{n}
	if n == nil {
		return fallback, nil
	}
	return text, n
}

type canonResult struct{ n *nameMention }

func (a *analysis) findCanonical(words []string) (string, *nameMention) {
	last := words[len(words)-1]
	var best *nameMention
	for _, k := range a.byLast[last] {
		n := &a.names[k]
		if len(n.words) < len(words) || !containsAll(n.words, words) {
			continue
		}
		if best == nil || len(n.words) > len(best.words) {
			best = n
		}
	}
	if (best == nil || len(best.words) == 1) && len(words) == 1 {
		// names written family name first (Wang for Wang Yi, Kim for Kim
		// Jong Un), and short forms of countries (the North)
		if first := a.commonestFirst(words[0]); first != nil {
			best = first
		}
		if n := a.parenAlias(words[0]); n != nil {
			best = n
		}
	}
	if n := a.expandAcronym(words); n != nil && (best == nil || len(n.words) > len(best.words)) {
		best = n
	}
	if best != nil {
		if n := a.honorificFullName(best.words); n != nil {
			best = n
		}
	}
	if best == nil {
		return "", nil
	}
	return best.text, best
}

// commonestFirst returns the name of two or three words that starts with
// w and that the text uses most often (Virgin for Virgin Radio, Kim for
// Kim Jong Un), the longer on a tie, or nil.
func (a *analysis) commonestFirst(w string) *nameMention {
	var first *nameMention
	firstCount := 0
	for _, k := range a.byFirst[w] {
		n := &a.names[k]
		if len(n.words) < 2 || len(n.words) > 3 {
			continue
		}
		c := a.nameCount(n.words)
		if first == nil || c > firstCount || c == firstCount && len(n.words) > len(first.words) {
			first, firstCount = n, c
		}
	}
	return first
}

// nameCount counts the mentions of the name made of words.
func (a *analysis) nameCount(words []string) int {
	c := 0
	for k := range a.names {
		if slices.Equal(a.names[k].words, words) {
			c++
		}
	}
	return c
}

// parenAlias returns the name that a short form in parentheses right
// after it stands for (Greek Athletics Federation (Segas): Segas), or
// nil.
func (a *analysis) parenAlias(w string) *nameMention {
	for k := range a.names {
		n := &a.names[k]
		j := n.b
		if len(n.words) >= 2 && a.punct(j, "(") && a.isWord(j+1) && a.toks[j+1].cap && a.low(j+1) == w && a.punct(j+2, ")") {
			return n
		}
	}
	return nil
}

// honorificFullName finds the personal name that an honorific and a
// family name stand for (Lord Smith for John Smith, Dame Jones for Mary
// Jones): the one name of two or more words with the same family name
// that does not start with an honorific, or nil.
func (a *analysis) honorificFullName(words []string) *nameMention {
	if len(words) != 2 || a.lex == nil || !a.lex.honorifics[words[0]] {
		return nil
	}
	var found *nameMention
	for _, k := range a.byLast[words[1]] {
		n := &a.names[k]
		if n.org || len(n.words) < 2 || a.lex.honorifics[n.words[0]] {
			continue
		}
		if found != nil && found.text != n.text && !containsAll(n.words, found.words) && !containsAll(found.words, n.words) {
			return nil // two people share the family name
		}
		if found == nil || len(n.words) > len(found.words) {
			found = n
		}
	}
	return found
}

// expandAcronym finds the name in the text that spells out an acronym
// among words: KCNA for Korean Central News Agency, U.N. Security Council
// for United Nations Security Council.
func (a *analysis) expandAcronym(words []string) *nameMention {
	var best *nameMention
	for i, w := range words {
		letters := strings.ReplaceAll(w, ".", "")
		if len(letters) < 2 || len(letters) > 5 || strings.ContainsFunc(letters, func(r rune) bool { return r < 'a' || r > 'z' }) {
			continue
		}
		if !strings.Contains(w, ".") && a.lowerSeen[w] {
			continue // a word also written in lower case is no acronym
		}
		for k := range a.names {
			n := &a.names[k]
			if best != nil && len(n.words) <= len(best.words) {
				continue
			}
			if a.spellsAcronym(contentWords(n.words), words, i, letters) {
				best = n
			}
		}
	}
	return best
}

// spellsAcronym reports whether full (a name's words) is words with the
// acronym at i (letters) spelled out, one word per letter.
func (a *analysis) spellsAcronym(full, words []string, i int, letters string) bool {
	if len(full) != len(words)-1+len(letters) {
		return false
	}
	for j := range full {
		var ok bool
		switch {
		case j < i:
			ok = full[j] == words[j]
		case j < i+len(letters):
			ok = len(full[j]) > 1 && strings.HasPrefix(full[j], letters[j-i:j-i+1])
		default:
			ok = full[j] == words[j-len(letters)+1]
		}
		if !ok {
			return false
		}
	}
	return true
}

// contentWords drops the words that join a name and that an acronym
// skips (International Association of Athletics Federations: IAAF).
func contentWords(words []string) []string {
	out := words[:0:0]
	for _, w := range words {
		if w != "of" && w != "for" && w != "and" && w != "the" && w != "de" {
			out = append(out, w)
		}
	}
	return out
}

// containsAll reports whether every one of words is in set.
func containsAll(set, words []string) bool {
	for _, w := range words {
		if !slices.Contains(set, w) {
			return false
		}
	}
	return true
}

// npWord reports whether token i can be inside a noun phrase that names
// a source (names, titles, nouns and adjectives; not verbs or function
// words other than determiners).
func (a *analysis) npWord(i int) bool {
	if !a.isWord(i) {
		return false
	}
	t := a.toks[i]
	if t.cap {
		return !a.isAllCaps(i) || t.flags&fTitle != 0
	}
	if t.flags&(fFunction|fAdv) != 0 {
		return false
	}
	if t.flags&(fPast|fPresent|fAux) != 0 && t.flags&(fRole|fOrg|fDoc|fTitle) == 0 {
		return false
	}
	if a.isRegularPast(i) && (a.is(i-1, fAux|fSubjPron|fAdv) || a.isNameWord(i-1) && !a.isPossessive(i-1)) {
		return false // has rejected, Biden imposed
	}
	if t.flags&(fSpeech|fDirectVerb|fDocVerb|fBelief) != 0 && t.flags&(fRole|fOrg|fDoc|fTitle) == 0 {
		// report, claim, note: nouns after a determiner
		return a.is(i-1, fDet|fPossPron) || a.isPossessive(i-1)
	}
	return true
}

// npRightWord reports a word that continues a noun phrase read left to
// right: a noun-phrase word that is not the phrase's verb.
func (a *analysis) npRightWord(j, start int) bool {
	if !a.npWord(j) {
		// titles with a prepositional phrase: Ambassador to the United
		// Nations, spokesman for the Kremlin
		if j > start && a.is(j-1, fTitle|fRole) && (a.low(j) == "to" || a.low(j) == "for" || a.low(j) == "at") && (a.isNameWord(j+1) || a.low(j+1) == "the" && a.isNameWord(j+2)) {
			return true
		}
		if j > start && a.low(j) == "the" && (a.low(j-1) == "to" || a.low(j-1) == "for" || a.low(j-1) == "at") && a.isNameWord(j+1) {
			return true
		}
		return false
	}
	if j > start && !a.toks[j].cap && (a.isRegularPast(j) || a.isPresentS(j) || a.is(j, fPast|fPresent|fBelief|fSpeech|fDirectVerb|fDocVerb) && !a.is(j, fRole|fOrg|fDoc)) {
		return false
	}
	if j > start && a.toks[j].cap && a.isAllCaps(j) {
		return false
	}
	return j == start || a.toks[j].nl == 0
}

// npLeft returns the start of the noun phrase that ends just before end,
// not going below lo. It returns end when there is none.
func (a *analysis) npLeft(end, lo int) int {
	start := end
	for i := end - 1; i >= lo && end-i <= 14; i-- {
		t := a.toks[i]
		if i+1 < end && a.toks[i+1].nl > 0 {
			break // never across paragraphs
		}
		if t.kind == tkPunct && (t.low == "%" || t.low == "$" || t.low == "£" || t.low == "€") && start < end {
			start = i
			continue
		}
		if t.kind == tkPunct && t.low == "$" {
			start = i
			continue
		}
		if t.kind != tkWord {
			break
		}
		if a.is(i, fSubjPron) && !t.cap || (t.cap && a.is(i, fSubjPron) && a.low(i) != "us") {
			if start == end && a.low(i) != "it" || start == end {
				start = i
			}
			break
		}
		if a.is(i, fDet|fPossPron) {
			if start == end {
				break
			}
			start = i
			// quantifiers: 62% of those troops, some of them
			if a.low(i-1) == "of" && (a.npWord(i-2) || a.punct(i-2, "%")) {
				continue
			}
			break
		}
		if a.npWord(i) {
			start = i
			continue
		}
		w := t.low
		if (w == "of" || w == "and" || w == "&") && start < end && (a.npWord(i-1) || a.punct(i-1, "%")) {
			if w == "and" && !(a.toks[i-1].cap && a.toks[start].cap || a.is(i-1, fRole) && a.is(start, fRole)) {
				break
			}
			continue
		}
		if a.is(i, fPrep) && w != "of" && start < end && (a.npWord(i-1) || a.punct(i-1, "%")) && !a.is(i-1, fTime) && a.isLowerNoun(i-1) &&
			(a.is(start, fDet|fNumber) || a.toks[start].cap) {
			// a prepositional phrase inside the noun phrase: troops
			// reporting sexual assault in 2014, officials in Washington
			continue
		}
		// a participle after a noun: troops reporting sexual assault
		if start < end && strings.HasSuffix(w, "ing") && a.isLowerNoun(i-1) && strings.HasSuffix(a.low(i-1), "s") {
			start = i
			continue
		}
		// a relative clause inside the noun phrase: women who reported
		// assaults
		if start < end && (a.isVerbAt(i) || a.is(i, fSpeech)) && (a.low(i-1) == "who" || a.low(i-1) == "that") && a.npWord(i-2) && end-i <= 4 {
			i--
			continue
		}
		break
	}
	// never start with a preposition or conjunction
	for start < end && a.isWord(start) && a.is(start, fPrep|fConj) && !a.toks[start].cap {
		start++
	}
	return start
}

// isLowerNoun reports a lower-case word that is likely a noun: a plural
// or an actor noun (used to allow a prepositional phrase after it).
func (a *analysis) isLowerNoun(i int) bool {
	if !a.isWord(i) || a.toks[i].cap {
		return false
	}
	w := a.toks[i].low
	return a.is(i, fRole|fOrg|fDoc|fNumber) || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") ||
		a.npWord(i) && !a.isRegularPast(i) && !strings.HasSuffix(w, "ly") && !a.is(i, fVerbish|fSpeech|fDirectVerb|fBelief|fPast|fPresent)
}

// skipAdvLeft moves left from i over adverbs, auxiliaries, negations and
// time phrases between a subject and its verb. It returns the index of
// the last token of the subject region.
func (a *analysis) skipAdvLeft(i, lo int) int {
	for i >= lo {
		t := a.toks[i]
		if t.kind == tkWord && !t.cap && (t.flags&(fAdv|fAux|fNeg|fTime) != 0 || strings.HasSuffix(t.low, "ly") && t.flags&(fRole|fOrg) == 0 && len(t.low) > 4) {
			i--
			continue
		}
		if t.kind == tkWord && t.flags&fTime != 0 {
			// on Thursday, late Sunday, this week
			i--
			for i >= lo && a.isWord(i) && !a.toks[i].cap && (a.low(i) == "on" || a.low(i) == "late" || a.low(i) == "early" || a.low(i) == "this" || a.low(i) == "last" || a.low(i) == "next" || a.low(i) == "in") {
				i--
			}
			continue
		}
		if t.kind == tkPunct && t.low == "," && i-2 >= lo && a.punct(i-2, ",") && a.isWord(i-1) && a.is(i-1, fAdv) {
			i -= 3 // , however ,
			continue
		}
		break
	}
	return i
}

// isBoundary reports a token that ends the search for a subject.
func (a *analysis) isBoundary(i int) bool {
	t := a.toks[i]
	switch t.kind {
	case tkQuote:
		return true
	case tkPunct:
		switch t.low {
		case ":", ";", "(", ")", "[", "]", "—", "–", "-", "•", "?", "!", ".", "…":
			return true
		}
	}
	return false
}

// leftSubject returns the subject of the verb at token v: the noun phrase
// before it, looking through appositives (Bill Bishop, a China expert,
// said) and leading adverbials (On Friday, the president said).
func (a *analysis) leftSubject(v, lo int) *mention {
	if s := a.sents[a.toks[v].sentence].a; lo < s {
		lo = s
	}
	j := a.skipAdvLeft(v-1, lo)
	if j < lo {
		return nil
	}
	// a second verb of the same subject: X said … and promised …
	if a.is(j, fConj) && !a.toks[j].cap {
		if m := a.sentenceSubject(a.toks[v].sentence); m != nil && m.b <= j {
			return m
		}
		return nil
	}
	if m := a.subjectBeforeRelative(j, lo); m != nil {
		return m
	}
	if m := a.subjectAfterFrontedPhrase(j, lo); m != nil {
		return m
	}
	// a relative clause: "which the CIA says", "that he said"
	type seg struct{ a, b int }
	var segs []seg
	end := j + 1
	k := j
	for len(segs) < 4 {
		for k >= lo && !a.punct(k, ",") && !a.isBoundary(k) {
			k--
		}
		segs = append(segs, seg{k + 1, end})
		if k < lo || !a.punct(k, ",") {
			break
		}
		end = k
		k--
	}
	if len(segs) > 1 && segs[0].a >= segs[0].b {
		segs = segs[1:] // X, appositive, said
	}
	npOf := func(s seg) (int, bool) {
		st := a.npLeft(s.b, s.a)
		return st, st == s.a && st < s.b
	}
	s0 := segs[0]
	st0, whole0 := npOf(s0)
	isAdverbial := func(s seg) bool {
		if s.a >= s.b {
			return true
		}
		t := a.toks[s.a]
		return t.kind == tkWord && t.flags&(fPrep|fSub|fAdv|fConj) != 0 && t.flags&fDet == 0 || strings.HasSuffix(t.low, "ing") && !t.cap
	}
	isName := func(st, b int) bool {
		for i := st; i < b; i++ {
			if a.isNameWord(i) && !a.is(i, fTitle|fRole) {
				return true
			}
		}
		return a.is(st, fSubjPron) && b-st == 1
	}
	appositive := func(s seg) bool {
		if s.a >= s.b {
			return true
		}
		t := a.toks[s.a]
		if t.kind != tkWord {
			return false
		}
		if !t.cap || t.flags&(fDet|fRel) != 0 || strings.HasSuffix(t.low, "ing") {
			return true
		}
		// R-S.C., D-N.Y.: party and state
		return len(t.low) <= 7 && strings.Contains(t.low, "-") && strings.Contains(t.low, ".")
	}
	// a name with a described appositive after it: Jared Bernstein, Vice
	// President Joe Biden's former chief economist, says / Stephen
	// Saltzburg, a George Washington University law professor, said
	if len(segs) > 1 && whole0 && !a.properHead(s0.b-1) {
		if st1, whole1 := npOf(segs[1]); whole1 && a.properHead(segs[1].b-1) && !a.is(st1, fSubjPron) {
			return a.newMention(st1, segs[1].b)
		}
	}
	headName := a.isNameWord(s0.b-1) && !a.isPossessive(s0.b-1) || a.is(st0, fSubjPron)
	if whole0 && isName(st0, s0.b) && (headName || len(segs) == 1) && !(len(segs) > 1 && appositive(s0) && !a.is(st0, fSubjPron)) {
		return a.newMention(st0, s0.b)
	}
	// a relative or subordinate clause: …, which Moscow insists … /
	// …, though Russia's embassy wrote …
	if a.is(s0.a, fRel|fSub|fConj) && !a.toks[s0.a].cap && st0 == s0.a+1 && st0 < s0.b {
		return a.newMention(st0, s0.b)
	}
	// the subject of a clause inside the segment: … noted that Turkey
	// has said … ("that" read as a determiner after a verb is the
	// complementiser)
	if st := st0; st > s0.a && st+1 < s0.b {
		if a.low(st) == "that" && a.verbEntry(st-1) != nil {
			st++
		}
		if st > st0 && isName(st, s0.b) && a.properHead(s0.b-1) {
			return a.newMention(st, s0.b)
		}
	}
	// a prepositional appositive after a name: Ann Ortiz, from the
	// Lakeside Institute, said / Tom Hale, of Acme Corp., said
	if len(segs) > 1 && s0.a < s0.b && a.is(s0.a, fPrep) && !a.toks[s0.a].cap && !a.is(s0.a, fSub|fConj) {
		if st1, whole1 := npOf(segs[1]); whole1 && a.properHead(segs[1].b-1) && !a.is(st1, fSubjPron) {
			return a.newMention(st1, segs[1].b)
		}
	}
	// a reduced relative clause: a test the Security Council condemned
	// as …, the term the North has used: the named subject after the noun
	if !whole0 && st0 > s0.a && st0 < s0.b && a.is(st0, fDet) && isName(st0, s0.b) && a.properHead(s0.b-1) &&
		a.isWord(st0-1) && !a.toks[st0-1].cap && !a.is(st0-1, fFunction|fPrep|fVerbish) && !a.isVerbAt(st0-1) {
		return a.newMention(st0, s0.b)
	}
	if len(segs) > 1 && appositive(s0) {
		s1 := segs[1]
		st1, whole1 := npOf(s1)
		if st1 < s1.b && (whole1 || !isAdverbial(seg{st1, s1.b})) && !isAdverbial(s1) || st1 < s1.b && isName(st1, s1.b) {
			// the segment before is the reported clause when a verb
			// precedes its last noun phrase (X was delivered outside the
			// capital on Friday, the ministry said): no appositive head
			if !(whole0 && !isAdverbial(s0) && isAdverbial(s1)) && !(whole0 && !whole1 && a.adjunctNP(st1, s1.b) && a.anyVerbBetween(s1.a, st1)) {
				return a.newMention(st1, s1.b)
			}
		}
	}
	if st0 < s0.b {
		return a.newMention(st0, s0.b)
	}
	return nil
}

// subjectBeforeRelative returns the subject of a verb after a subject
// relative clause ending at j: A man who led the campaign said / The
// agency, which runs the service, stressed; nil when there is none (an
// object relative, which the CIA says, has its subject inside).
func (a *analysis) subjectBeforeRelative(j, lo int) *mention {
	r := a.subjectRelativeAt(j, lo)
	if r < 0 {
		return nil
	}
	p := r - 1
	comma := a.punct(p, ",")
	if comma != a.punct(j, ",") || a.commaInside(r, j) {
		return nil // commas around the relative clause, or none
	}
	if comma {
		p--
	}
	st := a.npLeft(p+1, lo)
	if st > p || !a.npWord(p) {
		return nil
	}
	if comma {
		return a.newMention(st, p+1) // The agency, which …, said
	}
	return a.newMention(st, j+1) // the whole noun phrase: women who reported assaults
}

// subjectRelativeAt returns the "who" or "which" before j that opens a
// subject relative clause with a verb and a complement of its own
// (who led the campaign), or -1.
func (a *analysis) subjectRelativeAt(j, lo int) int {
	for r := j; r > lo && j-r < 16; r-- {
		if a.toks[r].kind == tkQuote || a.toks[r].kind == tkPunct && a.toks[r].low != "," {
			return -1
		}
		if w := a.low(r); w != "who" && w != "which" || a.toks[r].cap {
			continue
		}
		n := r + 1
		for n < j && a.is(n, fAdv) && !a.toks[n].cap {
			n++
		}
		if !(a.is(n, fAux|fPast|fPresent) && !a.is(n, fSubjPron) || a.isRegularPast(n) || a.isPresentS(n)) {
			return -1
		}
		for n < j && a.is(n+1, fAux|fAdv) {
			n++
		}
		if n >= j {
			return -1 // the verb itself is the relative's: troops who have reported
		}
		return r
	}
	return -1
}

// subjectAfterFrontedPhrase returns the noun phrase between the comma
// that ends a fronted participle or prepositional phrase and the verb:
// Speaking amid the campaign, the prime minister said.
func (a *analysis) subjectAfterFrontedPhrase(j, lo int) *mention {
	s := a.sents[a.toks[j].sentence].a
	if s < lo || !a.isWord(s) || !a.toks[s].cap || !(strings.HasSuffix(a.low(s), "ing") || a.is(s, fPrep)) {
		return nil
	}
	c := -1
	for k := s + 1; k <= j; k++ {
		if a.toks[k].kind == tkQuote {
			return nil
		}
		if a.punct(k, ",") {
			if c >= 0 {
				return nil // more than one comma: leave it to the segments
			}
			c = k
		}
	}
	if c < 0 || c >= j {
		return nil
	}
	st := a.npLeft(j+1, c+1)
	if st != c+1 {
		return nil
	}
	return a.newMention(st, j+1)
}

// adjunctNP reports a noun phrase [st,b) that is an adverbial's object,
// not a source: after a preposition of place or time (outside the
// capital), or ending in a time word (on Friday).
func (a *analysis) adjunctNP(st, b int) bool {
	if a.is(b-1, fTime) {
		return true
	}
	p := st - 1
	return a.isWord(p) && a.is(p, fPrep) && !a.toks[p].cap && a.low(p) != "to" && a.low(p) != "by" && a.low(p) != "of"
}

// properHead reports a word that ends a proper name: a capitalised
// name word that is no title or role and no possessive.
func (a *analysis) properHead(i int) bool {
	return a.isNameWord(i) && !a.is(i, fTitle|fRole|fTime) && !a.isPossessive(i) && !a.isDemonym(i)
}

// rightSubject returns the noun phrase after an inverted speech verb
// (said Ronald Smith, an analyst …); nil when a clause follows instead.
func (a *analysis) rightSubject(v int) *mention {
	i := v + 1
	if e := a.verbEntry(v); e != nil && e.second != "" {
		i++
	}
	st := i
	if a.is(i, fDet) && !a.is(i, fPossPron) || a.is(i, fPossPron) {
		i++
	}
	for i < len(a.toks) && i-st < 10 {
		if a.npRightWord(i, st) || (a.low(i) == "of" || a.low(i) == "and") && a.npWord(i+1) && i > st {
			i++
			continue
		}
		break
	}
	if i == st || (i == st+1 && a.is(st, fDet)) {
		return nil
	}
	// a clause (said Russia would …) is not an inverted subject
	if a.is(i, fAux|fPast|fPresent) || a.is(st, fTime) {
		return nil
	}
	if a.is(i-1, fTime) && !a.toks[i-1].cap {
		return nil
	}
	return a.newMention(st, i)
}

// newMention makes a mention of tokens [i,j), trimmed of leading
// adverbs, and classifies it.
func (a *analysis) newMention(i, j int) *mention {
	for i < j && (a.is(i, fAdv|fConj) && !a.toks[i].cap || a.is(i, fSub|fConj) && a.toks[i].cap && i+1 < j) {
		i++
	}
	for j > i && a.is(j-1, fTime) {
		j--
	}
	if i >= j {
		return nil
	}
	m := &mention{a: i, b: j}
	// a place or other phrase after the head does not change what the
	// mention is: Russia’s embassy in Washington
	hj := j
	for k := i + 1; k < j; k++ {
		if a.isWord(k) && !a.toks[k].cap && a.is(k, fPrep) && (a.low(k) != "of" || a.personBeforeOf(i, k)) && a.low(k) != "to" {
			hj = k
			break
		}
	}
	h := hj - 1 // the head word
	headIsName := a.isNameWord(h) && !a.is(h, fTitle|fRole) && !a.isDemonym(h) && !(a.isPossessive(h) && h < hj-1)
	switch {
	case hj-i == 1 && a.is(i, fSubjPron|fObjPron):
		m.kind = mPronoun
		w := a.low(i)
		m.plural = w == "they" || w == "we" || w == "them"
	case headIsName || a.hasName(i, hj) && a.toks[h].cap && !a.isPossessive(h):
		m.kind = mPerson
	case a.hasName(i, hj) && a.possessiveHead(i, hj) && a.is(h, fDoc):
		m.kind = mPerson // the author of a document: The North's statement
	case a.hasName(i, hj) && a.possessiveHead(i, hj):
		m.kind = mGroup // Russia's newspapers, Russia’s embassy in Washington
	case a.is(h, fDoc) && a.nameBefore(i, h):
		m.kind = mPerson // the author of a document: an IAAF statement, a Post story
	case a.hasName(i, hj) && a.is(h, fOrg) && a.orgModifier(i, h):
		m.kind = mPerson // the Trump administration, the KCNA news agency
		m.orgHead = a.low(h)
	default:
		m.kind = mDesc
		head := a.low(h)
		m.plural = strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "ss") && !a.is(h, fTitle)
		if !a.is(i, fDet) || a.low(i) == "a" || a.low(i) == "an" || a.low(i) == "some" || a.low(i) == "many" || a.low(i) == "several" || a.low(i) == "another" || a.low(i) == "one" {
			m.kind = mGroup // a senior official, analysts, a State Department official
		}
	}
	return m
}

// nameBefore reports a name in [i,h) that ends right before the noun
// at h, its author (an IAAF statement, a Washington Post story, a Lee
// tweet).
func (a *analysis) nameBefore(i, h int) bool {
	for _, n := range a.namesIn(i, h) {
		if n.b == h && !a.isPossessive(h-1) && n.country == "" {
			return true
		}
	}
	return false
}

// orgModifier reports a name that modifies an organisation noun h, with
// only nouns between them: the Trump administration, the KCNA news agency.
func (a *analysis) orgModifier(i, h int) bool {
	k := h - 1
	for k > i && !a.toks[k].cap && a.npWord(k) && !a.isRegularPast(k) && h-k <= 2 {
		k--
	}
	return a.isNameWord(k) && !a.is(k, fTitle|fRole) && !a.isDemonym(k) && !a.isPossessive(k)
}

// possessiveHead reports a mention whose names are all possessors of
// its head noun (Russia's newspapers).
func (a *analysis) possessiveHead(i, j int) bool {
	poss := false
	for k := i; k < j; k++ {
		if a.isNameWord(k) && !a.is(k, fTitle|fRole|fOrg) && !a.isDemonym(k) {
			if !a.isPossessive(k) {
				return false
			}
			poss = true
		}
	}
	return poss
}

func (a *analysis) hasName(i, j int) bool {
	for k := i; k < j; k++ {
		if a.isNameWord(k) && !a.is(k, fTitle|fRole|fOrg) && !a.isDemonym(k) {
			return true
		}
	}
	return false
}

// sentenceSubject returns the subject of sentence si: the first noun
// phrase, after leading adverbials, that a verb follows.
func (a *analysis) sentenceSubject(si int) *mention {
	if m, ok := a.subjects[si]; ok {
		return m
	}
	m := a.findSentenceSubject(si)
	a.subjects[si] = m
	return m
}

func (a *analysis) findSentenceSubject(si int) *mention {
	s := a.sents[si]
	i := s.a
	// a sentence opening with a quote: the subject is its attribution's
	if a.toks[i].kind == tkQuote && a.toks[i].open {
		if c := a.qClose[a.toks[i].quote]; c > i && c < s.b {
			i = c + 1
			if a.punct(i, ",") {
				i++
			}
			if e := a.speechVerb(i, "speech direct document"); e != nil {
				return a.rightSubject(i)
			}
		}
	}
	for i < s.b && (a.toks[i].kind == tkQuote || a.is(i, fConj|fAdv) || i > s.a && a.punct(i, ",") && a.is(i-1, fAdv)) {
		i++ // Still, Instead, But
	}
	// a leading adverbial up to its comma: In April, / On Friday, / This week,
	if i < s.b && (a.is(i, fPrep|fSub) || a.is(i+1, fTime) || a.is(i, fTime)) {
		k := i
		for k < s.b && k-i < 25 && !a.punct(k, ",") {
			k++
		}
		if k < s.b && a.punct(k, ",") {
			i = k + 1
		}
	}
	if i >= s.b {
		return nil
	}
	j := i
	if a.is(j, fSubjPron) && (a.toks[j].cap || j == s.a) {
		j++
	} else {
		if a.is(j, fDet|fPossPron) {
			j++
		}
		for j < s.b && j-i < 14 && (a.npRightWord(j, i) || (a.low(j) == "of" || a.low(j) == "and") && a.npWord(j+1)) {
			j++
		}
	}
	if j == i {
		return nil
	}
	// comma-separated noun phrases before the verb (Lawless World,
	// Philippe Sands, a QC and law professor, suggests): the last proper
	// name among them
	if j < s.b && a.punct(j, ",") {
		best := [2]int{i, j}
		k := j
		for n := 0; n < 4 && a.punct(k, ","); n++ {
			if v := a.skipAdvRight(k + 1); a.isVerbAt(v) && n > 0 {
				return a.newMention(best[0], best[1])
			}
			st := k + 1
			e := st
			if a.is(e, fDet|fPossPron) {
				e++
			}
			for e < s.b && e-st < 12 && (a.npRightWord(e, st) || (a.low(e) == "of" || a.low(e) == "and" || a.low(e) == "at" || a.low(e) == "in") && a.npWord(e+1)) {
				e++
			}
			if e == st {
				break
			}
			if a.toks[st].cap && !a.is(st, fDet) && a.hasName(st, e) && a.properHead(e-1) {
				best = [2]int{st, e}
			}
			if v := a.skipAdvRight(e); a.isVerbAt(v) && !a.punct(e, ",") {
				return a.newMention(best[0], best[1])
			}
			k = e
		}
	}
	// an appositive or a relative clause between subject and verb:
	// Philippe Sands, a QC, suggests / North Korea, which …, vowed
	if j < s.b && (a.punct(j, ",") || a.punct(j, "—") || a.punct(j, "-")) {
		k := j + 1
		for k < s.b && k-j < 25 && !a.punct(k, a.toks[j].low) && !a.punct(k, ";") {
			k++
		}
		if k < s.b && a.punct(k, a.toks[j].low) && a.isVerbAt(a.skipAdvRight(k+1)) {
			return a.newMention(i, j)
		}
		if a.is(j+1, fRel) {
			return a.newMention(i, j) // Rand Paul -- who … delivered
		}
	}
	if a.isVerbAt(a.skipAdvRight(j)) {
		return a.newMention(i, j)
	}
	return nil
}

// skipAdvRight skips adverbs, auxiliaries and time phrases (on Thursday)
// between a subject and its verb, returning the next token.
func (a *analysis) skipAdvRight(k int) int {
	for k < len(a.toks) {
		switch {
		case a.is(k, fAdv|fNeg) && !a.toks[k].cap:
			k++
		case (a.low(k) == "on" || a.low(k) == "last" || a.low(k) == "this" || a.low(k) == "late" || a.low(k) == "earlier") && a.is(k+1, fTime):
			k += 2
		case a.is(k, fTime):
			k++
		default:
			return k
		}
	}
	return k
}

// isVerbAt reports whether token i is likely a verb (finite or not) and
// not a noun: known verb forms and regular past tenses.
func (a *analysis) isVerbAt(i int) bool {
	if !a.isWord(i) || a.toks[i].cap && !a.sentenceStart(i) && !a.isAllCaps(i) {
		return false
	}
	t := a.toks[i]
	if t.flags&(fAux|fPast|fPresent|fSpeech|fDirectVerb|fDocVerb|fBelief|fVerbish) != 0 {
		if a.is(i-1, fDet|fPossPron) || a.isPossessive(i-1) {
			return false
		}
		return true
	}
	return a.isRegularPast(i) || a.isPresentS(i)
}

// isRegularPast reports a lower-case word ending in -ed that is not a
// known noun or adjective.
func (a *analysis) isRegularPast(i int) bool {
	if !a.isWord(i) || a.toks[i].cap && !a.isAllCaps(i) {
		return false
	}
	w := a.toks[i].low
	if len(w) < 5 || !strings.HasSuffix(w, "ed") || a.is(i, fRole|fOrg|fDoc|fFunction) {
		return false
	}
	switch w {
	case "hundred", "indeed", "united", "proceed", "exceed", "succeed", "speed", "seed", "breed", "greed", "alleged", "so-called", "based", "armed", "advanced", "detailed", "limited", "sophisticated", "concerned", "interested", "supposed", "skilled", "talented", "unprecedented", "renewed", "heated", "bled":
		return false
	}
	return true
}

// isPresentS reports an -s word right after a singular subject that is
// probably a verb (Russia still hopes): after a name or a pronoun.
func (a *analysis) isPresentS(i int) bool {
	if !a.isWord(i) || a.toks[i].cap && !a.isAllCaps(i) {
		return false
	}
	w := a.toks[i].low
	if len(w) < 4 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "'s") || a.is(i, fFunction|fRole|fOrg|fOrgName|fDoc|fLaw|fNumber) || w == "news" {
		return false
	}
	j := i - 1
	for j >= 0 && a.is(j, fAdv) {
		j--
	}
	return j >= 0 && (a.is(j, fSubjPron) || a.isNameWord(j) && !a.isPossessive(j))
}

// verbEntry returns the lexicon entry of the speech (or belief) verb at
// token i, checking the second word of two-word forms.
func (a *analysis) verbEntry(i int) *verbEntry {
	if a.lex == nil || !a.isWord(i) {
		return nil
	}
	es := a.lex.verbs[a.toks[i].low]
	var single *verbEntry
	for k := range es {
		e := &es[k]
		if e.second != "" {
			if a.low(i+1) == e.second {
				return e
			}
			continue
		}
		if single == nil {
			single = e
		}
	}
	return single
}

// speechVerb returns the entry of a speech verb used as a verb at token i.
func (a *analysis) speechVerb(i int, classes string) *verbEntry {
	e := a.verbEntry(i)
	if e == nil || !strings.Contains(classes, e.class) {
		return nil
	}
	if a.toks[i].cap && !a.sentenceStart(i) && !a.isAllCaps(i) {
		return nil
	}
	if a.is(i-1, fDet|fPossPron) || a.isPossessive(i-1) {
		return nil // a noun: the report, his claim
	}
	if e.tense == 'b' && e.lemma == "state" && a.isWord(i+1) && !a.is(i+1, fFunction) && !a.isNameWord(i+1) {
		return nil // the noun: state media, state news agency, state officials
	}
	if e.tense == 'b' && i > 0 {
		p := a.toks[i-1]
		intro := (a.punct(i+1, ",") || a.punct(i+1, ":")) && i+2 < len(a.toks) && a.toks[i+2].kind == tkQuote && a.toks[i+2].open
		ok := intro || p.kind == tkQuote || p.kind == tkPunct && (p.low == "," || p.low == "—") ||
			p.kind == tkWord && (p.flags&(fModal|fAux|fAdv|fNeg|fRel) != 0 || p.low == "to" || p.low == "they" || p.low == "we" || p.low == "i" || p.low == "you" ||
				p.cap && !a.is(i-1, fDet) || strings.HasSuffix(p.low, "s") && !a.isPossessive(i-1))
		if !ok {
			return nil // a noun: a second tweet, a pledge
		}
	}
	if e.tense == 'p' && a.isWord(i-1) && !a.toks[i-1].cap && !a.is(i-1, fFunction|fAdv) && (a.is(i+1, fAux|fPast) && !a.toks[i+1].cap || a.isRegularPast(i+1)) {
		return nil // a noun subject: intelligence reports showed …
	}
	if e.tense == 'b' || e.tense == 'p' {
		// a noun after a preposition or an adjective: secretary of state,
		// European demands
		if a.is(i-1, fPrep) && !a.is(i-1, fSubjPron) || a.isWord(i-1) && a.toks[i-1].cap && a.isDemonym(i-1) {
			return nil
		}
	}
	return e
}

// isDemonym reports a nationality adjective (British, European).
func (a *analysis) isDemonym(i int) bool {
	if a.lex == nil {
		return false
	}
	return a.lex.demonyms[a.toks[i].low]
}

// resolveAll gives every mention its entity, in text order, so that
// pronouns and descriptions can refer back to earlier speakers.
func (a *analysis) resolveAll() {
	var ms []*mention
	seen := map[*mention]bool{}
	add := func(m *mention) {
		if m != nil && !seen[m] {
			seen[m] = true
			ms = append(ms, m)
		}
	}
	speakers := map[*mention]bool{}
	for _, q := range a.direct {
		add(q.speaker)
		speakers[q.speaker] = true
	}
	for _, q := range a.indirect {
		add(q.speaker)
		speakers[q.speaker] = true
	}
	for _, t := range a.threats {
		add(t.issuer)
	}
	for si := range a.sents {
		if m := a.sentenceSubject(si); m != nil && m.kind == mPerson {
			add(m)
		}
	}
	// any person named as the subject of a clause: … and Tillerson has
	// argued …
	for _, n := range a.names {
		if n.org || n.country != "" || a.isPossessive(n.b-1) || a.is(n.a-1, fPrep) || a.toks[n.a].inQuote != 0 {
			continue
		}
		if v := a.skipAdvRight(n.b); a.isVerbAt(v) && !a.toks[v].cap {
			if m := a.newMention(n.a, n.b); m != nil && m.kind == mPerson {
				add(m)
			}
		}
	}
	sortMentions(ms)
	for _, m := range ms {
		a.resolve(m)
		if m.entity != "" && (m.kind == mPerson || m.kind == mOrg) && !a.modifierName(m.a, m.b) || speakers[m] {
			a.salient = append(a.salient, salience{pos: m.a, entity: m.entity, kind: m.kind, plural: m.plural, titles: a.titlesOf(m),
				role:      (m.kind == mGroup || m.kind == mDesc) && a.is(a.headOf(m), fRole),
				inContent: !speakers[m] && a.inReported(a.toks[m.a].s)})
		}
	}
}

// modifierName reports a name [i,j) used as a modifier of a noun, not
// as a person: after "the" (the Mount Hood eruption) or before a
// lower-case noun (the Houthi claim, a Lee aide).
func (a *analysis) modifierName(i, j int) bool {
	if !a.isNameWord(i) || a.isPossessive(j-1) {
		return false
	}
	if a.low(i-1) == "the" || a.low(i-1) == "a" || a.low(i-1) == "an" {
		return true
	}
	return a.isWord(j) && !a.toks[j].cap && !a.is(j, fFunction|fAdv|fTime) && !a.isVerbAt(j) && a.npWord(j)
}

// headOf returns the head word of a mention: its last word before a
// prepositional phrase (a spokeswoman for Human Rights Watch).
func (a *analysis) headOf(m *mention) int {
	for k := m.a + 1; k < m.b; k++ {
		if a.isWord(k) && !a.toks[k].cap && a.is(k, fPrep) && a.low(k) != "of" && a.low(k) != "to" {
			return k - 1
		}
	}
	return m.b - 1
}

// inReported reports whether byte offset b lies inside a suggested
// quote's content.
func (a *analysis) inReported(b int) bool {
	for _, q := range a.indirect {
		if b >= q.a && b < q.b {
			return true
		}
	}
	for _, q := range a.direct {
		if b >= q.a && b < q.b {
			return true
		}
	}
	return false
}

func sortMentions(ms []*mention) {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].a < ms[j].a })
}

// titlesOf returns the lower-case title and role words that describe a
// mention's entity: in the mention itself and on its names in the text.
func (a *analysis) titlesOf(m *mention) []string {
	var ts []string
	for k := m.a; k < m.b; k++ {
		if a.is(k, fTitle|fRole|fOrg) {
			ts = append(ts, strings.TrimSuffix(a.low(k), "."))
		}
	}
	if a.entityTitles == nil {
		a.entityTitles = map[string][]string{}
		seen := map[[2]string]bool{}
		for _, n := range a.names {
			if len(n.titles) > 0 {
				c, _ := a.canonical(n.words, n.text)
				for _, t := range n.titles {
					if !seen[[2]string{c, t}] {
						seen[[2]string{c, t}] = true
						a.entityTitles[c] = append(a.entityTitles[c], t)
					}
				}
			}
		}
	}
	return append(ts, a.entityTitles[m.entity]...)
}

// resolve sets m.entity: the canonical name for names, the referent of
// pronouns and definite descriptions, else the mention text.
func (a *analysis) resolve(m *mention) {
	if m.entity != "" {
		if ct, ok := a.lex.country(m.entity); ok && m.kind != mPronoun && m.entity == a.tokText(m.a, m.b) {
			m.entity = ct // US: United States
		}
		return
	}
	text := a.tokText(m.a, m.b)
	if m.kind != mPronoun {
		if ct, ok := a.lex.country(text); ok {
			m.entity = ct // US, the U.S.: United States
			return
		}
	}
	switch m.kind {
	case mPronoun:
		w := a.low(m.a)
		if w == "he" || w == "she" {
			// a person named earlier in the same sentence, as its subject
			// or in the clause the pronoun attributes (…what Snow hears
			// from survivors, he said)
			for _, n := range a.namesIn(a.sents[a.toks[m.a].sentence].a, m.a) {
				if !n.org && n.country == "" && !a.isPossessive(n.b-1) && !a.is(n.a-1, fPrep) && len(n.words) <= 4 && a.toks[n.a].inQuote == 0 && !a.sentenceStart(n.a) && !a.modifierName(n.a, n.b) {
					c, _ := a.canonical(n.words, n.text)
					if !a.isOrgEntity(c) {
						m.entity = c
						m.reason = "pronoun resolved to the person named before it in the sentence"
						return
					}
				}
			}
		}
		for k, pass := len(a.salient)-1, 0; pass < 2; k-- {
			if k < 0 {
				k, pass = len(a.salient), pass+1
				continue
			}
			s := a.salient[k]
			if s.pos >= m.a || s.inContent && pass == 0 {
				continue
			}
			switch w {
			case "he", "she", "him", "her":
				if (s.kind == mPerson || s.role) && !s.plural && !a.isOrgEntity(s.entity) {
					m.entity = s.entity
				}
			case "it":
				if s.kind == mOrg || (s.kind == mPerson && a.isOrgEntity(s.entity)) {
					m.entity = s.entity
				}
			case "they", "them":
				if s.plural || s.kind == mOrg || a.isOrgEntity(s.entity) {
					m.entity = s.entity
				}
			}
			if m.entity != "" {
				m.reason = "pronoun resolved to the nearest fitting source before it"
				return
			}
		}
		if w == "he" || w == "she" {
			// no source or subject fits: the nearest full personal name
			// before it (… astrophysicist Eugene Parker, 91, who … / "…,"
			// he said)
			lo := sort.Search(len(a.names), func(k int) bool { return a.names[k].a >= m.a })
			for k := lo - 1; k >= 0 && k >= lo-8; k-- {
				n := a.names[k]
				if n.org || n.country != "" || len(n.words) < 2 || a.toks[n.a].inQuote != 0 || a.isPossessive(n.b-1) {
					continue
				}
				if c, _ := a.canonical(n.words, n.text); !a.isOrgEntity(c) {
					m.entity = c
					m.reason = "pronoun resolved to the person named last before it"
					return
				}
			}
		}
		m.entity = text
	case mPerson:
		// the last name in the mention (Tory leader Michael Howard), or
		// every name of a joint source (de Blasio and Bratton)
		var parts []string
		for _, n := range a.namesIn(m.a, a.personOfEnd(m.a, m.b)) {
			c, _ := a.canonical(n.words, n.text)
			if n.country != "" {
				c = n.country
			} else if ct, ok := a.lex.country(c); ok {
				c = ct
			}
			parts = append(parts, c)
		}
		if len(parts) == 0 {
			m.entity = text
			return
		}
		if a.hasJoin(m.a, m.b) && len(parts) > 1 {
			m.entity = strings.Join(parts, " and ")
		} else {
			m.entity = parts[len(parts)-1]
		}
		if m.orgHead != "" && !a.isOrgEntity(m.entity) {
			m.entity += " " + m.orgHead
		}
		if a.isOrgEntity(m.entity) {
			m.kind = mOrg
		}
	case mDesc:
		head := strings.TrimSuffix(a.low(m.b-1), ".")
		for k := m.a; k < m.b; k++ {
			if a.isPossessive(k) {
				m.entity = stripDeterminer(text) // the prime minister's spokesman
				return
			}
		}
		if a.is(m.b-1, fDoc) {
			if e := a.authorOf(head, m.a); e != "" {
				m.entity = e
				m.reason = "document resolved to its author"
				return
			}
		}
		for k := len(a.salient) - 1; k >= 0; k-- {
			s := a.salient[k]
			if s.pos >= m.a {
				continue
			}
			for _, t := range s.titles {
				if t == head {
					m.entity = s.entity
					m.reason = "description resolved to the source it names"
					return
				}
				if t == "+"+head && a.is(m.b-1, fOrg) {
					m.entity = s.entity
					if !a.isOrgEntity(s.entity) {
						m.entity += " " + head // the administration: Trump administration
					}
					m.reason = "description resolved to the source it names"
					return
				}
			}
		}
		// the paper, the newspaper: the news outlet named last
		if newsNoun(head) {
			for k := len(a.names) - 1; k >= 0; k-- {
				n := a.names[k]
				if n.a < m.a && len(n.words) > 0 && newsName(n.words[len(n.words)-1]) {
					m.entity, _ = a.canonical(n.words, n.text)
					m.reason = "description resolved to the outlet named before it"
					return
				}
			}
		}
		// a name the text described this way: China's Global Times
		// newspaper … the newspaper
		for k := len(a.names) - 1; k >= 0; k-- {
			n := a.names[k]
			if n.a >= m.a {
				continue
			}
			for _, t := range n.titles {
				if t == head || t == "+"+head {
					m.entity, _ = a.canonical(n.words, n.text)
					m.reason = "description resolved to the name it describes"
					return
				}
			}
		}
		if e := a.describedPerson(m, head); e != "" {
			m.entity = e
			m.reason = "description resolved to the person it describes"
			return
		}
		m.entity = stripDeterminer(text)
	default:
		m.entity = text
	}
}

// describedPerson resolves a singular description of a person (the
// dictator, its defence minister) that no earlier source's title matched:
// the one person the article names with that title anywhere, else, for a
// definite description by a title with no name in it (the prime
// minister, the dictator), the person last named as a source or subject
// in the paragraphs just before it.
func (a *analysis) describedPerson(m *mention, head string) string {
	h := a.headOf(m)
	if m.plural || a.hasName(m.a, m.b) || a.is(h, fOrg|fOrgName|fDoc) || a.toks[h].cap {
		return ""
	}
	if !a.is(m.a, fDet|fPossPron) || a.low(m.a) == "a" || a.low(m.a) == "an" {
		return ""
	}
	if a.is(h, fTitle|fRole) {
		a.titlesOf(m) // fills entityTitles
		found := ""
		for e, ts := range a.entityTitles {
			if a.isOrgEntity(e) {
				continue
			}
			for _, t := range ts {
				if t == head {
					if found != "" && found != e {
						return "" // two people hold it: cannot tell
					}
					found = e
				}
			}
		}
		if found != "" {
			return found
		}
	}
	if a.low(m.a) != "the" || m.b-m.a > 3 || !a.is(h, fTitle) {
		return ""
	}
	p := a.toks[m.a].para
	for k := len(a.salient) - 1; k >= 0; k-- {
		s := a.salient[k]
		if s.pos >= m.a || s.inContent {
			continue
		}
		if a.toks[s.pos].para < p-2 {
			break
		}
		if s.kind == mPerson && !s.plural && !a.isOrgEntity(s.entity) {
			return s.entity
		}
	}
	return ""
}

// authorOf finds who wrote the document a description names (the book,
// the report): an earlier mention of the same noun with its author, in
// "a report … by Human Rights Watch" or as the subject of its sentence
// ("In his new book, Philippe Sands suggests").
func (a *analysis) authorOf(head string, before int) string {
	for i := before - 1; i >= 0; i-- {
		if a.low(i) != head || a.is(i-1, fDet) && a.low(i-1) == "the" {
			continue
		}
		s := a.sents[a.toks[i].sentence]
		// a Washington Post report: the name before the noun
		if j := i; j > 0 && a.isNameWord(j-1) {
			st := j - 1
			for st > s.a && a.isNameWord(st-1) {
				st--
			}
			if m := a.newMention(st, j); m != nil {
				a.resolve(m)
				return m.entity
			}
		}
		for k := i + 1; k < s.b && k-i < 15; k++ {
			if a.low(k) == "by" && a.isNameWord(k+1) {
				e := k + 1
				for e < s.b && a.isNameWord(e) {
					e++
				}
				if m := a.newMention(k+1, e); m != nil {
					a.resolve(m)
					return m.entity
				}
			}
		}
		if m := a.sentenceSubject(a.toks[i].sentence); m != nil && m.kind == mPerson {
			a.resolve(m)
			return m.entity
		}
		return ""
	}
	return ""
}

// newsNoun reports a noun that describes a news outlet.
func newsNoun(w string) bool {
	switch w {
	case "paper", "newspaper", "daily", "tabloid", "broadsheet", "outlet", "publication", "magazine", "broadcaster", "network", "website", "site":
		return true
	}
	return false
}

// newsName reports the last word of a news outlet's name (the Washington
// Post, the New York Times, Fox News).
func newsName(w string) bool {
	switch strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")) {
	case "post", "times", "journal", "news", "herald", "tribune", "guardian", "telegraph", "gazette", "mail", "globe", "chronicle", "independent", "observer", "examiner", "inquirer", "reuters", "bbc", "cnn", "npr", "politico", "axios", "bloomberg", "economist":
		return true
	}
	return false
}

func stripDeterminer(s string) string {
	for _, d := range []string{"the ", "The "} {
		if strings.HasPrefix(s, d) {
			return s[len(d):]
		}
	}
	return s
}

func (a *analysis) hasJoin(i, j int) bool {
	for k := i; k < j; k++ {
		if a.low(k) == "and" || a.low(k) == "&" {
			return true
		}
	}
	return false
}

// namesIn returns the names found inside tokens [i,j).
func (a *analysis) namesIn(i, j int) []nameMention {
	var out []nameMention
	// names are in text order: start at the first that may be inside
	lo := sort.Search(len(a.names), func(k int) bool { return a.names[k].a >= i })
	for _, n := range a.names[lo:] {
		if n.a >= i && n.b <= j {
			out = append(out, n)
		} else if n.a >= j {
			break
		}
	}
	return out
}

// isOrgEntity reports whether an entity name is an organisation or a
// country rather than a person: a country, an acronym (KCNA, NATO) or a
// name ending in an organisation word (State Department, Global Times).
func (a *analysis) isOrgEntity(e string) bool {
	if _, ok := a.lex.country(e); ok {
		return true
	}
	words := strings.Fields(e)
	if len(words) == 0 {
		return false
	}
	last := words[len(words)-1]
	if len(words) == 1 && len(last) >= 2 && len(last) <= 5 && strings.ToUpper(last) == last {
		return true
	}
	return a.lex.flagsOf(strings.ToLower(last))&(fOrgName|fOrg) != 0
}
