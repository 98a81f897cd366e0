package agree

import (
	"path/filepath"
	"slices"
	"testing"
	"unicode"

	"github.com/sayso/sayso/annotate"
)

// goldDocs reads the shared gold files, or the seeds copied into
// testdata when /work/shared is absent. A text is kept once.
func goldDocs(t testing.TB) []*annotate.Document {
	t.Helper()
	files, _ := filepath.Glob("../../../shared/gold/*.jsonl")
	if len(files) == 0 {
		t.Log("../shared/gold absent: using testdata/seeds.jsonl")
		files = []string{"testdata/seeds.jsonl"}
	}
	seen := map[string]bool{}
	var out []*annotate.Document
	for _, f := range files {
		docs, errs := annotate.ReadJSONLFile(f)
		if len(errs) > 0 {
			t.Fatal(errs[0])
		}
		for _, d := range docs {
			if !seen[d.Text] {
				seen[d.Text] = true
				d.SortSpans()
				out = append(out, d)
			}
		}
	}
	return out
}

// The deliberate differences: B drops every third span; C changes one
// span in four in turn: truncated (trimmed length cut to 3/4, still an
// overlap match), cut short (to 1/4, no match), or for a quote its kind
// flipped. Only spans that overlap no other span of their kind (nor, for
// a flip, any span of the new kind) are changed, so every match is the
// one intended.
type mod int

const (
	keep mod = iota
	truncate
	short
	flip
)

func dropInB(i int) bool { return i%3 == 0 }

func jaccard(a, b [2]int) float64 {
	in := max(0, min(a[1], b[1])-max(a[0], b[0]))
	un := max(a[1], b[1]) - min(a[0], b[0])
	if un == 0 {
		return 0
	}
	return float64(in) / float64(un)
}

func trimmed(text []rune, s annotate.Span) [2]int {
	a, b := annotate.TrimBounds(text, s.Start, s.End)
	return [2]int{a, b}
}

func flipped(k string) string {
	if k == annotate.KindDirect {
		return annotate.KindIndirect
	}
	return annotate.KindDirect
}

func overlapsKind(text []rune, spans []annotate.Span, i int, kind string) bool {
	b := trimmed(text, spans[i])
	for j, s := range spans {
		if j != i && annotate.EvalKind(s) == kind {
			o := trimmed(text, s)
			if o[0] < b[1] && b[0] < o[1] {
				return true
			}
		}
	}
	return false
}

// modFor decides C's change to span i and returns the changed span.
func modFor(text []rune, spans []annotate.Span, i int) (mod, annotate.Span) {
	s := spans[i].Clone()
	kind := annotate.EvalKind(s)
	if kindIndex(kind) < 0 || overlapsKind(text, spans, i, kind) {
		return keep, s
	}
	b := trimmed(text, s)
	n := b[1] - b[0]
	switch i % 4 {
	case 1:
		s.Start, s.End = b[0], b[0]+n*3/4
		nb := trimmed(text, s)
		if nb[1] > nb[0] && nb != b && jaccard(nb, b) >= 0.5 {
			return truncate, s
		}
	case 2:
		s.Start, s.End = b[0], b[0]+n/4
		nb := trimmed(text, s)
		if nb[1] > nb[0] && jaccard(nb, b) < 0.5 {
			return short, s
		}
	case 3:
		if s.Label == annotate.Quote {
			nk := flipped(s.QuoteKind())
			if !overlapsKind(text, spans, i, "QUOTE-"+nk) {
				if s.Attrs == nil {
					s.Attrs = map[string]any{}
				}
				s.Attrs[annotate.AttrKind] = nk
				return flip, s
			}
		}
	}
	return keep, spans[i].Clone()
}

type goldCase struct {
	docs []*Doc
	// per document: the gold spans and C's change to each
	gold [][]annotate.Span
	mods [][]mod
}

func buildGold(t testing.TB, n int) goldCase {
	var gc goldCase
	src := goldDocs(t)
	for k := range n {
		g := src[k%len(src)]
		text := []rune(g.Text)
		a := g.Clone()
		b := &annotate.Document{ID: g.ID, Text: g.Text}
		c := &annotate.Document{ID: g.ID, Text: g.Text}
		mods := make([]mod, len(g.Spans))
		for i, s := range g.Spans {
			if !dropInB(i) {
				b.Spans = append(b.Spans, s.Clone())
			}
			var cs annotate.Span
			mods[i], cs = modFor(text, g.Spans, i)
			c.Spans = append(c.Spans, cs)
		}
		id := g.ID
		if n > len(src) {
			id = g.ID + "#" + string(rune('a'+k/len(src)%26))
		}
		gc.docs = append(gc.docs, &Doc{ID: id, Text: g.Text, Layers: map[string]*annotate.Document{"A": a, "B": b, "C": c}})
		gc.gold = append(gc.gold, g.Spans)
		gc.mods = append(gc.mods, mods)
	}
	return gc
}

// expectSpans counts, without the package's matching, what each pair
// should match per kind: a span matches its own copy when both
// annotators have it with the same kind, exactly when neither changed
// its bounds, by overlap when the change was a truncation.
func expectSpans(gc goldCase, x, y string) map[string]tally {
	out := map[string]tally{}
	for d, spans := range gc.gold {
		for i, s := range spans {
			expectSpan(out, s, i, gc.mods[d][i], x, y)
		}
	}
	return out
}

// version is what annotator who has of gold span i changed by m: whether
// they have it, its kind and its change.
func version(who string, s annotate.Span, i int, m mod) (bool, string, mod) {
	if who != "C" {
		m = keep
	}
	kind := annotate.EvalKind(s)
	if m == flip {
		kind = "QUOTE-" + flipped(s.QuoteKind())
	}
	return who != "B" || !dropInB(i), kind, m
}

func expectSpan(out map[string]tally, s annotate.Span, i int, m mod, x, y string) {
	hx, kx, mx := version(x, s, i, m)
	hy, ky, my := version(y, s, i, m)
	var tx, ty, both tally
	if hx {
		tx.ref = 1
	}
	if hy {
		ty.other = 1
	}
	if hx && hy && kx == ky && mx != short && my != short {
		both.overlap = 1
		if mx == keep && my == keep {
			both.exact = 1
		}
	}
	for _, u := range []struct {
		k string
		t tally
	}{{kx, tx}, {ky, ty}, {kx, both}} {
		if kindIndex(u.k) < 0 {
			continue
		}
		for _, k := range []string{u.k, All} {
			o := out[k]
			o.add(u.t)
			out[k] = o
		}
	}
}

func TestGoldThreeAnnotators(t *testing.T) {
	gc := buildGold(t, len(goldDocs(t)))
	var counts [4]int
	for _, ms := range gc.mods {
		for _, m := range ms {
			counts[m]++
		}
	}
	t.Logf("%d documents; C: %d kept, %d truncated, %d cut short, %d flipped", len(gc.docs), counts[keep], counts[truncate], counts[short], counts[flip])
	if counts[truncate] == 0 || counts[short] == 0 || counts[flip] == 0 {
		t.Fatal("the fixture does not exercise every change")
	}
	r, err := Compute(gc.docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Annotators, []string{"A", "B", "C"}) || len(r.Pairs) != 3 || r.Documents != len(gc.docs) {
		t.Fatalf("annotators %v pairs %d documents %d", r.Annotators, len(r.Pairs), r.Documents)
	}
	means := map[string][2]meanAcc{}
	for _, p := range r.Pairs {
		want := expectSpans(gc, p.Ref, p.Other)
		for _, k := range p.Kinds {
			w := want[k.Kind]
			checkPRF(t, p.Ref+"/"+p.Other+" "+k.Kind+" exact", k.Exact, w.ref, w.other, w.exact)
			checkPRF(t, p.Ref+"/"+p.Other+" "+k.Kind+" overlap", k.Overlap, w.ref, w.other, w.overlap)
			m := means[k.Kind]
			m[0].add(ratio(2*w.exact, w.ref+w.other))
			m[1].add(ratio(2*w.overlap, w.ref+w.other))
			means[k.Kind] = m
		}
	}
	for _, l := range r.Labels {
		m := means[l.Kind]
		if l.Exact.F1 != m[0].value() || l.Overlap.F1 != m[1].value() {
			t.Errorf("%s mean F1 exact %v overlap %v, want %v %v", l.Kind, l.Exact.F1, l.Overlap.F1, m[0].value(), m[1].value())
		}
	}
	checkTokens(t, gc, r)
}

func checkPRF(t *testing.T, what string, got PRF, ref, other, matched int) {
	t.Helper()
	want := prf(ref, other, matched)
	if got != want {
		t.Errorf("%s: got %+v, want %+v", what, got, want)
	}
}

// tokenCats recomputes an annotator's token categories by marking the
// code points each kind covers (trimmed) and asking, per token, whether
// any of its code points is marked.
func tokenCats(text []rune, spans []annotate.Span) (toks int, bin [][]int, multi []int) {
	covered := make([][]bool, len(annotate.EvalKinds))
	for k := range covered {
		covered[k] = make([]bool, len(text))
	}
	for _, s := range spans {
		if k := kindIndex(annotate.EvalKind(s)); k >= 0 {
			b := trimmed(text, s)
			for p := b[0]; p < b[1]; p++ {
				covered[k][p] = true
			}
		}
	}
	bin = make([][]int, len(annotate.EvalKinds))
	for i := 0; i < len(text); {
		if unicode.IsSpace(text[i]) {
			i++
			continue
		}
		s, e := annotate.WordAt(text, i)
		in := make([]bool, len(covered))
		for k := range covered {
			in[k] = slices.Contains(covered[k][s:e], true)
			bin[k] = append(bin[k], map[bool]int{false: 0, true: 1}[in[k]])
		}
		// THREAT, then SPEAKER, then direct, then indirect quotes.
		cat := 0
		for _, k := range []int{2, 3, 0, 1} {
			if in[k] {
				cat = k + 1
				break
			}
		}
		multi = append(multi, cat)
		toks++
		i = e
	}
	return toks, bin, multi
}

// checkTokens compares the token coefficients with ones computed here
// from 2×2 (or q-category) tables and per-token counts.
func checkTokens(t *testing.T, gc goldCase, r *Report) {
	cats, total := allCats(gc, []string{"A", "B", "C"})
	if r.Tokens != total {
		t.Errorf("tokens %d, want %d", r.Tokens, total)
	}
	for l, row := range r.Labels {
		checkLayer(t, r, l, row, cats[l])
	}
}

// allCats returns cats[layer][coder] over all tokens (layers EvalKinds
// then All) and the number of tokens.
func allCats(gc goldCase, names []string) ([][][]int, int) {
	cats := make([][][]int, len(layers))
	for l := range cats {
		cats[l] = make([][]int, len(names))
	}
	total := 0
	for _, d := range gc.docs {
		text := []rune(d.Text)
		for c, a := range names {
			n, bin, multi := tokenCats(text, d.Layers[a].Spans)
			if c == 0 {
				total += n
			}
			for k := range bin {
				cats[k][c] = append(cats[k][c], bin[k]...)
			}
			cats[len(layers)-1][c] = append(cats[len(layers)-1][c], multi...)
		}
	}
	return cats, total
}

func checkLayer(t *testing.T, r *Report, l int, row LabelRow, cats [][]int) {
	q := 2
	if row.Kind == All {
		q = len(categories)
	}
	var cohens meanAcc
	for p, ij := range pairs(3) {
		want := handCohen(cats[ij[0]], cats[ij[1]], q)
		got := r.Pairs[p].Kinds[l].Cohen
		if !sameValue(coefValue(got), want) {
			t.Errorf("%s %s Cohen %v, want %v", row.Kind, r.Pairs[p].Ref+"/"+r.Pairs[p].Other, got, want)
		}
		cohens.add(want)
	}
	if !sameValue(row.Cohen, cohens.value()) {
		t.Errorf("%s mean Cohen %v, want %v", row.Kind, row.Cohen, cohens.value())
	}
	fl, al, ac := handPooled(cats, q)
	for _, c := range []struct {
		name string
		got  Coef
		want Value
	}{{"Fleiss", row.Fleiss, fl}, {"alpha", row.Alpha, al}, {"AC1", row.AC1, ac}} {
		if !sameValue(coefValue(c.got), c.want) {
			t.Errorf("%s %s %v, want %v", row.Kind, c.name, c.got, c.want)
		}
	}
}

func sameValue(a, b Value) bool {
	return a.OK == b.OK && (!a.OK || abs(a.V-b.V) < 1e-9)
}

func abs(x float64) float64 { return max(x, -x) }

// handCohen: po from the diagonal, pe from the two coders' marginals.
func handCohen(x, y []int, q int) Value {
	table := make([][]float64, q)
	for i := range table {
		table[i] = make([]float64, q)
	}
	for u := range x {
		table[x[u]][y[u]]++
	}
	n := float64(len(x))
	po, pe := 0.0, 0.0
	for i := range q {
		po += table[i][i] / n
		row, col := 0.0, 0.0
		for j := range q {
			row += table[i][j]
			col += table[j][i]
		}
		pe += row / n * col / n
	}
	if pe == 1 {
		return Value{}
	}
	return Value{(po - pe) / (1 - pe), true}
}

// handPooled computes Fleiss, alpha and AC1 for complete data (every
// coder codes every token): m coders, per-token counts n_uk.
func handPooled(cats [][]int, q int) (fleiss, alpha, ac1 Value) {
	m := float64(len(cats))
	units := len(cats[0])
	pi := make([]float64, q)
	pa, disagree := 0.0, 0.0
	for u := range units {
		cnt := make([]float64, q)
		for c := range cats {
			cnt[cats[c][u]]++
		}
		agreeing := 0.0
		for k := range q {
			agreeing += cnt[k] * (cnt[k] - 1)
			pi[k] += cnt[k] / m / float64(units)
		}
		pa += agreeing / (m * (m - 1)) / float64(units)
		disagree += (m*(m-1) - agreeing) / (m - 1) // off-diagonal coincidences
	}
	pe, pg := 0.0, 0.0
	n := m * float64(units)
	sq := 0.0
	for k := range q {
		pe += pi[k] * pi[k]
		pg += pi[k] * (1 - pi[k]) / float64(q-1)
		sq += (pi[k] * n) * (pi[k] * n)
	}
	if pe < 1-1e-12 {
		fleiss = Value{(pa - pe) / (1 - pe), true}
		// alpha = 1 - (n-1) D / (n² - Σ n_c²)
		alpha = Value{1 - (n-1)*disagree/(n*n-sq), true}
	}
	ac1 = Value{(pa - pg) / (1 - pg), true}
	return fleiss, alpha, ac1
}
