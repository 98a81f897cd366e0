package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/annotate/classroom"
	"github.com/sayso/sayso/store"
)

// Commands for the classroom: make an assignment, collect the work.

// runAssign implements "sayso assign": a class set file from documents of
// the project, without the answer key.
func runAssign(args []string, stdout, stderr io.Writer) int {
	var title, out, docs, key *string
	var sugg *bool
	db, pos, code := parseCmd("assign", args, stderr, func(fs *flag.FlagSet) {
		title = fs.String("title", "Assignment", "the assignment's `title`")
		out = fs.String("o", "", "write the class set to `file` (required; must not exist)")
		docs = fs.String("docs", "", "document ids to include (`id,id,...`); default all")
		key = fs.String("key", "", "the annotator whose labels are the answer key (`name`); default the project's annotator")
		sugg = fs.Bool("suggestions", false, "let students see suggestions")
	})
	if code != exitOK {
		return code
	}
	if !noArgs("assign", pos, stderr) {
		return exitUsage
	}
	if *out == "" {
		fmt.Fprintln(stderr, "sayso assign: -o FILE is required")
		return exitUsage
	}
	st := openExisting("assign", db, stderr)
	if st == nil {
		return exitError
	}
	defer st.Close()
	layer, err := keyLayer(st, *key)
	if err != nil {
		fmt.Fprintf(stderr, "sayso assign: %v\n", err)
		return exitError
	}
	st.SetLayer(layer)
	ids, err := pickDocuments(st, splitList(*docs))
	if err == nil {
		var a store.Assignment
		a, err = st.NewAssignment(*out, store.Assignment{Title: *title, Suggestions: *sugg}, ids)
		if err == nil {
			fmt.Fprintf(stdout, "assignment %q: %d document(s), suggestions %s, answer key: labels of %q; class set written to %s\n",
				a.Title, len(a.Documents), onOff(a.Suggestions), a.KeyLayer, *out)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "sayso assign: %v\n", err)
		return exitError
	}
	return exitOK
}

// keyLayer is the layer whose labels are the answer key: --key, else the
// project's annotator, else its only layer.
func keyLayer(st *store.Store, key string) (string, error) {
	if key == "" {
		key, _ = st.Setting(store.SettingAnnotator)
	}
	if key != "" {
		return exportLayer(st, key)
	}
	l, err := st.ExportLayer()
	if err == nil && l == store.LayerAll {
		err = errors.New("the project has the labels of several annotators: name the answer key with --key (see sayso layers)")
	}
	return l, err
}

func onOff(b bool) string {
	if b {
		return "allowed"
	}
	return "not allowed"
}

// pickDocuments returns the row ids of the documents with the given ids
// (all documents when none are given).
func pickDocuments(st *store.Store, uids []string) ([]int64, error) {
	list, err := st.ListDocuments("")
	if err != nil {
		return nil, err
	}
	byUID := map[string]int64{}
	var all []int64
	for _, d := range list {
		byUID[d.UID] = d.ID
		all = append(all, d.ID)
	}
	if len(uids) == 0 {
		return all, nil
	}
	var ids []int64
	for _, u := range uids {
		id, ok := byUID[u]
		if !ok {
			return nil, fmt.Errorf("no document %s in the project", strconv.Quote(u))
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// runCollect implements "sayso collect": students' handed-in files
// compared with the answer key, printed, and written as an HTML report
// and a gradebook CSV on request.
func runCollect(args []string, stdout, stderr io.Writer) int {
	var html, csv *string
	db, paths, code := parseCmd("collect", args, stderr, func(fs *flag.FlagSet) {
		html = fs.String("html", "", "write the class report as one HTML `file`")
		csv = fs.String("csv", "", "write the gradebook as a CSV `file`")
	})
	if code != exitOK {
		return code
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "sayso collect: name the handed-in FILEs or a DIR holding them")
		return exitUsage
	}
	st := openExisting("collect", db, stderr)
	if st == nil {
		return exitError
	}
	defer st.Close()
	c, err := st.CollectHandIns(paths)
	for _, w := range c.Work {
		if w.Err != nil {
			fmt.Fprintf(stderr, "sayso collect: %s\n", termSafe(w.Err.Error()))
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "sayso collect: %v\n", err)
		return exitError
	}
	rep := c.Report()
	if err := writeReports(rep, *html, *csv, stdout); err != nil {
		fmt.Fprintf(stderr, "sayso collect: %v\n", err)
		return exitError
	}
	return exitOK
}

// writeReports prints the class summary and writes the files asked for.
func writeReports(rep *classroom.Report, html, csv string, stdout io.Writer) error {
	if err := classroom.WriteText(termWriter{stdout}, rep); err != nil {
		return err
	}
	for _, out := range []struct {
		path  string
		write func(io.Writer, *classroom.Report) error
	}{{html, classroom.WriteHTML}, {csv, classroom.WriteCSV}} {
		if out.path == "" {
			continue
		}
		var buf bytes.Buffer
		if err := out.write(&buf, rep); err != nil {
			return err
		}
		if err := annotate.WriteFileAtomic(out.path, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "written: %s\n", out.path)
	}
	return nil
}

// runHandIn implements "sayso handin": a student's copy of a class set,
// with their name, written where they say.
func runHandIn(args []string, stdout, stderr io.Writer) int {
	var out, name *string
	db, pos, code := parseCmd("handin", args, stderr, func(fs *flag.FlagSet) {
		out = fs.String("o", "", "write the handed-in copy to `file` (required)")
		name = fs.String("name", "", "the student's `name`, when the class set has none yet")
	})
	if code != exitOK {
		return code
	}
	if !noArgs("handin", pos, stderr) {
		return exitUsage
	}
	if *out == "" {
		fmt.Fprintln(stderr, "sayso handin: -o FILE is required")
		return exitUsage
	}
	st := openExisting("handin", db, stderr)
	if st == nil {
		return exitError
	}
	defer st.Close()
	err := setStudentName(st, *name, *name != "")
	if err == nil {
		err = st.HandIn(*out)
	}
	if err != nil {
		fmt.Fprintf(stderr, "sayso handin: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "handed in: %s\n", *out)
	return exitOK
}

// setStudentName names the class set's student when name is given and the
// file has no name yet (a different name already there is an error); the
// file's labels, when they are all in one layer of another name, become
// the student's.
func setStudentName(st *store.Store, name string, given bool) error {
	name = strings.TrimSpace(name)
	switch {
	case !given:
		return nil
	case name == "" || strings.ContainsFunc(name, unicode.IsControl):
		return fmt.Errorf("--name %q is not a name", name)
	}
	cur, err := st.Setting(store.SettingAnnotator)
	if err != nil || strings.TrimSpace(cur) == name {
		return err
	}
	if strings.TrimSpace(cur) != "" {
		return fmt.Errorf("this copy is %s's, not %s's", strconv.Quote(cur), strconv.Quote(name))
	}
	layers, err := st.Layers()
	if err != nil {
		return err
	}
	if len(layers) == 1 && layers[0].Name != name {
		if err := st.RenameLayer(layers[0].Name, name); err != nil {
			return err
		}
	}
	return st.SetSetting(store.SettingAnnotator, name)
}
