package agree

import "fmt"

// Missing is the value of a coder who gave a unit no category.
const Missing = -1

// maxCategories bounds the categories a Matrix holds (one byte a cell).
const maxCategories = 127

// Matrix is reliability data: units × coders, each cell a category
// 0..Categories-1 or Missing. A unit is anything coded once by each coder
// (here a token of a text); a coder who did not see the unit is Missing.
type Matrix struct {
	Coders     int
	Categories int
	cells      []int8
}

// NewMatrix returns an empty matrix for coders coders and categories
// categories (2..127 categories; at least one coder).
func NewMatrix(coders, categories int) (*Matrix, error) {
	if coders < 1 {
		return nil, fmt.Errorf("reliability data needs at least one coder, got %d", coders)
	}
	if categories < 1 || categories > maxCategories {
		return nil, fmt.Errorf("reliability data takes 1 to %d categories, got %d", maxCategories, categories)
	}
	return &Matrix{Coders: coders, Categories: categories}, nil
}

// Add appends one unit: one value per coder, a category or Missing.
func (m *Matrix) Add(values ...int) error {
	if len(values) != m.Coders {
		return fmt.Errorf("unit %d has %d values for %d coders", m.Units()+1, len(values), m.Coders)
	}
	for c, v := range values {
		if v != Missing && (v < 0 || v >= m.Categories) {
			return fmt.Errorf("unit %d, coder %d: category %d outside 0..%d", m.Units()+1, c+1, v, m.Categories-1)
		}
	}
	for _, v := range values {
		m.cells = append(m.cells, int8(v))
	}
	return nil
}

// Units returns the number of units.
func (m *Matrix) Units() int { return len(m.cells) / m.Coders }

// At returns coder c's value for unit u.
func (m *Matrix) At(u, c int) int { return int(m.cells[u*m.Coders+c]) }

// Append adds the units of o, which must have the same coders and
// categories.
func (m *Matrix) Append(o *Matrix) error {
	if o.Coders != m.Coders || o.Categories != m.Categories {
		return fmt.Errorf("cannot append %d coders × %d categories to %d × %d", o.Coders, o.Categories, m.Coders, m.Categories)
	}
	m.cells = append(m.cells, o.cells...)
	return nil
}

// Coef is a chance-corrected agreement coefficient
// (Observed - Chance) / (1 - Chance). It is undefined when chance
// agreement is 1 (every value in one category, for the kappas and alpha)
// or when no unit carries two values.
type Coef struct {
	Value    float64 // the coefficient; 0 when not Defined
	Defined  bool
	Observed float64 // observed agreement
	Chance   float64 // agreement expected by chance
	Units    int     // units that entered the observed agreement
}

func coef(obs, chance float64, units int) Coef {
	c := Coef{Observed: obs, Chance: chance, Units: units}
	if units > 0 && chance < 1-1e-12 {
		c.Value, c.Defined = (obs-chance)/(1-chance), true
	}
	return c
}

// unitCounts returns, for unit u, how many coders gave each category, and
// how many values the unit has.
func (m *Matrix) unitCounts(u int, counts []int) int {
	clear(counts)
	n := 0
	for _, v := range m.cells[u*m.Coders : (u+1)*m.Coders] {
		if v >= 0 {
			counts[v]++
			n++
		}
	}
	return n
}

// CohenKappa is Cohen's (1960) kappa between coders a and b over the units
// both coded: chance agreement from each coder's own marginals.
func CohenKappa(m *Matrix, a, b int) Coef {
	ma := make([]int, m.Categories)
	mb := make([]int, m.Categories)
	n, agree := 0, 0
	for u := range m.Units() {
		x, y := m.At(u, a), m.At(u, b)
		if x == Missing || y == Missing {
			continue
		}
		n++
		ma[x]++
		mb[y]++
		if x == y {
			agree++
		}
	}
	if n == 0 {
		return Coef{}
	}
	pe := 0.0
	for k := range ma {
		pe += float64(ma[k]) / float64(n) * float64(mb[k]) / float64(n)
	}
	return coef(float64(agree)/float64(n), pe, n)
}

// pooled is what Fleiss' kappa and Gwet's AC1 share (Gwet 2014, ch. 2 and
// 4, as in the irrCAC raw-data functions): the observed agreement pa over
// units with two values or more, and the mean share pi[k] of each
// category over units with at least one value.
func pooled(m *Matrix) (pa float64, pi []float64, units int) {
	counts := make([]int, m.Categories)
	pi = make([]float64, m.Categories)
	rated := 0
	for u := range m.Units() {
		r := m.unitCounts(u, counts)
		if r == 0 {
			continue
		}
		rated++
		for k, c := range counts {
			pi[k] += float64(c) / float64(r)
		}
		if r < 2 {
			continue
		}
		units++
		s := 0
		for _, c := range counts {
			s += c * (c - 1)
		}
		pa += float64(s) / float64(r*(r-1))
	}
	if units > 0 {
		pa /= float64(units)
	}
	for k := range pi {
		if rated > 0 {
			pi[k] /= float64(rated)
		}
	}
	return pa, pi, units
}

// FleissKappa is Fleiss' (1971) kappa for any number of coders, with
// Gwet's extension to units coded by fewer coders: pa averages over units
// with two values or more, chance is the sum of squared pooled category
// shares. With complete data it is Fleiss' original statistic.
func FleissKappa(m *Matrix) Coef {
	f, _ := pooledCoefs(m)
	return f
}

// GwetAC1 is Gwet's (2008) first-order agreement coefficient for two or
// more coders: chance agreement is sum pi(1-pi) / (q-1) over the q =
// Categories categories, which stays small when one category dominates,
// so AC1 is defined (and 1) when every value is the same category.
func GwetAC1(m *Matrix) Coef {
	_, a := pooledCoefs(m)
	return a
}

// pooledCoefs computes Fleiss' kappa and Gwet's AC1 in one pass.
func pooledCoefs(m *Matrix) (fleiss, ac1 Coef) {
	pa, pi, units := pooled(m)
	pe, pg := 0.0, 0.0
	for _, p := range pi {
		pe += p * p
		pg += p * (1 - p)
	}
	fleiss = coef(pa, pe, units)
	if m.Categories < 2 {
		return fleiss, Coef{Observed: pa, Units: units}
	}
	return fleiss, coef(pa, pg/float64(m.Categories-1), units)
}

// KrippendorffAlpha is Krippendorff's alpha for nominal data (Krippendorff
// 2011): from the coincidence matrix of pairable values (units with two
// values or more), alpha = 1 - Do/De. Missing values simply drop out.
// Observed is 1-Do and Chance 1-De.
func KrippendorffAlpha(m *Matrix) Coef {
	counts := make([]int, m.Categories)
	nc := make([]float64, m.Categories) // marginal n_c of the coincidence matrix
	agree, n := 0.0, 0.0                // sum of o_cc; total n
	units := 0
	for u := range m.Units() {
		r := m.unitCounts(u, counts)
		if r < 2 {
			continue
		}
		units++
		for k, c := range counts {
			// o_kk gains c(c-1)/(r-1); n_k gains c.
			agree += float64(c*(c-1)) / float64(r-1)
			nc[k] += float64(c)
		}
		n += float64(r)
	}
	if units == 0 {
		return Coef{}
	}
	same := 0.0
	for _, x := range nc {
		same += x * (x - 1)
	}
	return coef(agree/n, same/(n*(n-1)), units)
}
