package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/annotate/agree"
)

// Commands for teams: who labeled what, agreement, and bringing another
// annotator's work in.

// runLayers implements "sayso layers": the project's annotators.
func runLayers(args []string, stdout, stderr io.Writer) int {
	db, pos, code := parseCmd("layers", args, stderr, nil)
	if code != exitOK {
		return code
	}
	if !noArgs("layers", pos, stderr) {
		return exitUsage
	}
	st := openExisting("layers", db, stderr)
	if st == nil {
		return exitError
	}
	defer st.Close()
	info, err := st.Layers()
	if err != nil {
		fmt.Fprintf(stderr, "sayso layers: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "%-28s %9s %7s\n", "annotator", "documents", "labels")
	for _, l := range info {
		name := l.Name
		if name == "" {
			name = "(no name)"
		}
		fmt.Fprintf(stdout, "%-28s %9d %7d\n", termSafe(name), l.Documents, l.Spans)
	}
	return exitOK
}

// runAgree implements "sayso agree": agreement between the project's
// annotators, or between the annotators of JSONL files.
func runAgree(args []string, stdout, stderr io.Writer) int {
	var names *string
	var asJSON *bool
	var docs *int
	flags := func(fs *flag.FlagSet) {
		names = fs.String("annotators", "", "compare only these annotators (`a,b,...`); default all")
		asJSON = fs.Bool("json", false, "print the report as JSON")
		docs = fs.Int("docs", 10, "documents to list, lowest agreement first (0: all)")
	}
	db, files, code := parseCmd("agree", args, stderr, flags)
	if code != exitOK {
		return code
	}
	input, err := agreeInput(db, files, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "sayso agree: %v\n", err)
		return exitError
	}
	rep, err := agree.Compute(input, splitList(*names))
	if err != nil {
		fmt.Fprintf(stderr, "sayso agree: %v\n", err)
		return exitError
	}
	if *asJSON {
		b, err := rep.JSON()
		if err != nil {
			fmt.Fprintf(stderr, "sayso agree: %v\n", err)
			return exitError
		}
		fmt.Fprintf(stdout, "%s\n", b)
		return exitOK
	}
	if err := rep.WriteText(termWriter{stdout}, *docs); err != nil {
		fmt.Fprintf(stderr, "sayso agree: %v\n", err)
		return exitError
	}
	return exitOK
}

// agreeInput reads the layers of the project, or of JSONL files (when
// files are named, the project is not opened).
func agreeInput(db string, files []string, stderr io.Writer) ([]*agree.Doc, error) {
	if len(files) == 0 {
		st := openExisting("agree", db, stderr)
		if st == nil {
			return nil, fmt.Errorf("no project to read")
		}
		defer st.Close()
		return st.AgreementDocs()
	}
	var all []*annotate.Document
	for _, f := range files {
		docs, errs := annotate.ReadJSONLFile(f)
		if len(errs) > 0 {
			return nil, errs[0]
		}
		all = append(all, docs...)
	}
	return agree.FromDocuments(all)
}

// splitList splits "a,b" into its trimmed, non-empty parts.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// runMerge implements "sayso merge": other annotators' project files come
// in as their layers.
func runMerge(args []string, stdout, stderr io.Writer) int {
	db, files, code := parseCmd("merge", args, stderr, nil)
	if code != exitOK {
		return code
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "sayso merge: name at least one project FILE")
		return exitUsage
	}
	st, ok := openStore(db, stderr)
	if !ok {
		return exitError
	}
	defer st.Close()
	failed := false
	for _, f := range files {
		rep, err := st.MergeProject(f)
		if err != nil {
			fmt.Fprintf(stderr, "sayso merge: %v\n", err)
			failed = true
			continue
		}
		fmt.Fprintf(stdout, "%s: labels of %s; %d document(s) gained a layer, %d new, %d unchanged, %d layer(s) kept as they were\n",
			f, termSafe(strings.Join(rep.Layers, ", ")), rep.Merged, rep.Added, rep.Unchanged, rep.Kept)
	}
	if failed {
		return exitError
	}
	return exitOK
}
