package annotate

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
)

// Evaluation of suggested (or any predicted) annotations against gold,
// computing exactly what the reference scorer shared/tools/score.py
// computes:
//
//   - Documents are paired by identical text, else id, else
//     meta.source_file (the first predicted document with a key wins).
//   - When the paired texts differ, predicted offsets are carried over to
//     the gold text through the matching blocks of a difflib
//     SequenceMatcher (autojunk off), reimplemented here code point for
//     code point.
//   - A predicted span matches a gold span of the same kind (QUOTE-direct,
//     QUOTE-indirect, THREAT, SPEAKER) when the Jaccard overlap of both,
//     after trimming quote marks, punctuation and space at both ends, is at
//     least 0.5; pairs are taken greedily, best first.
//   - THREAT is also scored per sentence (score.py's sentence regex), and
//     speaker accuracy counts gold quotes with a speaker whose matched
//     predicted quote is attributed to the same entity (same_entity with
//     its TITLES list).
//
// Figures are rounded to 3 places as Python's round does (half to even
// on the exact binary value). The known differences from score.py are in
// lower-casing of a few exotic characters (Python's str.lower maps U+0130
// to two code points), which only affects entity comparison.

// EvalKinds are the span kinds scored, in score.py's order.
var EvalKinds = []string{"QUOTE-direct", "QUOTE-indirect", "THREAT", "SPEAKER"}

// KindScore is precision, recall and F1 for one span kind.
type KindScore struct {
	Kind  string
	P     float64
	R     float64
	F1    float64
	Gold  int
	Pred  int
	Exact *float64 // share of gold spans matched with identical trimmed bounds; nil when no gold
}

// EvalResult holds the figures score.py prints.
type EvalResult struct {
	Kinds           []KindScore // in EvalKinds order
	ThreatSentence  KindScore   // Exact is always nil
	SpeakerAccuracy *float64    // nil when no gold quote has a speaker
	SpeakerQuotes   int
	MissingDocs     []string // gold documents with no predicted counterpart
}

// Kind returns the score of one kind ("QUOTE-direct", …).
func (r EvalResult) Kind(k string) KindScore {
	for _, s := range r.Kinds {
		if s.Kind == k {
			return s
		}
	}
	return KindScore{Kind: k}
}

const evalTrim = " \t\n\u00a0\"'“”‘’«»„,.;:!?—–-()"

var evalTitles = map[string]bool{"the": true, "president": true, "mr": true, "mrs": true, "ms": true, "dr": true, "prime": true, "minister": true,
	"secretary": true, "sen": true, "senator": true, "rep": true, "gov": true, "governor": true, "state": true,
	"chancellor": true, "foreign": true, "press": true, "white": true, "house": true, "u.s.": true, "us": true}

// evalDoc is a document prepared for scoring: text as code points and
// spans with (possibly mapped) offsets.
type evalSpan struct {
	id         string
	kind       string
	start, end int
	text       string
	attrs      map[string]any
}

func evalKindOf(s Span) string {
	if s.Label == Quote {
		k := KindDirect
		if v, ok := s.Attrs[AttrKind]; ok {
			k = fmt.Sprint(v)
		}
		return "QUOTE-" + k
	}
	return string(s.Label)
}

// evalSpeakerOf is score.py's speaker_of: the entity (else text) of the
// first attributed_to target that exists, else attrs["speaker"].
func evalSpeakerOf(spans []evalSpan, rels []Relation, s evalSpan) string {
	var byID map[string]int
	for _, r := range rels {
		if r.From == s.id && r.Label == AttributedTo {
			if byID == nil {
				byID = make(map[string]int, len(spans))
				for i, sp := range spans {
					byID[sp.id] = i // last one wins, as in a dict comprehension
				}
			}
			if i, ok := byID[r.To]; ok {
				sp := spans[i]
				if e := pyTruthyString(sp.attrs["entity"]); e != "" {
					return e
				}
				return sp.text
			}
		}
	}
	return pyTruthyString(s.attrs["speaker"])
}

func pyTruthyString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	default:
		return fmt.Sprint(x)
	}
}

func evalTrimBounds(text []rune, s, e int) (int, int) {
	for s < e && strings.ContainsRune(evalTrim, text[s]) {
		s++
	}
	for e > s && strings.ContainsRune(evalTrim, text[e-1]) {
		e--
	}
	return s, e
}

func evalJaccard(a0, a1, b0, b1 int) float64 {
	i := max(0, min(a1, b1)-max(a0, b0))
	u := max(a1, b1) - min(a0, b0)
	if u == 0 {
		return 0
	}
	return float64(i) / float64(u)
}

// evalNormName is score.py's norm_name.
func evalNormName(n string) []string {
	var toks []string
	cur := []rune{}
	flush := func() {
		if len(cur) > 0 {
			toks = append(toks, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range strings.ToLower(n) {
		if pyWordRune(r) || r == '.' {
			cur = append(cur, r)
		} else {
			flush()
		}
	}
	flush()
	var out []string
	for _, t := range toks {
		if !evalTitles[t] {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return toks
	}
	return out
}

// pyWordRune approximates Python's \w for str patterns.
func pyWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// SameEntity is score.py's same_entity: equal normalised names, or the
// same last token and one token set inside the other (titles ignored).
func SameEntity(a, b string) bool {
	x, y := evalNormName(a), evalNormName(b)
	if len(x) == 0 || len(y) == 0 {
		return false
	}
	if slices.Equal(x, y) {
		return true
	}
	return x[len(x)-1] == y[len(y)-1] && (containsAll(y, x) || containsAll(x, y))
}

// containsAll reports whether every word of words is in set.
func containsAll(set, words []string) bool {
	for _, w := range words {
		if !slices.Contains(set, w) {
			return false
		}
	}
	return true
}

type evalPair struct {
	j      float64
	gi, pi int
}

// evalMatch pairs gold and predicted spans greedily by Jaccard >= 0.5,
// best first, ties broken as Python's reverse tuple sort does. It returns
// for each matched gold index the predicted index.
func evalMatch(gold, pred [][2]int, text []rune) map[int]int {
	var pairs []evalPair
	gt := make([][2]int, len(gold))
	for i, g := range gold {
		gt[i][0], gt[i][1] = evalTrimBounds(text, g[0], g[1])
	}
	pt := make([][2]int, len(pred))
	for i, p := range pred {
		pt[i][0], pt[i][1] = evalTrimBounds(text, p[0], p[1])
	}
	for gi := range gold {
		for pi := range pred {
			j := evalJaccard(gt[gi][0], gt[gi][1], pt[pi][0], pt[pi][1])
			if j >= 0.5 {
				pairs = append(pairs, evalPair{j, gi, pi})
			}
		}
	}
	sort.Slice(pairs, func(a, b int) bool {
		x, y := pairs[a], pairs[b]
		if x.j != y.j {
			return x.j > y.j
		}
		if x.gi != y.gi {
			return x.gi > y.gi
		}
		return x.pi > y.pi
	})
	usedG, usedP := map[int]bool{}, map[int]bool{}
	out := map[int]int{}
	for _, p := range pairs {
		if usedG[p.gi] || usedP[p.pi] {
			continue
		}
		usedG[p.gi], usedP[p.pi] = true, true
		out[p.gi] = p.pi
	}
	return out
}

func evalPRF(tp, np, ng int) (p, r, f float64) {
	switch {
	case np != 0:
		p = float64(tp) / float64(np)
	case ng == 0:
		p = 1
	}
	r = 1
	if ng != 0 {
		r = float64(tp) / float64(ng)
	}
	if p+r != 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// pyRound3 is Python's round(x, 3).
func pyRound3(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 3, 64), 64)
	return v
}

// Evaluate scores predicted documents against gold documents.
func Evaluate(golds, preds []*Document) EvalResult {
	index := map[string]*Document{}
	for _, p := range preds {
		for _, key := range []string{p.Text, p.ID, metaSourceFile(p)} {
			if key != "" {
				if _, ok := index[key]; !ok {
					index[key] = p
				}
			}
		}
	}
	type tally struct{ tp, np, ng, exact int }
	tot := map[string]*tally{}
	for _, k := range EvalKinds {
		tot[k] = &tally{}
	}
	var spk [2]int
	var sent [3]int
	res := EvalResult{MissingDocs: []string{}}
	for _, g := range golds {
		var p *Document
		for _, key := range []string{g.Text, g.ID, metaSourceFile(g)} {
			if key == "" {
				continue
			}
			if d, ok := index[key]; ok {
				p = d
				break
			}
		}
		if p == nil {
			res.MissingDocs = append(res.MissingDocs, g.ID)
			p = &Document{Text: g.Text}
		}
		text := []rune(g.Text)
		m := offsetMapper(p.Text, g.Text)
		gspans := make([]evalSpan, len(g.Spans))
		for i, s := range g.Spans {
			gspans[i] = evalSpan{s.ID, evalKindOf(s), s.Start, s.End, s.Text, s.Attrs}
		}
		pspans := make([]evalSpan, len(p.Spans))
		for i, s := range p.Spans {
			pspans[i] = evalSpan{s.ID, evalKindOf(s), m(s.Start), m(s.End), s.Text, s.Attrs}
		}
		matchedQuotes := map[string]evalSpan{}
		for _, k := range EvalKinds {
			var gs, ps []evalSpan
			var gb, pb [][2]int
			for _, s := range gspans {
				if s.kind == k {
					gs = append(gs, s)
					gb = append(gb, [2]int{s.start, s.end})
				}
			}
			for _, s := range pspans {
				if s.kind == k {
					ps = append(ps, s)
					pb = append(pb, [2]int{s.start, s.end})
				}
			}
			mm := evalMatch(gb, pb, text)
			t := tot[k]
			t.tp += len(mm)
			t.np += len(ps)
			t.ng += len(gs)
			for gi, pi := range mm {
				a0, a1 := evalTrimBounds(text, gb[gi][0], gb[gi][1])
				b0, b1 := evalTrimBounds(text, pb[pi][0], pb[pi][1])
				if a0 == b0 && a1 == b1 {
					t.exact++
				}
				if strings.HasPrefix(k, "QUOTE") {
					matchedQuotes[gs[gi].id] = ps[pi]
				}
			}
		}
		for _, s := range gspans {
			if !strings.HasPrefix(s.kind, "QUOTE") {
				continue
			}
			want := evalSpeakerOf(gspans, g.Relations, s)
			if want == "" {
				continue
			}
			spk[1]++
			if ps, ok := matchedQuotes[s.id]; ok && SameEntity(evalSpeakerOf(pspans, p.Relations, ps), want) {
				spk[0]++
			}
		}
		for _, sb := range evalSentences(text) {
			a, b := sb[0], sb[1]
			gpos, ppos := false, false
			for _, s := range gspans {
				if s.kind == string(Threat) && s.start < b && s.end > a {
					gpos = true
					break
				}
			}
			for _, s := range pspans {
				if s.kind == string(Threat) && s.start < b && s.end > a {
					ppos = true
					break
				}
			}
			if gpos && ppos {
				sent[0]++
			}
			if ppos {
				sent[1]++
			}
			if gpos {
				sent[2]++
			}
		}
	}
	for _, k := range EvalKinds {
		t := tot[k]
		p, r, f := evalPRF(t.tp, t.np, t.ng)
		ks := KindScore{Kind: k, P: pyRound3(p), R: pyRound3(r), F1: pyRound3(f), Gold: t.ng, Pred: t.np}
		if t.ng != 0 {
			e := pyRound3(float64(t.exact) / float64(t.ng))
			ks.Exact = &e
		}
		res.Kinds = append(res.Kinds, ks)
	}
	p, r, f := evalPRF(sent[0], sent[1], sent[2])
	res.ThreatSentence = KindScore{Kind: "THREAT-sentence", P: pyRound3(p), R: pyRound3(r), F1: pyRound3(f), Gold: sent[2], Pred: sent[1]}
	if spk[1] != 0 {
		a := pyRound3(float64(spk[0]) / float64(spk[1]))
		res.SpeakerAccuracy = &a
	}
	res.SpeakerQuotes = spk[1]
	return res
}

// metaSourceFile returns meta.source_file when it is a string.
func metaSourceFile(d *Document) string {
	s, _ := d.Meta["source_file"].(string)
	return s
}

// JSON encodes the result exactly as score.py --json prints it
// (json.dumps: ", " and ": " separators, ASCII-only strings, Python float
// repr).
func (r EvalResult) JSON() []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range r.Kinds {
		if i > 0 {
			b.WriteString(", ")
		}
		pyJSONString(&b, k.Kind)
		b.WriteString(": ")
		writeKindJSON(&b, k, true)
	}
	b.WriteString(", ")
	pyJSONString(&b, "THREAT-sentence")
	b.WriteString(": ")
	writeKindJSON(&b, r.ThreatSentence, false)
	b.WriteString(`, "speaker-accuracy": `)
	if r.SpeakerAccuracy == nil {
		b.WriteString("null")
	} else {
		b.WriteString(pyFloat(*r.SpeakerAccuracy))
	}
	fmt.Fprintf(&b, `, "speaker-quotes": %d, "missing-docs": [`, r.SpeakerQuotes)
	for i, id := range r.MissingDocs {
		if i > 0 {
			b.WriteString(", ")
		}
		pyJSONString(&b, id)
	}
	b.WriteString("]}")
	return b.Bytes()
}

func writeKindJSON(b *bytes.Buffer, k KindScore, withExact bool) {
	fmt.Fprintf(b, `{"p": %s, "r": %s, "f1": %s, "gold": %d, "pred": %d`, pyFloat(k.P), pyFloat(k.R), pyFloat(k.F1), k.Gold, k.Pred)
	if withExact {
		b.WriteString(`, "exact": `)
		if k.Exact == nil {
			b.WriteString("null")
		} else {
			b.WriteString(pyFloat(*k.Exact))
		}
	}
	b.WriteByte('}')
}

// pyFloat formats a float as Python's repr does for values of the size
// scores take (no exponent between 1e-4 and 1e16).
func pyFloat(f float64) string {
	ax := f
	if ax < 0 {
		ax = -ax
	}
	if ax != 0 && (ax < 1e-4 || ax >= 1e16) {
		s := strconv.FormatFloat(f, 'e', -1, 64)
		// Python writes at least two exponent digits, as Go does.
		return s
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsAny(s, ".") {
		s += ".0"
	}
	return s
}

// pyJSONString writes s as json.dumps does with ensure_ascii.
func pyJSONString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20 || (r >= 0x7f && r < 0x10000):
			fmt.Fprintf(b, `\u%04x`, r)
		case r >= 0x10000:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(b, `\u%04x\u%04x`, r1, r2)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

// pySpace is Python's str.isspace (and the re module's \s for str).
func pySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// evalSentences is score.py's sentences(): splits at
// (?<=[.!?”"])\s+(?=[“"A-Z]) and at \n\s*\n, dropping blank pieces.
func evalSentences(text []rune) [][2]int {
	var out [][2]int
	start := 0
	n := len(text)
	for i := 0; i < n; {
		mEnd := -1
		// alternative 1: after sentence punctuation, a run of space
		// followed by an opening quote or a capital letter.
		if i > 0 && strings.ContainsRune(".!?”\"", text[i-1]) && pySpace(text[i]) {
			j := i
			for j < n && pySpace(text[j]) {
				j++
			}
			if j < n && (text[j] == '“' || text[j] == '"' || (text[j] >= 'A' && text[j] <= 'Z')) {
				mEnd = j
			}
		}
		// alternative 2: a blank line.
		if mEnd < 0 && text[i] == '\n' {
			j := i + 1
			last := -1
			for j < n && pySpace(text[j]) {
				if text[j] == '\n' {
					last = j
				}
				j++
			}
			if last >= 0 {
				mEnd = last + 1
			}
		}
		if mEnd < 0 {
			i++
			continue
		}
		out = append(out, [2]int{start, i})
		start = mEnd
		i = mEnd
	}
	out = append(out, [2]int{start, n})
	kept := out[:0]
	for _, s := range out {
		blank := true
		for _, r := range text[s[0]:s[1]] {
			if !pySpace(r) {
				blank = false
				break
			}
		}
		if !blank {
			kept = append(kept, s)
		}
	}
	return kept
}

// offsetMapper maps code point offsets in src to dst as score.py's mapper
// does: identity for equal texts, else through difflib matching blocks.
func offsetMapper(src, dst string) func(int) int {
	if src == dst {
		return func(i int) int { return i }
	}
	blocks := matchingBlocks([]rune(src), []rune(dst))
	return func(i int) int {
		for _, b := range blocks {
			if b[0] <= i && i <= b[0]+b[2] {
				return b[1] + (i - b[0])
			}
		}
		best := blocks[0]
		bd := absInt(best[0] - i)
		for _, b := range blocks[1:] {
			if d := absInt(b[0] - i); d < bd {
				best, bd = b, d
			}
		}
		return best[1]
	}
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// matchingBlocks is difflib.SequenceMatcher(None, a, b,
// autojunk=False).get_matching_blocks(): triples (i, j, n), sorted,
// adjacent blocks merged, ending with (len(a), len(b), 0).
func matchingBlocks(a, b []rune) [][3]int {
	b2j := map[rune][]int{}
	for j, r := range b {
		b2j[r] = append(b2j[r], j)
	}
	la, lb := len(a), len(b)
	// j2len tables indexed by j+1, reset through touched lists.
	j2len := make([]int, lb+1)
	newj2len := make([]int, lb+1)
	var touched, newTouched []int
	longest := func(alo, ahi, blo, bhi int) (int, int, int) {
		besti, bestj, bestsize := alo, blo, 0
		for _, t := range touched {
			j2len[t] = 0
		}
		touched = touched[:0]
		for i := alo; i < ahi; i++ {
			newTouched = newTouched[:0]
			for _, j := range b2j[a[i]] {
				if j < blo {
					continue
				}
				if j >= bhi {
					break
				}
				k := j2len[j] + 1 // j2len[j] holds the length ending at j-1
				newj2len[j+1] = k
				newTouched = append(newTouched, j+1)
				if k > bestsize {
					besti, bestj, bestsize = i-k+1, j-k+1, k
				}
			}
			for _, t := range touched {
				j2len[t] = 0
			}
			j2len, newj2len = newj2len, j2len
			touched, newTouched = newTouched, touched
		}
		for besti > alo && bestj > blo && a[besti-1] == b[bestj-1] {
			besti, bestj, bestsize = besti-1, bestj-1, bestsize+1
		}
		for besti+bestsize < ahi && bestj+bestsize < bhi && a[besti+bestsize] == b[bestj+bestsize] {
			bestsize++
		}
		return besti, bestj, bestsize
	}
	var blocks [][3]int
	queue := [][4]int{{0, la, 0, lb}}
	for len(queue) > 0 {
		q := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		alo, ahi, blo, bhi := q[0], q[1], q[2], q[3]
		i, j, k := longest(alo, ahi, blo, bhi)
		if k > 0 {
			blocks = append(blocks, [3]int{i, j, k})
			if alo < i && blo < j {
				queue = append(queue, [4]int{alo, i, blo, j})
			}
			if i+k < ahi && j+k < bhi {
				queue = append(queue, [4]int{i + k, ahi, j + k, bhi})
			}
		}
	}
	sort.Slice(blocks, func(x, y int) bool {
		p, q := blocks[x], blocks[y]
		if p[0] != q[0] {
			return p[0] < q[0]
		}
		if p[1] != q[1] {
			return p[1] < q[1]
		}
		return p[2] < q[2]
	})
	var out [][3]int
	i1, j1, k1 := 0, 0, 0
	for _, blk := range blocks {
		if i1+k1 == blk[0] && j1+k1 == blk[1] {
			k1 += blk[2]
		} else {
			if k1 > 0 {
				out = append(out, [3]int{i1, j1, k1})
			}
			i1, j1, k1 = blk[0], blk[1], blk[2]
		}
	}
	if k1 > 0 {
		out = append(out, [3]int{i1, j1, k1})
	}
	return append(out, [3]int{la, lb, 0})
}

// MatchSpans pairs gold and predicted spans, each given as [start, end)
// code-point bounds over text, by the reference scorer's overlap rule:
// after trimming quote marks, punctuation and space at both ends, a pair
// matches when its Jaccard overlap is at least 0.5; pairs are taken
// greedily, best first. The result maps each matched gold index to its
// predicted index. Agreement and classroom comparison use the same rule
// as `sayso eval`.
func MatchSpans(gold, pred [][2]int, text []rune) map[int]int {
	return evalMatch(gold, pred, text)
}

// TrimBounds is the trimming MatchSpans applies before comparing bounds:
// quote marks, punctuation and space are dropped from both ends. Exact
// matches compare trimmed bounds.
func TrimBounds(text []rune, start, end int) (int, int) {
	return evalTrimBounds(text, start, end)
}

// EvalKind is the scored kind of a span: QUOTE-direct, QUOTE-indirect,
// THREAT or SPEAKER (see EvalKinds).
func EvalKind(s Span) string { return evalKindOf(s) }
