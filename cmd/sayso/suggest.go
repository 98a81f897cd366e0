package main

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/annotate/suggest"
	"github.com/sayso/sayso/assets"
)

// runSuggest implements "sayso suggest": it reads .txt files, folders and
// native .jsonl, replaces each document's spans by suggestions and writes
// native JSONL.
func runSuggest(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("suggest", stderr)
	labelList := fs.String("labels", "", "suggest only these comma-separated `labels` (QUOTE,SPEAKER,THREAT); default all")
	out := fs.String("o", "", "write to `file` instead of standard output")
	paths, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "sayso suggest: name at least one FILE or DIR")
		return exitUsage
	}
	labels, err := parseLabels(*labelList)
	if err != nil {
		fmt.Fprintf(stderr, "sayso suggest: %v\n", err)
		return exitUsage
	}
	lex, err := suggest.LoadLexicon(assets.LexiconFS())
	if err != nil {
		fmt.Fprintf(stderr, "sayso suggest: %v\n", err)
		return exitError
	}
	opts := suggest.Options{Labels: labels, Lexicon: lex}

	var errs []error
	n := 0
	write := func(w io.Writer) error {
		files, cerrs := annotate.CollectFiles(paths)
		errs = cerrs
		ids := map[string]bool{}
		for _, f := range files {
			docs, ferrs := annotate.ReadFile(f)
			errs = append(errs, ferrs...)
			for i, d := range docs {
				if d.ID == "" { // a JSONL line without an id
					d.ID = fmt.Sprintf("%s-%d", strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)), i+1)
				}
				if ids[d.ID] {
					d.ID = uniqueID(ids, d.ID, f)
				}
				ids[d.ID] = true
				if err := annotate.WriteJSONL(w, suggest.Document(d, opts)); err != nil {
					return fmt.Errorf("%s: %w", f, err)
				}
				n++
			}
		}
		return nil
	}
	if *out != "" {
		err = annotate.WriteFileAtomic(*out, write)
	} else {
		bw := bufio.NewWriterSize(stdout, 1<<20)
		if err = write(bw); err == nil {
			err = bw.Flush()
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "sayso suggest: %v\n", err)
		return exitError
	}
	for _, e := range errs {
		fmt.Fprintf(stderr, "sayso suggest: %v\n", e)
	}
	if *out != "" {
		fmt.Fprintf(stderr, "suggested %d document(s) to %s\n", n, *out)
	}
	if len(errs) > 0 {
		return exitError
	}
	return exitOK
}

// parseLabels reads the --labels list; empty means all labels.
func parseLabels(s string) ([]annotate.Label, error) {
	var out []annotate.Label
	for _, p := range strings.Split(s, ",") {
		p = strings.ToUpper(strings.TrimSpace(p))
		if p == "" {
			continue
		}
		ok := false
		for _, l := range annotate.Labels {
			if string(l) == p {
				out = append(out, l)
				ok = true
			}
		}
		if !ok {
			names := make([]string, len(annotate.Labels))
			for i, l := range annotate.Labels {
				names[i] = string(l)
			}
			return nil, fmt.Errorf("unknown label %q (known: %s)", p, strings.Join(names, ", "))
		}
	}
	return out, nil
}

// uniqueID makes a document id unique within one output: the id prefixed
// with its folder name (allsides-013), then numbered.
func uniqueID(used map[string]bool, id, path string) string {
	if dir := filepath.Base(filepath.Dir(path)); dir != "." && dir != string(filepath.Separator) {
		if c := dir + "-" + id; !used[c] {
			return c
		}
	}
	for k := 2; ; k++ {
		if c := fmt.Sprintf("%s-%d", id, k); !used[c] {
			return c
		}
	}
}
