package classroom

import (
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"strconv"
)

//go:embed report.html.tmpl
var reportTemplate string

var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"kindName": kindName,
	"f1":       f1Text,
	"docName":  docName,
	"ref":      func(id, title string) DocRef { return DocRef{ID: id, Title: title} },
	"missed":   missedIn,
	"tally":    sumKinds,
}).Parse(reportTemplate))

// kindNames are the kinds as a teacher reads them.
var kindNames = map[string]string{
	"QUOTE-direct":   "Quote (direct)",
	"QUOTE-indirect": "Quote (indirect)",
	"THREAT":         "Threat",
	"SPEAKER":        "Speaker",
}

func kindName(k string) string {
	if n, ok := kindNames[k]; ok {
		return n
	}
	return k
}

// f1Text shows an F1 with two decimals, or a dash when the kind occurs
// neither in the key nor in the work.
func f1Text(s Score) string {
	if !s.Applies() {
		return "—"
	}
	return strconv.FormatFloat(s.F1, 'f', 2, 64)
}

func docName(d DocRef) string {
	if d.Title == "" {
		return d.ID
	}
	return fmt.Sprintf("%s (%s)", d.Title, d.ID)
}

func missedIn(d DocResult) int { return sumKinds(d.Kinds).Missed }

// sumKinds adds up per-kind counts.
func sumKinds(ks []KindScore) Score {
	var s Score
	for _, k := range ks {
		s.Found += k.Found
		s.Missed += k.Missed
		s.Extra += k.Extra
	}
	return s
}

// htmlData is what the template reads.
type htmlData struct {
	Title      string
	Report     *Report
	KeySpans   int
	KindsChart template.URL
	MarksChart template.URL
	HideFound  bool
}

// HTMLOptions tune WriteHTMLWith.
type HTMLOptions struct {
	// HideFound leaves found spans out of the per-student details (a
	// shorter printout), except found quotes linked to another speaker.
	// They are still counted everywhere.
	HideFound bool
}

// WriteHTML writes the report as one self-contained HTML page: class
// summary, charts (inline SVG images), the per-student table and each
// student's spans in context beside the key's. It needs no network,
// prints on A4 and reads in black and white.
func WriteHTML(w io.Writer, r *Report) error {
	return WriteHTMLWith(w, r, HTMLOptions{})
}

// WriteHTMLWith is WriteHTML with options.
func WriteHTMLWith(w io.Writer, r *Report, opts HTMLOptions) error {
	ch, err := RenderCharts(r)
	if err != nil {
		return fmt.Errorf("drawing the charts: %v", err)
	}
	d := htmlData{Title: r.Title, Report: r, KindsChart: svgURL(ch.Kinds), MarksChart: svgURL(ch.Marks), HideFound: opts.HideFound}
	if d.Title == "" {
		d.Title = "Class work compared with the answer key"
	}
	for _, k := range r.Class.Kinds {
		d.KeySpans += k.InKey
	}
	return reportTmpl.Execute(w, d)
}

// svgURL is an SVG document as a data: URI. The bytes are ours (drawn by
// plot), so the URL is trusted.
func svgURL(svg []byte) template.URL {
	return template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(svg))
}
