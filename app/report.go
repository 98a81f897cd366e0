package app

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/annotate/classroom"
	"github.com/sayso/sayso/store"
)

// The class report: students' handed-in work compared with the answer
// key, per student and per label, with the spans in context, charts, and
// exports as one HTML file and a gradebook CSV.

// collect reads the handed-in files in the background and shows the
// class report.
func (u *UI) collect(paths []string) {
	if len(paths) == 0 {
		return
	}
	st := u.st
	var (
		c   *store.Collection
		rep *classroom.Report
		err error
	)
	u.setMessage(fmt.Sprintf("collecting %d path(s)…", len(paths)))
	u.runBackground(func() {
		if c, err = st.CollectHandIns(paths); err == nil {
			rep = c.Report()
		}
	}, func() {
		if err != nil {
			u.showError(collectError(err, c))
			return
		}
		u.lastReport = rep
		u.showReport(rep)
	})
}

// collectError adds each unusable file's reason to err.
func collectError(err error, c *store.Collection) error {
	if c == nil {
		return err
	}
	var b strings.Builder
	b.WriteString(err.Error())
	for _, w := range c.Work {
		if w.Err != nil {
			fmt.Fprintf(&b, "\n• %v", w.Err)
		}
	}
	return fmt.Errorf("%s", b.String())
}

// reportColumns are the columns of the students' table.
var reportColumns = []string{"Student", "Mark", "Direct", "Indirect", "Threat", "Speaker", "Found", "Missed", "Extra", "From sugg.", "File"}

// showReport opens the class report window.
func (u *UI) showReport(r *classroom.Report) {
	w := u.app.NewWindow("Class report — " + r.Title)
	details := widget.NewRichText()
	details.Wrapping = fyne.TextWrapWord
	table := reportTable(r, func(i int) { details.ParseMarkdown(studentMarkdown(r.Students[i])) })
	if len(r.Students) > 0 {
		details.ParseMarkdown(studentMarkdown(r.Students[0]))
	}
	charts := reportCharts(r)
	buttons := container.NewHBox(
		widget.NewButton("Save HTML Report…", func() { u.saveReport(w, r, ".html", classroom.WriteHTML) }),
		widget.NewButton("Save Gradebook CSV…", func() { u.saveReport(w, r, ".csv", classroom.WriteCSV) }),
	)
	top := container.NewVBox(widget.NewLabelWithStyle(summaryLine(r), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		problemsLabel(r), charts)
	split := container.NewVSplit(table, container.NewVScroll(details))
	split.Offset = 0.45
	w.SetContent(container.NewBorder(top, buttons, nil, nil, split))
	w.Resize(fyne.NewSize(1100, 900))
	u.reportWin = w
	w.Show()
}

// summaryLine is the class in one line.
func summaryLine(r *classroom.Report) string {
	c := r.Class
	s := fmt.Sprintf("%s: %d student(s) graded · mean mark %.0f, median %.0f (lowest %d, highest %d) · %d key article(s)",
		r.Title, c.Students, c.MeanMark, c.MedianMark, c.MinMark, c.MaxMark, len(r.Key))
	if r.SuggestionsAllowed {
		s += fmt.Sprintf(" · %d of %d labels taken from suggestions", c.FromSuggestions, c.Labels)
	} else {
		s += " · suggestions were not allowed"
	}
	return s
}

func problemsLabel(r *classroom.Report) fyne.CanvasObject {
	if len(r.Problems) == 0 {
		return widget.NewLabel("Every file could be graded.")
	}
	lines := []string{fmt.Sprintf("%d file(s) could not be graded:", len(r.Problems))}
	for _, p := range r.Problems {
		lines = append(lines, "• "+p.File+": "+p.Message)
	}
	l := widget.NewLabel(strings.Join(lines, "\n"))
	l.Wrapping = fyne.TextWrapWord
	return l
}

// reportCharts shows the report's two charts (PNG: Fyne's SVG renderer
// draws no text).
func reportCharts(r *classroom.Report) fyne.CanvasObject {
	ch, err := classroom.RenderChartsPNG(r, 96)
	if err != nil {
		return widget.NewLabel("charts: " + err.Error())
	}
	img := func(name string, b []byte) fyne.CanvasObject {
		i := canvas.NewImageFromResource(fyne.NewStaticResource(name, b))
		i.FillMode = canvas.ImageFillContain
		i.SetMinSize(fyne.NewSize(480, 270))
		return i
	}
	return container.NewGridWithColumns(2, img("kinds.png", ch.Kinds), img("marks.png", ch.Marks))
}

// reportRow is one student's row of the table.
func reportRow(s classroom.StudentResult) []string {
	row := []string{s.Student, fmt.Sprint(s.Mark)}
	for _, k := range s.Kinds {
		if k.Applies() {
			row = append(row, fmt.Sprintf("%.2f", k.F1))
		} else {
			row = append(row, "–")
		}
	}
	o := s.Overall
	return append(row, fmt.Sprint(o.Found), fmt.Sprint(o.Missed), fmt.Sprint(o.Extra), fmt.Sprint(s.FromSuggestions), s.File)
}

func reportTable(r *classroom.Report, selected func(int)) *widget.Table {
	rows := make([][]string, len(r.Students))
	for i, s := range r.Students {
		rows[i] = reportRow(s)
	}
	t := textTable(reportColumns, rows, 90)
	t.SetColumnWidth(0, 180)
	t.SetColumnWidth(len(reportColumns)-1, 220)
	t.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(rows) {
			selected(id.Row)
		}
	}
	return t
}

// studentMarkdown lists one student's work: per document, each key and
// student span in context, labelled found, missed or extra in words.
func studentMarkdown(s classroom.StudentResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s — mark %d\n\n", mdEscape(s.Student), s.Mark)
	for _, n := range s.Notes {
		fmt.Fprintf(&b, "*%s*\n\n", mdEscape(n))
	}
	for _, d := range s.Docs {
		fmt.Fprintf(&b, "### %s (%s)\n\n", mdEscape(d.Title), d.State)
		for _, it := range d.Items {
			b.WriteString(itemMarkdown(it))
		}
	}
	return b.String()
}

func itemMarkdown(it classroom.Item) string {
	ctx := func(v *classroom.SpanView) string {
		c := v.Context
		return fmt.Sprintf("…%s **[%s]** %s…", mdEscape(c.Before), mdEscape(c.Span), mdEscape(c.After))
	}
	line := fmt.Sprintf("- **%s** %s", strings.ToUpper(string(it.Status)), it.Kind)
	if it.Speaker != nil && !it.Speaker.Same {
		line += fmt.Sprintf(" — speaker: key %q, student %q", it.Speaker.Key, it.Speaker.Student)
	}
	if it.Hint != "" {
		line += " — " + mdEscape(it.Hint)
	}
	switch {
	case it.Key != nil && it.Student != nil && !it.SameBounds():
		line += "\n\n  key: " + ctx(it.Key) + "\n\n  student: " + ctx(it.Student)
	case it.Key != nil:
		line += ": " + ctx(it.Key)
	case it.Student != nil:
		line += ": " + ctx(it.Student)
	}
	return line + "\n"
}

// mdEscape keeps text literal in Fyne's Markdown.
func mdEscape(s string) string {
	r := strings.NewReplacer("\n", " ", "*", `\*`, "_", `\_`, "#", `\#`, "[", `\[`, "]", `\]`, "`", "\\`")
	return r.Replace(s)
}

// saveReport writes the report (HTML or CSV) where the teacher says.
func (u *UI) saveReport(parent fyne.Window, r *classroom.Report, ext string, write func(io.Writer, *classroom.Report) error) {
	def := filepath.Join(filepath.Dir(u.st.Path()), fileName(r.Title+" report")+ext)
	entry := widget.NewEntry()
	entry.SetText(def)
	dialog.ShowCustomConfirm("Save report", "Save", "Cancel", container.NewVBox(widget.NewLabel("File:"), entry), func(ok bool) {
		if !ok {
			return
		}
		path := expandHome(strings.TrimSpace(entry.Text))
		var buf bytes.Buffer
		err := write(&buf, r)
		if err == nil {
			err = annotate.WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
		}
		if err != nil {
			dialog.ShowError(err, parent)
			return
		}
		u.setMessage("report saved: " + path)
		dialog.ShowInformation("Report saved", path, parent)
	}, parent)
}
