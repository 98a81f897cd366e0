package classroom

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteText writes a short summary for a terminal: the class figures, a
// line per student and the files that could not be graded.
func WriteText(w io.Writer, r *Report) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	c := r.Class
	title := r.Title
	if title == "" {
		title = "Class work compared with the answer key"
	}
	fmt.Fprintf(tw, "%s\n", title)
	fmt.Fprintf(tw, "key: %d article(s); %d student(s) graded, %d file(s) not graded; suggestions %s\n",
		len(r.Key), c.Students, len(r.Problems), map[bool]string{true: "allowed", false: "not allowed"}[r.SuggestionsAllowed])
	fmt.Fprintf(tw, "marks: mean %.1f, median %.1f, lowest %d, highest %d\n\n", c.MeanMark, c.MedianMark, c.MinMark, c.MaxMark)
	head := []string{"student", "mark"}
	for _, k := range r.Kinds {
		head = append(head, k+" F1")
	}
	head = append(head, "found", "missed", "extra", "from sugg.", "notes")
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, st := range r.Students {
		row := []string{st.Student, fmt.Sprint(st.Mark)}
		for _, k := range st.Kinds {
			row = append(row, f1Text(k.Score))
		}
		row = append(row, fmt.Sprint(st.Overall.Found), fmt.Sprint(st.Overall.Missed), fmt.Sprint(st.Overall.Extra),
			fmt.Sprintf("%d/%d", st.FromSuggestions, st.Labels), fmt.Sprint(len(st.Notes)))
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, p := range r.Problems {
		if _, err := fmt.Fprintf(w, "not graded: %s: %s\n", p.File, p.Message); err != nil {
			return err
		}
	}
	return nil
}
