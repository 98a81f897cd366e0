package classroom

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestCSVSafeAndParsable(t *testing.T) {
	names := []string{"=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "Smith, \"Jo\"", "Plain"}
	var subs []Submission
	for i, n := range names {
		subs = append(subs, Submission{Student: n, File: fmt.Sprintf("f%d.jsonl", i), Docs: withIDs(keyDocs(), "")})
	}
	subs = append(subs, Submission{Student: "Tab", File: "\tx.jsonl"}, Submission{Student: "CR", File: "\rx.jsonl"})
	subs = append(subs, Submission{File: "=bad.jsonl", Err: fmt.Errorf("=cmd|' /C calc'!A0")})
	r := Compare(keyDocs(), subs)
	var b bytes.Buffer
	if err := WriteCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatalf("gradebook does not parse: %v", err)
	}
	if len(rows) != len(names)+4 {
		t.Fatalf("%d rows, want %d", len(rows), len(names)+4)
	}
	checkCells(t, rows[1:], len(CSVHeader(r)))
	got := map[string]bool{}
	for _, row := range rows[1:] {
		got[row[0]] = true
		got[row[1]] = true
	}
	names = append(names, "\tx.jsonl", "\rx.jsonl")
	for _, n := range names {
		want := n
		if strings.ContainsRune("=+-@\t\r", rune(n[0])) {
			want = "'" + n
		}
		if !got[want] {
			t.Errorf("no row for %q (as %q)", n, want)
		}
	}
	last := rows[len(rows)-1]
	if last[1] != "'=bad.jsonl" || !strings.HasPrefix(last[len(last)-1], "not graded: =cmd") {
		t.Errorf("problem row %q", last)
	}
}

// checkCells checks the width of each row and that no cell would run as
// a formula.
func checkCells(t *testing.T, rows [][]string, width int) {
	t.Helper()
	for _, row := range rows {
		if len(row) != width {
			t.Errorf("row %v has %d cells, header %d", row, len(row), width)
		}
		for _, c := range row {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("cell %q would run as a formula", c)
			}
		}
	}
}

// TestHTMLSelfContained checks the report has no external reference,
// parses, escapes what students wrote and shows the figures.
func TestHTMLSelfContained(t *testing.T) {
	r := seedReport(t)
	r.Students[0].Student = `<script>alert("x")</script>`
	var b bytes.Buffer
	if err := WriteHTML(&b, r); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, bad := range []string{"http", `src="/`, "<link", "<script", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("report contains %q", bad)
		}
	}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	text, imgs := textAndImages(doc)
	if imgs != 2 {
		t.Errorf("%d images, want the 2 charts", imgs)
	}
	if !strings.Contains(text, r.Students[0].Student) {
		t.Error("the escaped student name is not shown as text")
	}
	for _, st := range r.Students {
		o := st.Overall
		for _, want := range []string{
			fmt.Sprintf("%s — mark %d", st.Student, st.Mark),
			fmt.Sprintf("found %d · missed %d · extra %d", o.Found, o.Missed, o.Extra),
			fmt.Sprintf("%d of %d label(s) taken from suggestions", st.FromSuggestions, st.Labels),
		} {
			if !strings.Contains(text, want) {
				t.Errorf("report lacks %q", want)
			}
		}
	}
	for _, p := range r.Problems {
		if !strings.Contains(text, p.Message) {
			t.Errorf("report lacks the problem %q", p.Message)
		}
	}
	c := r.Class
	if want := fmt.Sprintf("Mean mark %.1f · median %.1f · lowest %d · highest %d", c.MeanMark, c.MedianMark, c.MinMark, c.MaxMark); !strings.Contains(text, want) {
		t.Errorf("report lacks %q", want)
	}
	for _, w := range []string{"✓ FOUND", "✗ MISSED", "+ EXTRA"} {
		if !strings.Contains(text, w) {
			t.Errorf("report lacks the word label %q", w)
		}
	}
}

// textAndImages returns a page's text (spaces collapsed) and counts its
// images, checking that each is an inline SVG data URI.
func textAndImages(n *html.Node) (string, int) {
	var sb strings.Builder
	imgs := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode && (n.Parent == nil || n.Parent.Data != "style"):
			sb.WriteString(n.Data)
		case n.Type == html.ElementNode && n.Data == "img":
			for _, a := range n.Attr {
				if a.Key == "src" && strings.HasPrefix(a.Val, "data:image/svg+xml;base64,") {
					imgs++
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(sb.String()), " "), imgs
}

func TestMarkHistogram(t *testing.T) {
	r := &Report{}
	for _, m := range []int{0, 9, 10, 55, 89, 90, 99, 100} {
		r.Students = append(r.Students, StudentResult{Mark: m})
	}
	want := []int{2, 1, 0, 0, 0, 1, 0, 0, 1, 3}
	if got := MarkHistogram(r); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("histogram %v, want %v", got, want)
	}
}

func TestWriteEmptyReport(t *testing.T) {
	r := Compare(nil, nil)
	for name, write := range map[string]func(*bytes.Buffer) error{
		"csv":  func(b *bytes.Buffer) error { return WriteCSV(b, r) },
		"html": func(b *bytes.Buffer) error { return WriteHTML(b, r) },
		"text": func(b *bytes.Buffer) error { return WriteText(b, r) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil || b.Len() == 0 {
			t.Errorf("%s: %d bytes, error %v", name, b.Len(), err)
		}
	}
}

// TestHTMLRows checks that the details list one row per found, missed
// and extra span, and that HideFound leaves out the found ones with
// nothing to remark.
func TestHTMLRows(t *testing.T) {
	r := seedReport(t)
	var found, missed, extra, wrong int
	for _, st := range r.Students {
		for _, d := range st.Docs {
			if d.State != Labelled {
				continue
			}
			s := sumKinds(d.Kinds)
			found, missed, extra = found+s.Found, missed+s.Missed, extra+s.Extra
		}
		wrong += st.Speaker.Checked - st.Speaker.Same
	}
	if wrong == 0 {
		t.Fatal("fixture: no found quote with another speaker")
	}
	for _, hide := range []bool{false, true} {
		var b bytes.Buffer
		if err := WriteHTMLWith(&b, r, HTMLOptions{HideFound: hide}); err != nil {
			t.Fatal(err)
		}
		wantFound := found
		if hide {
			wantFound = wrong
		}
		for class, want := range map[string]int{"found": wantFound, "missed": missed, "extra": extra} {
			if got := strings.Count(b.String(), `<tr class="`+class+`">`); got != want {
				t.Errorf("hide found %v: %d %s rows, want %d", hide, got, class, want)
			}
		}
	}
}
