package suggest

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
)

// Word class flags of a token. The first group comes from the lexicon
// files, the rest from the closed-class word lists below.
const (
	fTitle uint64 = 1 << iota
	fRole
	fOrg
	fOrgName
	fDoc
	fLaw
	fDet
	fSubjPron
	fObjPron
	fPossPron
	fPrep
	fConj
	fSub
	fRel
	fAux   // finite auxiliary or modal
	fModal // will, would, can …
	fNeg
	fAdv  // adverb that may stand between a subject and its verb
	fTime // time word (Monday, yesterday, week …)
	fSpeech
	fDirectVerb
	fDocVerb
	fBelief
	fVerbObject
	fPast    // finite past form
	fPresent // finite present form (3rd person)
	fVerbish // some other verb form (base, participle, -ing)
	fCountry
	fFunction // any closed-class word
	fNumber
)

// LexiconFiles are the files LoadLexicon reads.
var LexiconFiles = []string{"speech-verbs.tsv", "words.tsv", "countries.tsv", "irregular-verbs.tsv", "threat-cues.tsv", "threat-words.tsv", "cameo-threaten.tsv", "cameo-synsets.tsv"}

// Lexicon holds the word lists that suggestion rules use: speech verbs,
// titles and actor nouns, countries, irregular verbs and threat cues
// (the project's own and CAMEO's THREATEN patterns). Load it once with
// LoadLexicon and share it; it is read-only while Suggest runs.
type Lexicon struct {
	flags       map[string]uint64        // lower-case word -> class flags
	verbs       map[string][]verbEntry   // first word of a verb form -> entries
	irregular   map[string]irregularVerb // any form -> its verb
	countries   map[string]string        // lower-case name, demonym or metonym -> country
	demonyms    map[string]bool          // lower-case nationality adjectives
	honorifics  map[string]bool          // titles that stay part of a name (Lord, Sir)
	cues        []cue
	cueIndex    map[string][]int      // first word -> cues starting with it
	prefixIndex map[string][]int      // first five letters of a stem -> cues starting with it
	threatWords map[string]*wordClass // threat-words.tsv: class -> words
}

// verbEntry is one form of a speech (or belief) verb.
type verbEntry struct {
	lemma  string
	second string // the second word of a two-word form ("out" in "pointed out")
	class  string // speech, direct, document, belief
	object bool
	tense  byte // 'b' base, 'p' present 3rd person, 'd' past, 'g' -ing, 'n' participle
}

type irregularVerb struct {
	base  string
	tense byte
}

// Cue kinds.
const (
	cueVerb   = "verb"
	cueIntent = "intent"
	cueHarm   = "harm"
	cueNoun   = "noun"
	cueFlip   = "flip"
	cueDefend = "defend"
	cueIgnore = "ignore"
	cueCameo  = "cameo"
	// cueUltimatum is a phrase that states an ultimatum by itself (a last
	// chance, the window is closing): a threat when a source states it.
	cueUltimatum = "ultimatum"
	// cueCost is a word that names a cost only under a condition (if …,
	// it will be costly).
	cueCost = "cost"
	// cueBar is a passive that bars its subject from something (will not
	// be allowed to take part, will be barred from): an exclusion imposed
	// as a punishment when a source says it of a named actor.
	cueBar = "bar"
)

// cue is a compiled threat cue: a sequence of elements.
type cue struct {
	text   string
	kind   string
	weight float64
	code   string // CAMEO code for CAMEO patterns
	elems  []cueElem
}

// cueElem matches one word out of a set, a sequence of words, or a gap.
type cueElem struct {
	gap    int        // >0: skip up to gap words
	alts   [][]string // alternatives, each a word sequence
	prefix bool       // words are stems (CAMEO): match any word they begin
}

func (l *Lexicon) addClosedClasses() {
	for w, f := range closedClass {
		l.flags[w] |= f
	}
}

// LoadLexicon reads the lexicon files (LexiconFiles) from fsys, e.g. the
// embedded assets.LexiconFS().
func LoadLexicon(fsys fs.FS) (*Lexicon, error) {
	l := &Lexicon{
		flags:       map[string]uint64{},
		verbs:       map[string][]verbEntry{},
		irregular:   map[string]irregularVerb{},
		countries:   map[string]string{},
		demonyms:    map[string]bool{},
		honorifics:  map[string]bool{},
		cueIndex:    map[string][]int{},
		prefixIndex: map[string][]int{},
	}
	l.addClosedClasses()
	r := lexReader{fsys}
	// irregular verbs first: speech verbs and cues are inflected with
	// them; threat cues before CAMEO, whose rows they may ignore
	for _, load := range []func(lexReader) error{l.loadIrregular, l.loadSpeechVerbs, l.loadWords, l.loadCountries, l.loadThreatCues, l.loadThreatWords, l.loadCameo} {
		if err := load(r); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// lexReader reads lexicon files from a file system.
type lexReader struct{ fsys fs.FS }

// read calls fn for each row of the named file, which has at least
// minCols columns.
func (r lexReader) read(name string, minCols int, fn func(cols []string) error) error {
	f, err := r.fsys.Open(name)
	if err != nil {
		return fmt.Errorf("lexicon: %v", err)
	}
	defer f.Close()
	return readTSV(name, f, minCols, fn)
}

func (l *Lexicon) loadIrregular(r lexReader) error {
	if err := r.read("irregular-verbs.tsv", 4, func(c []string) error {
		for _, f := range strings.Split(c[1], "|") {
			l.irregular[f] = irregularVerb{c[0], 'p'}
		}
		for _, f := range strings.Split(c[3], "|") {
			l.irregular[f] = irregularVerb{c[0], 'n'}
		}
		for _, f := range strings.Split(c[2], "|") {
			l.irregular[f] = irregularVerb{c[0], 'd'}
		}
		if _, ok := l.irregular[c[0]]; !ok {
			l.irregular[c[0]] = irregularVerb{c[0], 'b'}
		}
		return nil
	}); err != nil {
		return err
	}
	for f, v := range l.irregular {
		switch v.tense {
		case 'd':
			l.flags[f] |= fPast
		case 'p':
			l.flags[f] |= fPresent
		default:
			l.flags[f] |= fVerbish
		}
	}
	return nil
}

func (l *Lexicon) loadSpeechVerbs(r lexReader) error {
	return r.read("speech-verbs.tsv", 4, func(c []string) error {
		class := c[2]
		switch class {
		case "speech", "direct", "document", "belief":
		default:
			return fmt.Errorf("unknown class %q", class)
		}
		for _, form := range strings.Split(c[1], ",") {
			if form = strings.TrimSpace(form); form != "" {
				l.AddVerbForm(c[0], form, class, c[3] == "yes")
			}
		}
		return nil
	})
}

// wordClassFlags maps the classes of words.tsv to flags; honorifics stay
// part of the name (Lord Goldsmith, Sir Keir), kept in their own set.
var wordClassFlags = map[string]uint64{"title": fTitle, "role": fRole, "org": fOrg, "orgname": fOrgName, "doc": fDoc, "law": fLaw}

func (l *Lexicon) loadWords(r lexReader) error {
	return r.read("words.tsv", 2, func(c []string) error {
		if c[1] == "honorific" {
			l.honorifics[c[0]] = true
			return nil
		}
		f, ok := wordClassFlags[c[1]]
		if !ok {
			return fmt.Errorf("unknown class %q", c[1])
		}
		if f != 0 {
			l.flags[c[0]] |= f
		}
		return nil
	})
}

func (l *Lexicon) loadCountries(r lexReader) error {
	return r.read("countries.tsv", 1, func(c []string) error {
		names := strings.Split(c[0], "|")
		country := names[0]
		for i, col := range c[:min(len(c), 3)] {
			for _, n := range strings.Split(col, "|") {
				if n = strings.TrimSpace(n); n != "" {
					l.addCountryName(country, n, i)
				}
			}
		}
		return nil
	})
}

// addCountryName adds a name of the country from column col: 0 names
// (whose first word is flagged), 1 demonyms, 2 capitals and metonyms.
func (l *Lexicon) addCountryName(country, n string, col int) {
	l.countries[strings.ToLower(n)] = country
	switch col {
	case 0:
		l.flags[strings.ToLower(strings.Fields(n)[0])] |= fCountry
	case 1:
		l.demonyms[strings.ToLower(n)] = true
	}
}

func (l *Lexicon) loadThreatCues(r lexReader) error {
	return r.read("threat-cues.tsv", 3, func(c []string) error {
		w, err := strconv.ParseFloat(c[2], 64)
		if err != nil {
			return fmt.Errorf("weight %q: %v", c[2], err)
		}
		return l.AddThreatCue(c[0], c[1], w)
	})
}

func (l *Lexicon) loadThreatWords(r lexReader) error {
	return r.read("threat-words.tsv", 2, func(c []string) error {
		return l.addThreatWord(c[0], c[1])
	})
}

// loadCameo reads the CAMEO synsets and THREATEN patterns; patterns the
// threat cues ignore and passive codes are left out.
func (l *Lexicon) loadCameo(r lexReader) error {
	synsets := map[string][]string{}
	if err := r.read("cameo-synsets.tsv", 3, func(c []string) error {
		m := strings.ToLower(c[1])
		synsets[c[0]] = append(synsets[c[0]], m)
		if c[2] == "yes" {
			synsets[c[0]] = append(synsets[c[0]], pluralOf(m))
		}
		return nil
	}); err != nil {
		return err
	}
	ignored := map[string]bool{}
	for _, c := range l.cues {
		if c.kind == cueIgnore {
			ignored[c.text] = true
		}
	}
	return r.read("cameo-threaten.tsv", 4, func(c []string) error {
		code, lemma, pattern := c[0], c[2], c[3]
		if strings.HasPrefix(code, ":") || ignored[pattern] || ignored[lemma] {
			return nil // passive codes: the subject is the target
		}
		if cc, ok := compileCameo(lemma, pattern, synsets); ok {
			cc.code = code
			cc.weight = cameoWeight(code)
			l.addCue(cc)
		}
		return nil
	})
}

func cameoWeight(code string) float64 {
	code = strings.Split(code, ":")[0]
	switch {
	case strings.HasPrefix(code, "138"), strings.HasPrefix(code, "137"), strings.HasPrefix(code, "139"):
		return 0.7
	case strings.HasPrefix(code, "1312"):
		return 0.6
	case code == "130":
		return 0.5
	}
	return 0.4
}

func readTSV(name string, r io.Reader, minCols int, fn func([]string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	header := true
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < minCols {
			return fmt.Errorf("lexicon %s:%d: %d columns, want %d", name, n, len(cols), minCols)
		}
		if err := fn(cols); err != nil {
			return fmt.Errorf("lexicon %s:%d: %v", name, n, err)
		}
	}
	return sc.Err()
}

// AddVerbForm adds one form of a speech verb. class is speech (direct
// and indirect quotes), direct (direct quotes only), document (speech
// verb for documents: found, showed) or belief (never a quote). A form
// may have two words ("pointed out").
func (l *Lexicon) AddVerbForm(lemma, form, class string, object bool) {
	words := strings.Fields(strings.ToLower(form))
	if len(words) == 0 {
		return
	}
	e := verbEntry{lemma: lemma, class: class, object: object}
	if len(words) > 1 {
		e.second = words[1]
	}
	lw := strings.Fields(lemma)
	base := lw[0]
	w := words[0]
	switch {
	case w == base:
		e.tense = 'b'
	case strings.HasSuffix(w, "ing"):
		e.tense = 'g'
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(base, "s") || w == base+"es":
		e.tense = 'p'
	default:
		e.tense = 'd'
		if iv, ok := l.irregular[w]; ok && iv.tense == 'n' {
			e.tense = 'n'
		}
	}
	l.verbs[w] = append(l.verbs[w], e)
	var f uint64
	switch class {
	case "speech":
		f = fSpeech
	case "direct":
		f = fDirectVerb
	case "document":
		f = fDocVerb
	case "belief":
		f = fBelief
	}
	if object {
		f |= fVerbObject
	}
	if e.second == "" {
		l.flags[w] |= f
		switch e.tense {
		case 'd':
			l.flags[w] |= fPast
		case 'p':
			l.flags[w] |= fPresent
		}
	}
}

// AddThreatCue adds a threat cue (see threat-cues.tsv for the syntax and
// the kinds).
func (l *Lexicon) AddThreatCue(text, kind string, weight float64) error {
	switch kind {
	case cueVerb, cueIntent, cueHarm, cueNoun, cueFlip, cueDefend, cueIgnore, cueUltimatum, cueCost, cueBar:
	default:
		return fmt.Errorf("unknown cue kind %q", kind)
	}
	c := cue{text: text, kind: kind, weight: weight}
	for _, w := range strings.Fields(strings.ToLower(text)) {
		if w == "…" || w == "..." {
			c.elems = append(c.elems, cueElem{gap: 4})
			continue
		}
		var alts [][]string
		for _, a := range strings.Split(w, "|") {
			if strings.HasSuffix(a, "+") {
				for _, f := range l.inflect(strings.TrimSuffix(a, "+")) {
					alts = append(alts, []string{f})
				}
			} else {
				alts = append(alts, []string{a})
			}
		}
		c.elems = append(c.elems, cueElem{alts: alts})
	}
	if len(c.elems) == 0 || c.elems[0].gap > 0 {
		return fmt.Errorf("empty cue %q", text)
	}
	if kind != cueIgnore {
		l.addCue(c)
	} else {
		l.cues = append(l.cues, c)
	}
	return nil
}

func (l *Lexicon) addCue(c cue) {
	l.cues = append(l.cues, c)
	i := len(l.cues) - 1
	seen := map[string]bool{}
	for _, a := range c.elems[0].alts {
		w := a[0]
		idx := l.cueIndex
		if c.elems[0].prefix && len(w) >= 5 {
			w, idx = w[:5], l.prefixIndex
		}
		if !seen[w] {
			seen[w] = true
			idx[w] = append(idx[w], i)
		}
	}
}

// inflect returns the forms of a verb: irregular ones from the table,
// else the regular endings (with both spellings where English hesitates).
func (l *Lexicon) inflect(base string) []string {
	forms := []string{base}
	add := func(f string) {
		for _, x := range forms {
			if x == f {
				return
			}
		}
		forms = append(forms, f)
	}
	irregular := false
	for f, v := range l.irregular {
		if v.base == base {
			add(f)
			irregular = true
		}
	}
	stem := base
	last := base[len(base)-1]
	consonantY := len(base) > 1 && last == 'y' && !strings.ContainsRune("aeiou", rune(base[len(base)-2]))
	switch {
	case consonantY:
		add(base[:len(base)-1] + "ies")
	case strings.HasSuffix(base, "s") || strings.HasSuffix(base, "x") || strings.HasSuffix(base, "z") || strings.HasSuffix(base, "ch") || strings.HasSuffix(base, "sh"):
		add(base + "es")
	default:
		add(base + "s")
	}
	if !irregular {
		switch {
		case consonantY:
			add(base[:len(base)-1] + "ied")
		case last == 'e':
			add(base + "d")
		default:
			add(base + "ed")
			add(base + string(last) + "ed")
		}
	}
	if last == 'e' && !strings.HasSuffix(base, "ee") {
		stem = base[:len(base)-1]
	}
	add(stem + "ing")
	if !strings.ContainsRune("aeiouwyx", rune(last)) {
		add(base + string(last) + "ing")
	}
	return forms
}

func pluralOf(w string) string {
	switch {
	case strings.HasSuffix(w, "y") && len(w) > 1 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	}
	return w + "s"
}

// compileCameo turns a rendered CAMEO pattern into a cue that starts at
// its first word: actor placeholders become gaps, the verb slot matches
// any inflection, synsets their members and plain words as TABARI stems.
func compileCameo(lemma, pattern string, synsets map[string][]string) (cue, bool) {
	c := cue{text: pattern, kind: cueCameo}
	lemmaWords := strings.Fields(lemma)
	toks := splitPattern(pattern)
	verbAt := -1
	for i := 0; i+len(lemmaWords) <= len(toks); i++ {
		match := true
		for k, w := range lemmaWords {
			if toks[i+k] != w {
				match = false
				break
			}
		}
		if match {
			verbAt = i
			break
		}
	}
	if verbAt < 0 {
		return c, false
	}
	if len(toks) == len(lemmaWords) {
		return c, false // bare verbs: covered by the threat-verb cues
	}
	inf := (&Lexicon{irregular: cameoIrregular}).inflect(lemmaWords[0])
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case i == verbAt:
			var alts [][]string
			for _, f := range inf {
				alts = append(alts, append([]string{f}, lemmaWords[1:]...))
			}
			c.elems = append(c.elems, cueElem{alts: alts})
			i += len(lemmaWords) - 1
		case strings.HasPrefix(t, "<") || t == "…":
			if len(c.elems) > 0 && c.elems[len(c.elems)-1].gap == 0 {
				c.elems = append(c.elems, cueElem{gap: 4})
			}
		case strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]"):
			var alts [][]string
			for _, m := range synsets[strings.Trim(t, "[]")] {
				alts = append(alts, strings.Fields(m))
			}
			if len(alts) == 0 {
				return c, false
			}
			c.elems = append(c.elems, cueElem{alts: alts})
		case strings.HasPrefix(t, "("):
			var alts [][]string
			for _, a := range strings.Split(strings.Trim(t, "()"), "|") {
				alts = append(alts, strings.Fields(a))
			}
			c.elems = append(c.elems, cueElem{alts: alts, prefix: true})
		default:
			c.elems = append(c.elems, cueElem{alts: [][]string{{t}}, prefix: len(t) >= 5})
		}
	}
	for len(c.elems) > 0 && c.elems[len(c.elems)-1].gap > 0 {
		c.elems = c.elems[:len(c.elems)-1]
	}
	for len(c.elems) > 0 && c.elems[0].gap > 0 {
		c.elems = c.elems[1:]
	}
	if len(c.elems) < 2 {
		return c, false
	}
	return c, true
}

// cameoIrregular inflects the CAMEO verb slots that are irregular.
var cameoIrregular = map[string]irregularVerb{
	"took": {"take", 'd'}, "taken": {"take", 'n'}, "takes": {"take", 'p'},
	"gave": {"give", 'd'}, "given": {"give", 'n'}, "gives": {"give", 'p'},
	"made": {"make", 'd'}, "makes": {"make", 'p'},
	"said": {"say", 'd'}, "says": {"say", 'p'},
	"struck": {"strike", 'd'}, "strikes": {"strike", 'p'},
	"fought": {"fight", 'd'}, "fights": {"fight", 'p'},
	"sent": {"send", 'd'}, "sends": {"send", 'p'},
	"stood": {"stand", 'd'}, "stands": {"stand", 'p'},
	"set": {"set", 'd'}, "sets": {"set", 'p'},
	"shot": {"shoot", 'd'}, "shoots": {"shoot", 'p'},
	"broke": {"break", 'd'}, "broken": {"break", 'n'}, "breaks": {"break", 'p'},
	"cut": {"cut", 'd'}, "cuts": {"cut", 'p'},
	"held": {"hold", 'd'}, "holds": {"hold", 'p'},
	"swept": {"sweep", 'd'}, "sweeps": {"sweep", 'p'},
	"withdrew": {"withdraw", 'd'}, "withdrawn": {"withdraw", 'n'}, "withdraws": {"withdraw", 'p'},
}

// splitPattern splits a rendered CAMEO pattern into words, keeping
// "(a|b c)" groups and "[SYNSET]" together.
func splitPattern(p string) []string {
	var out []string
	for i := 0; i < len(p); {
		switch p[i] {
		case ' ':
			i++
		case '(':
			j := strings.IndexByte(p[i:], ')')
			if j < 0 {
				j = len(p) - i - 1
			}
			out = append(out, p[i:i+j+1])
			i += j + 1
		default:
			j := strings.IndexByte(p[i:], ' ')
			if j < 0 {
				j = len(p) - i
			}
			out = append(out, p[i:i+j])
			i += j
		}
	}
	return out
}

// flagsOf returns the class flags of a lower-case word.
func (l *Lexicon) flagsOf(w string) uint64 {
	if l == nil {
		return closedClass[w]
	}
	f, ok := l.flags[w]
	if !ok {
		// a word with a trailing period: look up its base
		if b := strings.TrimSuffix(w, "."); b != w {
			return l.flags[b]
		}
		// president-elect, ex-president: a title
		if k := strings.IndexByte(w, '-'); k > 0 {
			if t := l.flags[w[:k]] | l.flags[w[k+1:]]; t&fTitle != 0 {
				return fTitle
			}
		}
	}
	return f
}

// country returns the country a name, demonym or capital stands for.
func (l *Lexicon) country(name string) (string, bool) {
	if l == nil {
		return "", false
	}
	c, ok := l.countries[strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(name, "the "), "The "))]
	return c, ok
}

// closedClass holds English function words and their classes.
var closedClass = map[string]uint64{}

func init() {
	add := func(f uint64, words string) {
		for _, w := range strings.Fields(words) {
			closedClass[w] |= f | fFunction
		}
	}
	add(fDet, "the a an this that these those his her its their our my your some many several few most all both each every any no another such much more")
	add(fSubjPron, "i you he she it we they")
	add(fObjPron, "me him us them her it you")
	add(fPossPron, "his her its their our my your")
	add(fPrep, "of in on at by for with from to into onto about after before during since until over under against among amongst between through across around without within via per amid despite toward towards upon like than following including regarding concerning near off behind beyond inside outside along beside besides throughout amid as")
	add(fConj, "and or but nor")
	add(fSub, "because although though while whereas if unless when whenever where whether since once after before until so")
	add(fRel, "who whom whose which that")
	add(fAux, "is are was were am has have had do does did will would can could shall should may might must won't wouldn't can't cannot couldn't don't doesn't didn't isn't aren't wasn't weren't hasn't haven't hadn't shouldn't mustn't mightn't shan't ain't")
	add(fModal, "will would can could shall should may might must won't wouldn't can't cannot couldn't shouldn't mustn't mightn't shan't")
	add(fNeg, "not n't never no none nothing neither nor nobody won't wouldn't can't cannot couldn't don't doesn't didn't isn't aren't wasn't weren't hasn't haven't hadn't shouldn't mustn't mightn't shan't ain't")
	add(fAdv, "also later earlier early then now still again however previously repeatedly reportedly recently once further separately privately publicly simply only just even already often frequently consistently strenuously strongly firmly flatly angrily bluntly clearly quickly immediately last subsequently initially originally officially formally personally specifically explicitly openly subsequently allegedly apparently reportedly similarly likewise too meanwhile nonetheless nevertheless therefore thus instead")
	add(fTime, "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight tomorrow morning afternoon evening night week weekend month year january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec earlier later recently")
	for _, w := range strings.Fields("there here what why how whatever whoever whichever") {
		closedClass[w] |= fFunction
	}
	for _, w := range strings.Fields("be been being") {
		closedClass[w] |= fVerbish | fFunction
	}
}
