package classroom

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sayso/sayso/annotate"
)

// maxWarnings is how many bad lines of a file are listed by name.
const maxWarnings = 5

// LoadSubmission reads one student's native JSONL file. The student's
// name is the annotator most of the file's spans carry, else the file
// name without its extension. A file with no readable document comes
// back with Err set; bad lines in an otherwise good file become warnings.
func LoadSubmission(path string) Submission {
	sub := Submission{File: filepath.Base(path)}
	docs, errs := annotate.ReadJSONLFile(path)
	sub.Docs = docs
	sub.Student = annotatorOf(docs)
	if len(docs) == 0 {
		if len(errs) == 0 {
			errs = []error{fmt.Errorf("%s: no document in the file", path)}
		}
		sub.Err = errors.Join(firstErrs(errs)...)
		return sub
	}
	for _, e := range firstErrs(errs) {
		sub.Warnings = append(sub.Warnings, e.Error())
	}
	if n := len(errs) - maxWarnings; n > 0 {
		sub.Warnings = append(sub.Warnings, fmt.Sprintf("%s: %d more bad line(s)", path, n))
	}
	return sub
}

func firstErrs(errs []error) []error {
	return errs[:min(len(errs), maxWarnings)]
}

// annotatorOf returns the annotator most spans name (ties: the first in
// alphabetical order), or "".
func annotatorOf(docs []*annotate.Document) string {
	count := map[string]int{}
	for _, d := range docs {
		for _, s := range d.Spans {
			if a := strings.TrimSpace(s.Annotator); a != "" && s.Source != annotate.SourceSuggested {
				count[a]++
			}
		}
	}
	best := ""
	for _, a := range sortedKeys(count) {
		if count[a] > count[best] {
			best = a
		}
	}
	return best
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// LoadDir reads every *.jsonl file of a folder as a submission, in name
// order, leaving out the files named in skip (such as the key itself,
// compared by absolute path).
func LoadDir(dir string, skip ...string) ([]Submission, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", dir, err)
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("%s: cannot read the folder: %v", dir, errors.Unwrap(err))
	}
	skipped := map[string]bool{}
	for _, s := range skip {
		if a, err := filepath.Abs(s); err == nil {
			skipped[a] = true
		}
	}
	slices.Sort(paths)
	var subs []Submission
	for _, p := range paths {
		if a, err := filepath.Abs(p); err == nil && skipped[a] {
			continue
		}
		subs = append(subs, LoadSubmission(p))
	}
	return subs, nil
}

// LoadKey reads the teacher's answer key, a native JSONL file. Any bad
// line is an error (naming the file and line): a key must be whole.
func LoadKey(path string) ([]*annotate.Document, error) {
	docs, errs := annotate.ReadJSONLFile(path)
	if len(errs) > 0 {
		return nil, errors.Join(firstErrs(errs)...)
	}
	return docs, nil
}
