package agree

import (
	"math"
	"testing"
)

// m is a compact way to write reliability data: rows are units, columns
// coders, 0 marks a missing value, and categories are 1-based as printed
// in the sources (stored 0-based).
func matrixOf(t *testing.T, categories int, rows [][]int) *Matrix {
	t.Helper()
	m, err := NewMatrix(len(rows[0]), categories)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		vals := make([]int, len(r))
		for i, v := range r {
			vals[i] = v - 1 // 0 (missing) becomes -1
		}
		if err := m.Add(vals...); err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// fromTable expands a two-coder contingency table (rows coder A, columns
// coder B) into units.
func fromTable(t *testing.T, table [][]int) *Matrix {
	t.Helper()
	var rows [][]int
	for i, row := range table {
		for j, n := range row {
			for range n {
				rows = append(rows, []int{i + 1, j + 1})
			}
		}
	}
	return matrixOf(t, len(table), rows)
}

// fromDistribution expands a distribution of raters by subject and
// category (each row: how many raters chose each category) into units;
// the coders of a unit are exchangeable for Fleiss, alpha and AC1.
func fromDistribution(t *testing.T, dist [][]int) *Matrix {
	t.Helper()
	var rows [][]int
	for _, d := range dist {
		var row []int
		for k, n := range d {
			for range n {
				row = append(row, k+1)
			}
		}
		rows = append(rows, row)
	}
	return matrixOf(t, len(dist[0]), rows)
}

// Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), p. 3:
// 4 observers × 12 units, nominal, with missing values; the same data are
// cac.raw4raters in Gwet, Handbook of Inter-Rater Reliability (4th ed.
// 2014, p. 120), as shipped with the irrCAC R package.
var krippendorff2011 = [][]int{
	{1, 1, 0, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
	{4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {0, 5, 5, 5}, {0, 0, 1, 1}, {0, 0, 3, 0},
}

// Wikipedia, "Krippendorff's alpha", A computational example: 3 coders ×
// 15 units with missing values (as in the krippendorff Python package's
// sample.py): nominal alpha 0.691.
var wikipediaAlpha = [][]int{
	{0, 1, 0}, {0, 0, 0}, {0, 2, 2}, {0, 1, 1}, {0, 3, 3}, {3, 3, 4}, {4, 4, 4}, {1, 3, 0},
	{2, 0, 2}, {1, 0, 1}, {1, 0, 1}, {3, 0, 3}, {3, 0, 3}, {0, 0, 0}, {3, 0, 4},
}

// Wikipedia, "Fleiss' kappa", Worked example: 10 subjects, 14 raters,
// 5 categories; kappa 0.210.
var wikipediaFleiss = [][]int{
	{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
	{7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7},
}

// Gwet, Handbook of Inter-Rater Reliability (2014), distrib.6raters in
// irrCAC: 15 psychiatric patients, 6 raters, 5 diagnoses; Fleiss 0.414,
// alpha 0.420, AC1 0.445 (irrCAC README).
var gwetSixRaters = [][]int{
	{0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0},
	{2, 0, 4, 0, 0}, {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6},
	{1, 0, 0, 5, 0}, {1, 1, 0, 4, 0}, {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1},
}

// Wikipedia, "Cohen's kappa", Simple example: 50 grant proposals, two
// readers, yes/no; kappa 0.4.
var wikipediaCohen = [][]int{{20, 5}, {10, 15}}

// Gwet (2014), cont3x3abstractors in irrCAC: two abstractors, 100
// pregnant women, 3 categories; Cohen 0.796, Scott (= Fleiss for two
// coders) 0.796, AC1 0.849, Krippendorff 0.797, agreement 0.89.
var gwetAbstractors = [][]int{{13, 0, 0}, {0, 20, 7}, {0, 4, 56}}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func TestPublishedExamples(t *testing.T) {
	type stat func(*Matrix) Coef
	cohen01 := func(m *Matrix) Coef { return CohenKappa(m, 0, 1) }
	tests := []struct {
		name string
		m    func(*testing.T) *Matrix
		f    stat
		want float64
	}{
		{"Krippendorff 2011 alpha", func(t *testing.T) *Matrix { return matrixOf(t, 5, krippendorff2011) }, KrippendorffAlpha, 0.743},
		{"Krippendorff 2011 data, irrCAC AC1", func(t *testing.T) *Matrix { return matrixOf(t, 5, krippendorff2011) }, GwetAC1, 0.775},
		{"Krippendorff 2011 data, irrCAC Fleiss", func(t *testing.T) *Matrix { return matrixOf(t, 5, krippendorff2011) }, FleissKappa, 0.761},
		{"Wikipedia alpha", func(t *testing.T) *Matrix { return matrixOf(t, 4, wikipediaAlpha) }, KrippendorffAlpha, 0.691},
		{"Wikipedia Fleiss", func(t *testing.T) *Matrix { return fromDistribution(t, wikipediaFleiss) }, FleissKappa, 0.210},
		{"Gwet six raters Fleiss", func(t *testing.T) *Matrix { return fromDistribution(t, gwetSixRaters) }, FleissKappa, 0.414},
		{"Gwet six raters alpha", func(t *testing.T) *Matrix { return fromDistribution(t, gwetSixRaters) }, KrippendorffAlpha, 0.420},
		{"Gwet six raters AC1", func(t *testing.T) *Matrix { return fromDistribution(t, gwetSixRaters) }, GwetAC1, 0.445},
		{"Wikipedia Cohen", func(t *testing.T) *Matrix { return fromTable(t, wikipediaCohen) }, cohen01, 0.4},
		{"Gwet abstractors Cohen", func(t *testing.T) *Matrix { return fromTable(t, gwetAbstractors) }, cohen01, 0.796},
		{"Gwet abstractors Scott/Fleiss", func(t *testing.T) *Matrix { return fromTable(t, gwetAbstractors) }, FleissKappa, 0.796},
		{"Gwet abstractors AC1", func(t *testing.T) *Matrix { return fromTable(t, gwetAbstractors) }, GwetAC1, 0.849},
		{"Gwet abstractors alpha", func(t *testing.T) *Matrix { return fromTable(t, gwetAbstractors) }, KrippendorffAlpha, 0.797},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.f(tc.m(t))
			if !c.Defined || round3(c.Value) != tc.want {
				t.Errorf("got %v (defined %v, %.6f), want %.3f", round3(c.Value), c.Defined, c.Value, tc.want)
			}
		})
	}
}

// The observed and chance agreements irrCAC prints for the same data
// (README of kgwet/irrCAC: pa 0.8181818, pe 0.1903212 for AC1 and
// 0.2387153 for Fleiss on cac.raw4raters; pa 0.89 on cont3x3abstractors).
func TestPublishedAgreements(t *testing.T) {
	raw := matrixOf(t, 5, krippendorff2011)
	abs := fromTable(t, gwetAbstractors)
	tests := []struct {
		name      string
		c         Coef
		obs, pe   float64
		wantUnits int
	}{
		{"AC1 raw4raters", GwetAC1(raw), 0.818, 0.190, 11},
		{"Fleiss raw4raters", FleissKappa(raw), 0.818, 0.239, 11},
		{"Cohen abstractors", CohenKappa(abs, 0, 1), 0.890, round3(1 - 0.11/(1-0.7964094)), 100},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if round3(tc.c.Observed) != tc.obs || round3(tc.c.Chance) != tc.pe || tc.c.Units != tc.wantUnits {
				t.Errorf("observed %.4f chance %.4f units %d, want %.3f %.3f %d", tc.c.Observed, tc.c.Chance, tc.c.Units, tc.obs, tc.pe, tc.wantUnits)
			}
		})
	}
}

func TestEdgeCases(t *testing.T) {
	all := func(m *Matrix) map[string]Coef {
		return map[string]Coef{
			"cohen": CohenKappa(m, 0, 1), "fleiss": FleissKappa(m),
			"alpha": KrippendorffAlpha(m), "ac1": GwetAC1(m),
		}
	}
	type want struct {
		defined bool
		value   float64
	}
	tests := []struct {
		name string
		m    [][]int
		k    int
		want map[string]want
	}{
		{"perfect agreement", [][]int{{1, 1, 1}, {2, 2, 2}, {1, 1, 1}, {3, 3, 3}}, 3,
			map[string]want{"cohen": {true, 1}, "fleiss": {true, 1}, "alpha": {true, 1}, "ac1": {true, 1}}},
		// Every value is one category: chance agreement is 1, so the
		// kappas and alpha are 0/0; AC1's chance agreement is 0, AC1 = 1.
		{"one category", [][]int{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}}, 2,
			map[string]want{"cohen": {false, 0}, "fleiss": {false, 0}, "alpha": {false, 0}, "ac1": {true, 1}}},
		{"all missing", [][]int{{0, 0, 0}, {1, 0, 0}}, 2,
			map[string]want{"cohen": {false, 0}, "fleiss": {false, 0}, "alpha": {false, 0}, "ac1": {false, 0}}},
		// Systematic disagreement on two units, by hand: Cohen po 0, pe
		// 0.5, kappa -1; alpha: o_12 = o_21 = 2, n = 4, n_1 = n_2 = 2, so
		// Do = 4/4 = 1, De = (2·2 + 2·2)/(4·3) = 2/3, alpha = 1 - 3/2 = -0.5.
		{"systematic disagreement", [][]int{{1, 2, 0}, {2, 1, 0}}, 2,
			map[string]want{"cohen": {true, -1}, "alpha": {true, -0.5}}},
		// A unit with a single value is not pairable and leaves alpha,
		// Fleiss and AC1 as they are on the rest.
		{"single values ignored", [][]int{{1, 1, 0}, {2, 2, 2}, {0, 0, 2}}, 2,
			map[string]want{"alpha": {true, 1}, "fleiss": {true, 1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := all(matrixOf(t, tc.k, tc.m))
			for name, w := range tc.want {
				c := got[name]
				if c.Defined != w.defined || (w.defined && math.Abs(c.Value-w.value) > 1e-9) {
					t.Errorf("%s = %.6f (defined %v), want %v (defined %v)", name, c.Value, c.Defined, w.value, w.defined)
				}
			}
		})
	}
}

// The kappa paradox: two raters agree on 118 of 125 cases, nearly all
// "yes". By hand: po = 118/125 = 0.944; Cohen pe = (123·120 + 2·5)/125²
// = 0.94528, kappa = -0.023; AC1 pi_yes = 243/250 = 0.972, pe =
// 2·0.972·0.028 = 0.054432, AC1 = 0.941.
func TestKappaParadox(t *testing.T) {
	m := fromTable(t, [][]int{{118, 5}, {2, 0}})
	if k := CohenKappa(m, 0, 1); round3(k.Value) != -0.023 {
		t.Errorf("kappa %.4f, want -0.023", k.Value)
	}
	if a := GwetAC1(m); round3(a.Value) != 0.941 {
		t.Errorf("AC1 %.4f, want 0.941", a.Value)
	}
}

func TestMatrixErrors(t *testing.T) {
	if _, err := NewMatrix(0, 2); err == nil {
		t.Error("no coders accepted")
	}
	if _, err := NewMatrix(2, 200); err == nil {
		t.Error("200 categories accepted")
	}
	m, _ := NewMatrix(2, 2)
	if err := m.Add(0); err == nil {
		t.Error("short unit accepted")
	}
	if err := m.Add(0, 2); err == nil {
		t.Error("category out of range accepted")
	}
	o, _ := NewMatrix(3, 2)
	if err := m.Append(o); err == nil {
		t.Error("append of other shape accepted")
	}
}

// FuzzStats builds reliability data from bytes (3 coders, 3 categories,
// a value of 3 as missing) and checks that no statistic panics, returns
// NaN, or exceeds 1, and that perfect agreement gives 1 where defined.
func FuzzStats(f *testing.F) {
	f.Add([]byte{0, 0, 0, 1, 1, 1, 2, 2, 3})
	f.Add([]byte{0, 1, 2, 3, 3, 3})
	f.Add([]byte{3, 3, 3})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, _ := NewMatrix(3, 3)
		for i := 0; i+3 <= len(b); i += 3 {
			row := make([]int, 3)
			for c := range row {
				row[c] = int(b[i+c]%4) - 1
				if row[c] == 2 {
					row[c] = Missing
				} else if row[c] == -1 {
					row[c] = 2
				}
			}
			if err := m.Add(row...); err != nil {
				t.Fatal(err)
			}
		}
		for name, c := range map[string]Coef{"cohen": CohenKappa(m, 0, 2), "fleiss": FleissKappa(m),
			"alpha": KrippendorffAlpha(m), "ac1": GwetAC1(m)} {
			if c.Defined && (math.IsNaN(c.Value) || c.Value > 1+1e-9) {
				t.Errorf("%s = %v", name, c.Value)
			}
			if c.Defined && c.Observed == 1 && math.Abs(c.Value-1) > 1e-9 {
				t.Errorf("%s = %v with perfect observed agreement", name, c.Value)
			}
		}
	})
}
