package classroom

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// CSVHeader returns the gradebook's column names.
func CSVHeader(r *Report) []string {
	h := []string{"student", "file", "mark", "overall F1", "found", "missed", "extra"}
	for _, k := range r.Kinds {
		h = append(h, k+" found", k+" missed", k+" extra", k+" F1")
	}
	return append(h, "speaker links same", "speaker links checked", "labels", "taken from suggestions", "documents not labelled", "notes")
}

// WriteCSV writes the gradebook: one row per graded student, then one per
// file that could not be graded (with the reason in the notes column). A
// kind that occurs neither in the key nor in the student's work has an
// empty F1. Cells that a spreadsheet would read as a formula are prefixed
// with an apostrophe.
func WriteCSV(w io.Writer, r *Report) error {
	cw := csv.NewWriter(w)
	rows := [][]string{CSVHeader(r)}
	for _, st := range r.Students {
		rows = append(rows, studentRow(st))
	}
	for _, p := range r.Problems {
		row := make([]string, len(rows[0]))
		row[0], row[1], row[len(row)-1] = p.Student, p.File, "not graded: "+p.Message
		rows = append(rows, row)
	}
	for _, row := range rows {
		for i := range row {
			row[i] = safeCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func studentRow(st StudentResult) []string {
	o := st.Overall
	row := []string{st.Student, st.File, strconv.Itoa(st.Mark), f1Cell(o), itoa(o.Found), itoa(o.Missed), itoa(o.Extra)}
	for _, k := range st.Kinds {
		row = append(row, itoa(k.Found), itoa(k.Missed), itoa(k.Extra), f1Cell(k.Score))
	}
	return append(row, itoa(st.Speaker.Same), itoa(st.Speaker.Checked), itoa(st.Labels), itoa(st.FromSuggestions),
		itoa(len(st.Unlabelled)), strings.Join(st.Notes, "; "))
}

func itoa(n int) string { return strconv.Itoa(n) }

func f1Cell(s Score) string {
	if !s.Applies() {
		return ""
	}
	return strconv.FormatFloat(s.F1, 'f', 3, 64)
}

// safeCell defuses a cell a spreadsheet would run as a formula.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
