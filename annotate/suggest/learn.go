package suggest

import (
	"sort"
	"strings"
	"unicode"

	"github.com/sayso/sayso/annotate"
)

// Learning from the user. What a user labels by hand in a project teaches
// the suggester three things for that project:
//
//   - speech verbs: the verb right before or after an indirect quote
//     labelled by hand (`X opined that …`, `…, X opined.`), and the verb
//     next to the speaker a quote was linked to by hand (`X quipped`);
//   - threat phrases: the act a THREAT labelled by hand commits to
//     (`we will quarantine …` teaches `quarantine`), or the verb a
//     writer's report starts with (`menaced X with …`);
//   - entity names: the canonical name the user gave a SPEAKER mention
//     (`Bibi` is `Benjamin Netanyahu`).
//
// The functions here are pure: Learn reads documents, Learned.Apply adds
// the verbs and cues to a fresh Lexicon, and Learned.ResolveSpeakers fixes
// the entities of a suggestion set. Only spans labelled or edited by hand
// (source "manual" or "edited") teach; accepted suggestions teach nothing
// the engine did not know.

// Learned is what a project's hand-made labels teach the suggester. The
// zero value is empty and ready to use.
type Learned struct {
	// Verbs are speech verbs, by form.
	Verbs map[string]LearnedVerb
	// Cues are threat cues in threat-cues.tsv syntax ("quarantine+"), with
	// their kind (harm, verb, noun).
	Cues map[string]string
	// Aliases counts, for each mention (lower case, single spaces), the
	// canonical names the user gave it.
	Aliases map[string]map[string]int
}

// LearnedVerb is a speech verb learnt from the user.
type LearnedVerb struct {
	Lemma string
	// Class is "speech" (seen with an indirect quote: introduces both
	// kinds) or "direct" (seen with direct quotes only).
	Class string
	// Object is true when the hearer came between verb and content
	// (`briefed reporters that …`).
	Object bool
}

// learnedCueWeight is the weight of a learnt threat cue: a phrase the user
// marked as threatening is a strong cue in their project.
const learnedCueWeight = 0.6

// Empty reports whether nothing was learnt.
func (l Learned) Empty() bool {
	return len(l.Verbs) == 0 && len(l.Cues) == 0 && len(l.Aliases) == 0
}

// Equal reports whether l and o teach the same.
func (l Learned) Equal(o Learned) bool {
	if len(l.Verbs) != len(o.Verbs) || len(l.Cues) != len(o.Cues) || len(l.Aliases) != len(o.Aliases) {
		return false
	}
	for k, v := range l.Verbs {
		if o.Verbs[k] != v {
			return false
		}
	}
	for k, v := range l.Cues {
		if w, ok := o.Cues[k]; !ok || w != v {
			return false
		}
	}
	for k, m := range l.Aliases {
		n := o.Aliases[k]
		if len(n) != len(m) {
			return false
		}
		for e, c := range m {
			if n[e] != c {
				return false
			}
		}
	}
	return true
}

// Add merges o into l: verbs and cues are united (a verb seen with an
// indirect quote anywhere is a speech verb), alias counts summed.
func (l *Learned) Add(o Learned) {
	for form, v := range o.Verbs {
		l.addVerb(form, v)
	}
	for c, k := range o.Cues {
		l.addCue(c, k)
	}
	for m, es := range o.Aliases {
		for e, n := range es {
			l.addAlias(m, e, n)
		}
	}
}

func (l *Learned) addVerb(form string, v LearnedVerb) {
	if l.Verbs == nil {
		l.Verbs = map[string]LearnedVerb{}
	}
	if old, ok := l.Verbs[form]; ok {
		if old.Class == "speech" {
			v.Class = "speech"
		}
		v.Object = v.Object || old.Object
	}
	l.Verbs[form] = v
}

func (l *Learned) addCue(c, kind string) {
	if l.Cues == nil {
		l.Cues = map[string]string{}
	}
	if _, ok := l.Cues[c]; !ok {
		l.Cues[c] = kind
	}
}

func (l *Learned) addAlias(mention, entity string, n int) {
	if l.Aliases == nil {
		l.Aliases = map[string]map[string]int{}
	}
	m := l.Aliases[mention]
	if m == nil {
		m = map[string]int{}
		l.Aliases[mention] = m
	}
	m[entity] += n
}

// Alias returns the canonical name the user gives mention (any case and
// spacing): the one they gave it most often, "" when none or when two
// names tie.
func (l Learned) Alias(mention string) string {
	m := l.Aliases[normMention(mention)]
	best, n, tie := "", 0, false
	for e, c := range m {
		switch {
		case c > n:
			best, n, tie = e, c, false
		case c == n:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return best
}

// Apply adds the learnt verbs and cues to lex. Call it on a Lexicon of
// your own (a fresh LoadLexicon), never on one a Suggest call may be
// reading.
func (l Learned) Apply(lex *Lexicon) {
	forms := make([]string, 0, len(l.Verbs))
	for f := range l.Verbs {
		forms = append(forms, f)
	}
	sort.Strings(forms) // the lexicon's lists keep a stable order
	for _, f := range forms {
		v := l.Verbs[f]
		lex.AddVerbForm(v.Lemma, f, v.Class, v.Object)
		// the other finite and -ing forms of the verb (opined: opines,
		// opining), unless the lexicon knows them as something else
		for _, g := range lex.inflect(v.Lemma) {
			if g == f || g == v.Lemma || knownVerbClass(lex, g) != "" || lex.flagsOf(g) != 0 || l.Verbs[g] != (LearnedVerb{}) {
				continue
			}
			lex.AddVerbForm(v.Lemma, g, v.Class, v.Object)
		}
	}
	cues := make([]string, 0, len(l.Cues))
	for c := range l.Cues {
		cues = append(cues, c)
	}
	sort.Strings(cues)
	for _, c := range cues {
		_ = lex.AddThreatCue(c, l.Cues[c], learnedCueWeight) // learnt cues are well formed
	}
}

// ResolveSpeakers gives suggested speakers the canonical names the user
// uses in the project: a speaker whose entity the user mapped to another
// name gets that name, and one the engine left unresolved (entity = its
// own text) gets the name the user gave that mention. Speakers the engine
// resolved to the same name follow, and so do the issuers of threats.
func (l Learned) ResolveSpeakers(s *Suggestions) {
	if len(l.Aliases) == 0 {
		return
	}
	rename := map[string]string{}
	for _, sp := range s.Spans {
		if sp.Label != annotate.Speaker {
			continue
		}
		ent := sp.AttrString(annotate.AttrEntity)
		if ent == "" {
			ent = sp.Text
		}
		if _, done := rename[ent]; done {
			continue
		}
		to := l.Alias(ent)
		if to == "" && normMention(ent) == normMention(sp.Text) && !isPronounMention(sp.Text) {
			to = l.Alias(sp.Text)
		}
		if to != "" && to != ent {
			rename[ent] = to
		}
	}
	if len(rename) == 0 {
		return
	}
	for i := range s.Spans {
		sp := &s.Spans[i]
		key := annotate.AttrEntity
		if sp.Label == annotate.Threat {
			key = annotate.AttrIssuer
		} else if sp.Label != annotate.Speaker {
			continue
		}
		cur := sp.AttrString(key)
		if sp.Label == annotate.Speaker && cur == "" {
			cur = sp.Text
		}
		if to, ok := rename[cur]; ok {
			attrs := make(map[string]any, len(sp.Attrs)+1)
			for k, v := range sp.Attrs {
				attrs[k] = v
			}
			attrs[key] = to
			sp.Attrs = attrs
		}
	}
}

// byHand reports whether a span was labelled or corrected by the user.
func byHand(s annotate.Span) bool {
	return s.Source == annotate.SourceManual || s.Source == annotate.SourceEdited
}

// Learn returns what the spans labelled or edited by hand in docs teach.
// lex is the project's base lexicon: words it already knows are not
// learnt again. It is only read.
func Learn(lex *Lexicon, docs ...*annotate.Document) Learned {
	var l Learned
	for _, d := range docs {
		learnDoc(&l, lex, d)
	}
	return l
}

func learnDoc(l *Learned, lex *Lexicon, d *annotate.Document) {
	var text []rune // decoded on first need
	runes := func() []rune {
		if text == nil {
			text = []rune(d.Text)
		}
		return text
	}
	for _, s := range d.Spans {
		if !byHand(s) {
			continue
		}
		switch s.Label {
		case annotate.Quote:
			if s.QuoteKind() == annotate.KindIndirect {
				learnIndirectVerb(l, lex, runes(), s)
			}
		case annotate.Threat:
			learnThreatCue(l, lex, runes(), s)
		case annotate.Speaker:
			ent := strings.TrimSpace(s.AttrString(annotate.AttrEntity))
			if ent != "" && normMention(ent) != normMention(s.Text) && isNameMention(s.Text) {
				l.addAlias(normMention(s.Text), ent, 1)
			}
		}
	}
	// the verb next to a speaker a quote was linked to by hand
	for _, r := range d.Relations {
		if r.Label != annotate.AttributedTo {
			continue
		}
		qi, si := d.SpanByID(r.From), d.SpanByID(r.To)
		if qi < 0 || si < 0 {
			continue
		}
		q, sp := d.Spans[qi], d.Spans[si]
		if !byHand(q) && !byHand(sp) {
			continue
		}
		class := "direct"
		if q.QuoteKind() == annotate.KindIndirect {
			class = "speech"
		}
		learnSpeakerVerb(l, lex, runes(), sp, class)
	}
}

// learnIndirectVerb learns the verb that introduces an indirect quote:
// `X opined (that) …`, `X briefed reporters that …`, `…, X opined.`,
// `…, opined X.`.
func learnIndirectVerb(l *Learned, lex *Lexicon, t []rune, q annotate.Span) {
	before := wordsBefore(t, q.Start, 4)
	i := 0
	if i < len(before) && strings.EqualFold(before[i], "that") {
		i++
	}
	if i < len(before) && (before[i] == "," || before[i] == ":") {
		i++
	}
	if i < len(before) {
		// a present tense only after its subject: `Smith opines that`
		present := i+1 < len(before) && isSubjectWord(before[i+1])
		if learnVerbWord(l, lex, before[i], "speech", false, present) {
			return
		}
		// a hearer between the verb and the content
		if i+1 < len(before) && isHearer(lex, before[i]) {
			present := i+2 < len(before) && isSubjectWord(before[i+2])
			if learnVerbWord(l, lex, before[i+1], "speech", true, present) {
				return
			}
		}
	}
	after := wordsAfter(t, q.End, 6)
	if len(after) < 2 || after[0] != "," {
		return
	}
	rest := after[1:]
	// `…, opined X.`
	if learnVerbWord(l, lex, rest[0], "speech", false, len(rest) > 1 && isSubjectWord(rest[1])) {
		return
	}
	// `…, X opined.`: the first verb-like word before the sentence ends
	for k := 1; k < len(rest); k++ {
		if isPunctWord(rest[k]) {
			break
		}
		if learnVerbWord(l, lex, rest[k], "speech", false, isSubjectWord(rest[k-1])) {
			return
		}
	}
}

// learnSpeakerVerb learns the verb right after (`Biden quipped`) or right
// before (`quipped Biden`) the speaker a quote was linked to.
func learnSpeakerVerb(l *Learned, lex *Lexicon, t []rune, sp annotate.Span, class string) {
	if a := wordsAfter(t, sp.End, 1); len(a) == 1 && learnVerbWord(l, lex, a[0], class, false, true) {
		return
	}
	if b := wordsBefore(t, sp.Start, 1); len(b) == 1 {
		learnVerbWord(l, lex, b[0], class, false, true)
	}
}

// isSubjectWord reports a word that can be the subject right before a
// verb: a capitalised word or a subject pronoun.
func isSubjectWord(w string) bool {
	if closedClass[strings.ToLower(w)]&fSubjPron != 0 {
		return true
	}
	r := []rune(w)
	return len(r) > 0 && unicode.IsUpper(r[0])
}

// learnVerbWord learns w as a speech verb form when it looks like a
// finite verb the lexicon does not know as one: a past tense, or a third
// person present when present is set (after a subject; elsewhere it is
// too often a plural noun). It reports whether w is (now) a known speech
// verb, so callers stop looking.
func learnVerbWord(l *Learned, lex *Lexicon, w, class string, object, present bool) bool {
	if !isLowerWord(w) {
		return false
	}
	if known := knownVerbClass(lex, w); known != "" {
		return known == "speech" || known == "direct" || known == "document"
	}
	lemma, tense, ok := finiteVerbLemma(lex, w)
	if !ok || (tense == 'p' && !present) {
		return false
	}
	l.addVerb(w, LearnedVerb{Lemma: lemma, Class: class, Object: object})
	return true
}

// knownVerbClass is the lexicon's class of verb form w, "" when unknown.
func knownVerbClass(lex *Lexicon, w string) string {
	if lex == nil {
		return ""
	}
	// a form of a two-word verb counts too: "went" of "went on"
	if es := lex.verbs[w]; len(es) > 0 {
		return es[0].class
	}
	return ""
}

// finiteVerbLemma guesses whether lower-case w is a finite verb form and
// its base form; tense is 'd' for a past tense, 'p' for a third person
// present. It refuses function words and words the lexicon files as
// names of things (titles, roles, organisations, countries, times).
func finiteVerbLemma(lex *Lexicon, w string) (lemma string, tense byte, ok bool) {
	if len(w) < 4 || !isLowerWord(w) {
		return "", 0, false
	}
	const nouny = fFunction | fTitle | fRole | fOrg | fOrgName | fDoc | fLaw | fCountry | fTime | fNumber
	if lex.flagsOf(w)&nouny != 0 || closedClass[w] != 0 {
		return "", 0, false
	}
	if lex != nil {
		if iv, ok := lex.irregular[w]; ok {
			switch iv.tense {
			case 'd', 'n':
				return iv.base, 'd', true
			case 'p':
				return iv.base, 'p', true
			}
			return "", 0, false
		}
	}
	switch {
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		return w[:len(w)-3] + "y", 'd', true
	case strings.HasSuffix(w, "eed"):
		return "", 0, false // need, feed, agreed (agree is known)
	case strings.HasSuffix(w, "ed"):
		return regularBase(w[:len(w)-2]), 'd', true
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y", 'p', true
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "xes"):
		return w[:len(w)-2], 'p', true
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:len(w)-1], 'p', true
	}
	return "", 0, false
}

// regularBase restores the base of a regular past tense without its -ed:
// a doubled final consonant is undoubled (blogged), and a final e put back
// where English spelling needs one (argued, opined, charged, noted). It is
// a guess; the form the user labelled is learnt as it is in any case.
func regularBase(stem string) string {
	n := len(stem)
	if n < 2 {
		return stem
	}
	if n >= 3 && stem[n-1] == stem[n-2] && !strings.ContainsRune("aeioulsz", rune(stem[n-1])) {
		return stem[:n-1] // blogg-ed, quipp-ed
	}
	vowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	last, prev := stem[n-1], stem[n-2]
	// a single vowel before the last consonant (not a vowel pair: treat-ed)
	single := vowel(prev) && (n < 3 || !vowel(stem[n-3]))
	switch {
	case last == 'u' || last == 'v' || last == 'z' || last == 'c':
		return stem + "e" // argu-ed, solv-ed, seiz-ed, plac-ed
	case last == 'g' && prev != 'n':
		return stem + "e" // charg-ed, engag-ed (but bang-ed)
	case last == 's' && vowel(prev) && !strings.HasSuffix(stem, "cus") && !strings.HasSuffix(stem, "ias"):
		return stem + "e" // releas-ed, caus-ed, advis-ed (but focus-ed)
	case single && strings.IndexByte("tnrdkbp", last) >= 0 && strings.IndexByte("aiu", prev) >= 0 && !(prev == 'i' && last == 't'):
		return stem + "e" // stat-ed, opin-ed, declar-ed, decid-ed, invok-ed, describ-ed (but visit-ed)
	}
	// one vowel group followed by one consonant: not-ed, hop-ed, scor-ed
	groups, prevVowel := 0, false
	for i := 0; i < n; i++ {
		v := vowel(stem[i])
		if v && !prevVowel {
			groups++
		}
		prevVowel = v
	}
	if groups == 1 && single && !vowel(last) && strings.IndexByte("wxy", last) < 0 {
		return stem + "e"
	}
	return stem
}

// isHearer reports a word that can stand between a speech verb and its
// content: an object pronoun or a plural noun (`told reporters that`).
func isHearer(lex *Lexicon, w string) bool {
	w = strings.ToLower(w)
	if lex.flagsOf(w)&fObjPron != 0 || closedClass[w]&fObjPron != 0 {
		return true
	}
	return isLowerWord(w) && len(w) > 3 && strings.HasSuffix(w, "s") && lex.flagsOf(w)&fFunction == 0
}

// learnThreatCue learns the act a THREAT commits to. A writer's report
// that starts with an unknown past-tense verb (`menaced the town with …`)
// teaches that verb as a threat verb; a commitment (`will …`, `would …`,
// `going to …`, `ready to …`) teaches the act after it as a harm cue,
// unless the lexicon already has a cue there. Negated commitments teach
// nothing.
func learnThreatCue(l *Learned, lex *Lexicon, t []rune, s annotate.Span) {
	words := wordsIn(t, s.Start, s.End)
	if len(words) < 2 || cueKnown(lex, words, 0) {
		return
	}
	if lemma, tense, ok := finiteVerbLemma(lex, words[0]); ok && tense == 'd' {
		l.addCue(lemma+"+", cueVerb)
		return
	}
	for i := 0; i+1 < len(words); i++ {
		w := words[i]
		commit := w == "will" || w == "would" || w == "shall" || strings.HasSuffix(w, "'ll") ||
			(w == "to" && i > 0 && (words[i-1] == "going" || words[i-1] == "ready" || words[i-1] == "prepared"))
		if !commit {
			continue
		}
		j := i + 1
		if words[j] == "not" || words[j] == "never" {
			return
		}
		for j < len(words) && (words[j] == "also" || words[j] == "then" || words[j] == "immediately" || words[j] == "swiftly" || words[j] == "simply") {
			j++
		}
		if j >= len(words) || cueKnown(lex, words, j) {
			return
		}
		v := words[j]
		if !isLowerWord(v) || len(v) < 3 || lex.flagsOf(v)&fFunction != 0 || closedClass[v] != 0 {
			return
		}
		switch v {
		case "be", "have", "do", "get", "make", "take", "go", "see", "continue", "keep", "need", "want", "try":
			return // too general to be a cue on their own
		}
		cue := v + "+"
		if j+1 < len(words) && isParticle(words[j+1]) {
			cue += " " + words[j+1]
		}
		l.addCue(cue, cueHarm)
		return
	}
}

// cueKnown reports whether a lexicon cue starts at word i.
func cueKnown(lex *Lexicon, words []string, i int) bool {
	if lex == nil || i >= len(words) {
		return false
	}
	w := words[i]
	if len(lex.cueIndex[w]) > 0 {
		return true
	}
	if len(w) >= 5 && len(lex.prefixIndex[w[:5]]) > 0 {
		for _, k := range lex.prefixIndex[w[:5]] {
			for _, a := range lex.cues[k].elems[0].alts {
				if strings.HasPrefix(w, a[0]) {
					return true
				}
			}
		}
	}
	return false
}

func isParticle(w string) bool {
	switch w {
	case "off", "down", "out", "up", "back":
		return true
	}
	return false
}

// normMention is a mention as an alias key: lower case, single spaces,
// curly apostrophes straightened.
func normMention(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "’", "'"))), " ")
}

// isNameMention reports a mention that names someone (a capitalised word
// other than a function word, and not a pronoun): only those make
// project-wide aliases.
func isNameMention(s string) bool {
	if isPronounMention(s) {
		return false
	}
	for _, w := range strings.Fields(s) {
		r := []rune(w)
		if unicode.IsUpper(r[0]) && closedClass[strings.ToLower(w)] == 0 {
			return true // The president: no; the Kremlin's spokesman: yes
		}
	}
	return false
}

func isPronounMention(s string) bool {
	w := strings.ToLower(strings.TrimSpace(s))
	return closedClass[w]&(fSubjPron|fObjPron) != 0
}

func isLowerWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !(r >= 'a' && r <= 'z') && r != '-' {
			return false
		}
	}
	return true
}

func isPunctWord(w string) bool {
	r := []rune(w)
	return len(r) == 1 && !annotate.IsWordRune(r[0])
}

// wordsBefore returns up to n words (and punctuation marks, one each)
// before position i, nearest first.
func wordsBefore(t []rune, i, n int) []string {
	var out []string
	for len(out) < n {
		i = min(i, len(t))
		for i > 0 && unicode.IsSpace(t[i-1]) {
			i--
		}
		if i <= 0 {
			break
		}
		s, _ := annotate.WordAt(t, i-1)
		out = append(out, string(t[s:i]))
		i = s
	}
	return out
}

// wordsAfter returns up to n words (and punctuation marks) from position
// i on.
func wordsAfter(t []rune, i, n int) []string {
	var out []string
	for len(out) < n {
		for i < len(t) && unicode.IsSpace(t[i]) {
			i++
		}
		if i >= len(t) {
			break
		}
		_, e := annotate.WordAt(t, i)
		if e <= i {
			e = i + 1
		}
		out = append(out, string(t[i:e]))
		i = e
	}
	return out
}

// wordsIn returns the words of t[start:end], lower-cased, without
// punctuation and quotation marks.
func wordsIn(t []rune, start, end int) []string {
	var out []string
	end = min(end, len(t))
	for i := max(0, start); i < end; {
		if unicode.IsSpace(t[i]) {
			i++
			continue
		}
		_, e := annotate.WordAt(t, i)
		if e <= i {
			e = i + 1
		}
		w := strings.ToLower(string(t[i:min(e, end)]))
		if !isPunctWord(w) {
			out = append(out, strings.ReplaceAll(w, "’", "'"))
		}
		i = e
	}
	return out
}
