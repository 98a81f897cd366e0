package annotate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Importable file kinds, by extension.
const (
	extText  = ".txt"
	extJSONL = ".jsonl"
)

// IsImportable reports whether import reads files with this name.
func IsImportable(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case extText, extJSONL:
		return true
	}
	return false
}

// CollectFiles expands paths into the importable files they name: a file
// is taken as given (whatever its extension, so a wrongly named file gets
// a clear error later), a folder is walked recursively for .txt and .jsonl
// files. Paths that cannot be read are returned as errors; the others are
// still collected. Files come back in a stable order.
func CollectFiles(paths []string) ([]string, []error) {
	var files []string
	var errs []error
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, inputErr(p, 0, -1, "cannot read: %v", plainErr(err)))
			continue
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, de fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, inputErr(path, 0, -1, "cannot read: %v", plainErr(err)))
				if de != nil && de.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if de.IsDir() {
				if path != p && strings.HasPrefix(de.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if IsImportable(path) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, inputErr(p, 0, -1, "cannot read folder: %v", plainErr(err)))
		}
		sort.Strings(found)
		for _, f := range found {
			add(f)
		}
	}
	return files, errs
}

// plainErr strips the path that *PathError repeats, since InputError
// already names the file.
func plainErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadFile reads one file into documents. A .jsonl file gives one
// document per good line and an error per bad line; any other file is
// read as plain text. The document id of a text file is its base name
// without extension; meta.source_file records the base name.
func ReadFile(path string) ([]*Document, []error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, []error{inputErr(path, 0, -1, "cannot read: %v", plainErr(err))}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, []error{inputErr(path, 0, -1, "cannot read: %v", plainErr(err))}
	}
	if info.IsDir() {
		return nil, []error{inputErr(path, 0, -1, "is a folder")}
	}
	if strings.EqualFold(filepath.Ext(path), extJSONL) {
		return readJSONLFile(path, f)
	}
	if info.Size() > MaxFileSize {
		return nil, []error{inputErr(path, 0, -1, "file is %s, over the %s limit for one article", humanSize(info.Size()), humanSize(MaxFileSize))}
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, []error{inputErr(path, 0, -1, "cannot read: %v", plainErr(err))}
	}
	d, err := TextDocument(path, b)
	if err != nil {
		return nil, []error{err}
	}
	return []*Document{d}, nil
}

// TextDocument makes a document from a plain-text file's bytes.
func TextDocument(path string, b []byte) (*Document, error) {
	text, err := Normalize(path, b)
	if err != nil {
		return nil, err
	}
	base := filepath.Base(path)
	return &Document{
		ID:    strings.TrimSuffix(base, filepath.Ext(base)),
		Title: TitleOf(text),
		Text:  text,
		Meta:  map[string]any{"source_file": base},
	}, nil
}

// ReadJSONLFile reads a native JSONL file whatever its name (a pipe such
// as /dev/fd/63, a file without extension): one document per good line,
// an error naming the file and line for each bad one.
func ReadJSONLFile(path string) ([]*Document, []error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, []error{inputErr(path, 0, -1, "cannot read: %v", plainErr(err))}
	}
	defer f.Close()
	return readJSONLFile(path, f)
}

func readJSONLFile(path string, r io.Reader) ([]*Document, []error) {
	var docs []*Document
	var errs []error
	err := ReadJSONL(path, r, func(res JSONLResult) error {
		if res.Err != nil {
			errs = append(errs, res.Err)
			return nil
		}
		if n := len(res.Doc.Text); n > MaxFileSize {
			errs = append(errs, inputErr(path, res.Line, -1, "document text is %s, over the %s limit", humanSize(int64(n)), humanSize(MaxFileSize)))
			return nil
		}
		docs = append(docs, res.Doc)
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	if len(docs) == 0 && len(errs) == 0 {
		errs = append(errs, inputErr(path, 0, -1, "file is empty"))
	}
	return docs, errs
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// ImportReport summarises an import: what came in, what was skipped as a
// duplicate, and what failed and why.
type ImportReport struct {
	Files      int
	Imported   []string // document titles or ids
	Duplicates []string // "file: title (already in the project)"
	// Merged lists documents already in the project that gained another
	// annotator's labels as their layer: "file: title (labels of X)".
	Merged    []string
	Errors    []error
	Cancelled bool
}

// Summary is a one-paragraph account of the import for people.
func (r *ImportReport) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d document(s) imported from %d file(s)", len(r.Imported), r.Files)
	if len(r.Merged) > 0 {
		fmt.Fprintf(&b, ", %d already in the project gained another annotator's labels", len(r.Merged))
	}
	if len(r.Duplicates) > 0 {
		fmt.Fprintf(&b, ", %d skipped as already in the project", len(r.Duplicates))
	}
	if len(r.Errors) > 0 {
		fmt.Fprintf(&b, ", %d problem(s)", len(r.Errors))
	}
	if r.Cancelled {
		b.WriteString(" (cancelled)")
	}
	b.WriteString(".")
	return b.String()
}

// Merge adds o's counts and lists to r.
func (r *ImportReport) Merge(o *ImportReport) {
	r.Files += o.Files
	r.Imported = append(r.Imported, o.Imported...)
	r.Merged = append(r.Merged, o.Merged...)
	r.Duplicates = append(r.Duplicates, o.Duplicates...)
	r.Errors = append(r.Errors, o.Errors...)
	r.Cancelled = r.Cancelled || o.Cancelled
}

// Details lists duplicates and errors, one per line.
func (r *ImportReport) Details() string {
	var b strings.Builder
	for _, d := range r.Merged {
		fmt.Fprintf(&b, "merged: %s\n", d)
	}
	for _, d := range r.Duplicates {
		fmt.Fprintf(&b, "skipped: %s\n", d)
	}
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "not imported: %v\n", e)
	}
	return b.String()
}

// Sink receives the documents read by Import, in batches, and stores
// them. For each document it reports what became of it; err is for a
// failure of the whole batch, which stops the import.
type Sink func(docs []*Document) (res []SinkResult, err error)

// SinkResult is what a Sink did with one document: stored (the zero
// value), skipped as a duplicate, merged into the copy already there as
// the named layers, or refused.
type SinkResult struct {
	Duplicate bool
	Merged    []string
	Refused   error
}

// Add records what the sink did with d, read from file.
func (r *ImportReport) Add(file string, d *Document, res SinkResult) {
	name := d.Title
	if name == "" {
		name = d.ID
	}
	switch {
	case res.Refused != nil:
		r.Errors = append(r.Errors, inputErr(file, 0, -1, "document %q not imported: %v", clip(d.ID), res.Refused))
	case len(res.Merged) > 0:
		r.Merged = append(r.Merged, fmt.Sprintf("%s: %q (labels of %s)", filepath.Base(file), clip(name), strings.Join(quoteAll(res.Merged), ", ")))
	case res.Duplicate:
		r.Duplicates = append(r.Duplicates, fmt.Sprintf("%s: %q is already in the project", filepath.Base(file), clip(name)))
	default:
		r.Imported = append(r.Imported, name)
	}
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		if n == "" {
			n = "no name"
		}
		out[i] = strconv.Quote(n)
	}
	return out
}

// Progress is called after each file with the number done and the total.
type Progress func(done, total int)

// Import reads paths (files and folders) and hands the documents to sink
// in batches of about batchSize documents. Bad files are recorded in the
// report and never stop the others. Cancelling ctx stops after the
// current batch; what was handed over stays imported.
func Import(ctx context.Context, paths []string, batchSize int, sink Sink, progress Progress) (*ImportReport, error) {
	files, errs := CollectFiles(paths)
	rep := &ImportReport{Files: len(files), Errors: errs}
	if batchSize <= 0 {
		batchSize = 500
	}
	var batch []*Document
	var origin []string // the file each document of batch came from
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := sink(batch)
		if err != nil {
			return err
		}
		for i, d := range batch {
			var r SinkResult
			if i < len(res) {
				r = res[i]
			}
			rep.Add(origin[i], d, r)
		}
		batch, origin = batch[:0], origin[:0]
		return nil
	}
	for i, f := range files {
		if ctx.Err() != nil {
			rep.Cancelled = true
			break
		}
		docs, ferrs := ReadFile(f)
		rep.Errors = append(rep.Errors, ferrs...)
		// A large JSONL file goes in batches too, so no transaction holds
		// the project for long and cancelling takes effect inside it.
		for j, d := range docs {
			batch = append(batch, d)
			origin = append(origin, f)
			if len(batch) >= batchSize {
				if err := flush(); err != nil {
					return rep, err
				}
				if ctx.Err() != nil && j+1 < len(docs) {
					rep.Cancelled = true
					rep.Errors = append(rep.Errors, inputErr(f, 0, -1, "import cancelled after %d of its %d documents", j+1, len(docs)))
					break
				}
			}
		}
		if rep.Cancelled {
			break
		}
		if progress != nil {
			progress(i+1, len(files))
		}
	}
	if err := flush(); err != nil {
		return rep, err
	}
	if len(files) == 0 && len(errs) == 0 {
		rep.Errors = append(rep.Errors, fmt.Errorf("no .txt or .jsonl files found in %s", strings.Join(paths, ", ")))
	}
	return rep, nil
}
