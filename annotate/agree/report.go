package agree

import (
	"fmt"
	"slices"

	"github.com/sayso/sayso/annotate"
)

// layers names the token layers and span groups, in report order: one per
// kind of annotate.EvalKinds (a binary layer: inside a span of that kind
// or not), then All (the multi-category layer, Report.Categories).
var layers = append(slices.Clone(annotate.EvalKinds), All)

// Mean holds precision, recall and F1 averaged over annotator pairs (the
// pairs where the value is defined).
type Mean struct {
	P  Value `json:"p"`
	R  Value `json:"r"`
	F1 Value `json:"f1"`
}

// LabelRow is the agreement on one kind (or All): span F1 under both
// rules, averaged over pairs, and token-level coefficients. Cohen is
// Cohen's kappa for two annotators and the mean over pairs (Light's
// kappa) for more.
type LabelRow struct {
	Kind    string `json:"kind"`
	Exact   Mean   `json:"exact"`
	Overlap Mean   `json:"overlap"`
	Cohen   Value  `json:"cohen"`
	Fleiss  Coef   `json:"fleiss"`
	Alpha   Coef   `json:"alpha"`
	AC1     Coef   `json:"ac1"`
}

// PairKind is the agreement of one pair of annotators on one kind.
type PairKind struct {
	Kind    string `json:"kind"`
	Exact   PRF    `json:"exact"`
	Overlap PRF    `json:"overlap"`
	Cohen   Coef   `json:"cohen"` // token-level, on the documents both annotated
}

// Pair compares two annotators, Ref taken as the reference (precision is
// over Other's spans, recall over Ref's; F1 is symmetric).
type Pair struct {
	Ref   string     `json:"ref"`
	Other string     `json:"other"`
	Docs  int        `json:"docs"` // documents both annotated
	Kinds []PairKind `json:"kinds"`
}

// DocRow is the agreement on one document.
type DocRow struct {
	ID         string     `json:"id"`
	Annotators []string   `json:"annotators"` // those of the report who annotated it
	Tokens     int        `json:"tokens"`
	Labels     []LabelRow `json:"labels"`
}

// Agreement is the figure documents are ranked by: Krippendorff's alpha
// on the multi-category token layer.
func (d DocRow) Agreement() Coef { return d.Labels[len(d.Labels)-1].Alpha }

// Report is the agreement of two or more annotators over a corpus.
type Report struct {
	Annotators []string   `json:"annotators"`
	Documents  int        `json:"documents"`  // documents annotated by two of them or more
	Skipped    int        `json:"skipped"`    // documents annotated by fewer than two
	Tokens     int        `json:"tokens"`     // tokens of the compared documents
	Categories []string   `json:"categories"` // of layer All, in category order
	Labels     []LabelRow `json:"labels"`     // annotate.EvalKinds order, then All
	Pairs      []Pair     `json:"pairs"`
	Docs       []DocRow   `json:"docs"` // lowest Agreement first, undefined last
}

// tallies holds what the report is made of, for one document or a
// corpus: a token matrix per layer and span tallies per pair and layer.
type tallies struct {
	mats  []*Matrix
	spans [][]tally // [pair][layer]
	docs  []int     // [pair] documents both annotated
}

func newTallies(coders int) *tallies {
	t := &tallies{}
	for l := range layers {
		k := 2
		if layers[l] == All {
			k = len(categories)
		}
		m, _ := NewMatrix(coders, k) // coders >= 2, k <= 5: cannot fail
		t.mats = append(t.mats, m)
	}
	np := coders * (coders - 1) / 2
	t.spans = make([][]tally, np)
	for p := range t.spans {
		t.spans[p] = make([]tally, len(layers))
	}
	t.docs = make([]int, np)
	return t
}

func (t *tallies) add(o *tallies) {
	for l, m := range t.mats {
		_ = m.Append(o.mats[l]) // same shape by construction
	}
	for p := range t.spans {
		t.docs[p] += o.docs[p]
		for l := range t.spans[p] {
			t.spans[p][l].add(o.spans[p][l])
		}
	}
}

// pairs lists the annotator index pairs i < j in order.
func pairs(n int) [][2]int {
	var out [][2]int
	for i := range n {
		for j := i + 1; j < n; j++ {
			out = append(out, [2]int{i, j})
		}
	}
	return out
}

// Compute measures the agreement of the named annotators (all annotators
// found in docs, sorted, when names is empty) over docs. It needs two
// annotators or more, each with at least one document, and spans inside
// their text.
func Compute(docs []*Doc, names []string) (*Report, error) {
	names, err := chooseAnnotators(docs, names)
	if err != nil {
		return nil, err
	}
	r := &Report{Annotators: names, Categories: slices.Clone(categories), Docs: []DocRow{}}
	total := newTallies(len(names))
	for _, d := range docs {
		t, row, err := docTallies(d, names)
		if err != nil {
			return nil, err
		}
		if t == nil {
			r.Skipped++
			continue
		}
		total.add(t)
		r.Documents++
		r.Tokens += row.Tokens
		r.Docs = append(r.Docs, row)
	}
	r.Labels = labelRows(total, len(names))
	r.Pairs = pairRows(total, names)
	sortDocs(r.Docs)
	return r, nil
}

func chooseAnnotators(docs []*Doc, names []string) ([]string, error) {
	found := map[string]bool{}
	for _, d := range docs {
		for a := range d.Layers {
			found[a] = true
		}
	}
	if len(names) == 0 {
		for a := range found {
			names = append(names, a)
		}
		slices.Sort(names)
	} else {
		names = slices.Clone(names)
	}
	seen := map[string]bool{}
	for _, a := range names {
		if !found[a] {
			return nil, fmt.Errorf("annotator %q has no documents", a)
		}
		if seen[a] {
			return nil, fmt.Errorf("annotator %q is named twice", a)
		}
		seen[a] = true
	}
	if len(names) < 2 {
		return nil, fmt.Errorf("agreement needs two annotators or more, found %d", len(names))
	}
	return names, nil
}

// docTallies measures one document; it returns nil tallies when fewer
// than two of the annotators annotated it.
func docTallies(d *Doc, names []string) (*tallies, DocRow, error) {
	text := []rune(d.Text)
	var present []string
	for _, a := range names {
		if l := d.Layers[a]; l != nil {
			if err := checkBounds(d, a, l, len(text)); err != nil {
				return nil, DocRow{}, err
			}
			present = append(present, a)
		}
	}
	if len(present) < 2 {
		return nil, DocRow{}, nil
	}
	toks := tokenize(text)
	t := newTallies(len(names))
	kinds := make([][][][2]int, len(names))
	for c, a := range names {
		if l := d.Layers[a]; l != nil {
			kinds[c] = byKind(l.Spans)
		}
	}
	fillTokens(t, kinds, text, toks)
	for p, ij := range pairs(len(names)) {
		a, b := kinds[ij[0]], kinds[ij[1]]
		if a == nil || b == nil {
			continue
		}
		t.docs[p] = 1
		t.spans[p] = spanTallies(text, a, b)
	}
	row := DocRow{ID: d.ID, Annotators: present, Tokens: len(toks), Labels: labelRows(t, len(names))}
	return t, row, nil
}

func checkBounds(d *Doc, a string, l *annotate.Document, n int) error {
	for _, s := range l.Spans {
		if s.Start < 0 || s.End > n || s.Start > s.End {
			return fmt.Errorf("document %q, annotator %q: span %q has bounds [%d, %d) outside the text (%d code points)", d.ID, a, s.ID, s.Start, s.End, n)
		}
	}
	return nil
}

// fillTokens adds one unit per token to every layer's matrix; kinds[c]
// is coder c's spans split by byKind, nil when c did not annotate.
func fillTokens(t *tallies, kinds [][][][2]int, text []rune, toks [][2]int) {
	bits := make([][]uint8, len(kinds))
	for c, k := range kinds {
		if k != nil {
			bits[c] = tokenKinds(text, toks, k)
		}
	}
	row := make([]int, len(kinds))
	for i := range toks {
		for l := range layers {
			for c := range kinds {
				row[c] = tokenCategory(bits[c], i, l)
			}
			_ = t.mats[l].Add(row...) // categories in range by construction
		}
	}
}

// tokenCategory is coder's category for token i in layer l.
func tokenCategory(kinds []uint8, i, l int) int {
	switch {
	case kinds == nil:
		return Missing
	case layers[l] == All:
		return multiCategory(kinds[i])
	case kinds[i]&(1<<l) != 0:
		return 1
	}
	return 0
}

func labelRows(t *tallies, coders int) []LabelRow {
	ps := pairs(coders)
	rows := make([]LabelRow, len(layers))
	for l, kind := range layers {
		m := t.mats[l]
		fleiss, ac1 := pooledCoefs(m)
		row := LabelRow{Kind: kind, Fleiss: fleiss, Alpha: KrippendorffAlpha(m), AC1: ac1}
		var ex, ov prfAcc
		var cohen meanAcc
		for p, ij := range ps {
			if t.docs[p] == 0 {
				continue
			}
			ex.addPRF(t.spans[p][l].exactPRF())
			ov.addPRF(t.spans[p][l].overlapPRF())
			if c := CohenKappa(m, ij[0], ij[1]); c.Defined {
				cohen.add(Value{c.Value, true})
			}
		}
		row.Exact, row.Overlap, row.Cohen = ex.mean(), ov.mean(), cohen.value()
		rows[l] = row
	}
	return rows
}

func pairRows(t *tallies, names []string) []Pair {
	out := []Pair{}
	for p, ij := range pairs(len(names)) {
		if t.docs[p] == 0 {
			continue
		}
		pr := Pair{Ref: names[ij[0]], Other: names[ij[1]], Docs: t.docs[p]}
		for l, kind := range layers {
			s := t.spans[p][l]
			pr.Kinds = append(pr.Kinds, PairKind{Kind: kind, Exact: s.exactPRF(), Overlap: s.overlapPRF(),
				Cohen: CohenKappa(t.mats[l], ij[0], ij[1])})
		}
		out = append(out, pr)
	}
	return out
}

// sortDocs puts the lowest agreement first; documents whose agreement is
// undefined go last; ties keep input order.
func sortDocs(docs []DocRow) {
	slices.SortStableFunc(docs, func(x, y DocRow) int {
		a, b := x.Agreement(), y.Agreement()
		switch {
		case a.Defined != b.Defined:
			if a.Defined {
				return -1
			}
			return 1
		case a.Value < b.Value:
			return -1
		case a.Value > b.Value:
			return 1
		}
		return 0
	})
}

// meanAcc averages defined values.
type meanAcc struct {
	sum float64
	n   int
}

func (m *meanAcc) add(v Value) {
	if v.OK {
		m.sum += v.V
		m.n++
	}
}

func (m meanAcc) value() Value {
	if m.n == 0 {
		return Value{}
	}
	return Value{m.sum / float64(m.n), true}
}

// prfAcc averages precision, recall and F1.
type prfAcc [3]meanAcc

func (m *prfAcc) addPRF(p PRF) {
	m[0].add(p.P)
	m[1].add(p.R)
	m[2].add(p.F1)
}

func (m *prfAcc) mean() Mean { return Mean{m[0].value(), m[1].value(), m[2].value()} }
