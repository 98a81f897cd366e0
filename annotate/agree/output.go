package agree

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
)

// number formats a figure for JSON: rounded to 4 places, no exponent.
func number(x float64) string {
	r := math.Round(x*1e4) / 1e4
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// MarshalJSON writes the value rounded to 4 places, or null.
func (v Value) MarshalJSON() ([]byte, error) {
	if !v.OK {
		return []byte("null"), nil
	}
	return []byte(number(v.V)), nil
}

// MarshalJSON writes {"value", "observed", "chance", "units"}; value is
// null when the coefficient is undefined.
func (c Coef) MarshalJSON() ([]byte, error) {
	v := Value{c.Value, c.Defined}
	vb, _ := v.MarshalJSON()
	return fmt.Appendf(nil, `{"value":%s,"observed":%s,"chance":%s,"units":%d}`, vb, number(c.Observed), number(c.Chance), c.Units), nil
}

// JSON encodes the report, indented, keys in a fixed order (for
// `sayso agree --json`).
func (r *Report) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// String formats a value with 3 places, "–" when undefined.
func (v Value) String() string {
	if !v.OK {
		return "–"
	}
	r := math.Round(v.V*1e3) / 1e3
	if r == 0 {
		r = 0 // no "-0.000"
	}
	return strconv.FormatFloat(r, 'f', 3, 64)
}

// String formats the coefficient with 3 places, "–" when undefined.
func (c Coef) String() string { return Value{c.Value, c.Defined}.String() }

// WriteText writes the report as plain-text tables for a terminal: the
// agreement per label, per pair of annotators, and per document (lowest
// agreement first, at most maxDocs rows; all when maxDocs <= 0).
func (r *Report) WriteText(w io.Writer, maxDocs int) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Annotators: %s\n", strings.Join(r.Annotators, ", "))
	fmt.Fprintf(&b, "Documents: %d compared, %d with fewer than two annotators; %d tokens\n\n", r.Documents, r.Skipped, r.Tokens)
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "kind\texact F1\toverlap F1\tCohen κ\tFleiss κ\tKrippendorff α\tGwet AC1")
	for _, l := range r.Labels {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", l.Kind, l.Exact.F1, l.Overlap.F1, l.Cohen, l.Fleiss, l.Alpha, l.AC1)
	}
	tw.Flush()
	b.WriteString("\nPairs (overlap rule; P over the second annotator's spans, R over the first's)\n")
	tw = tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "pair\tkind\tspans\tP\tR\tF1\texact F1\tCohen κ")
	for _, p := range r.Pairs {
		for _, k := range p.Kinds {
			fmt.Fprintf(tw, "%s / %s\t%s\t%d / %d\t%s\t%s\t%s\t%s\t%s\n", p.Ref, p.Other, k.Kind, k.Overlap.Ref, k.Overlap.Other,
				k.Overlap.P, k.Overlap.R, k.Overlap.F1, k.Exact.F1, k.Cohen)
		}
	}
	tw.Flush()
	b.WriteString("\nDocuments, lowest agreement first (all kinds)\n")
	tw = tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "document\tannotators\ttokens\toverlap F1\tKrippendorff α\tGwet AC1")
	for i, d := range r.Docs {
		if maxDocs > 0 && i == maxDocs {
			fmt.Fprintf(tw, "… %d more\n", len(r.Docs)-maxDocs)
			break
		}
		all := d.Labels[len(d.Labels)-1]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\n", d.ID, len(d.Annotators), d.Tokens, all.Overlap.F1, all.Alpha, all.AC1)
	}
	tw.Flush()
	_, err := io.WriteString(w, b.String())
	return err
}
