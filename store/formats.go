package store

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/annotate/format"
)

// Imports and exports through the format registry (annotate/format), for
// the command line and the app alike.

// Export describes one export through the registry.
type Export struct {
	Format    *format.Format
	Options   format.Options
	Selection format.Selection
	Status    string // "" for all documents
	Layer     string // a layer, or LayerAll
	Path      string // the file (or folder) to write
	// Split, when set, writes one file per part (format.SplitPath), with
	// documents drawn by Seed.
	Split []format.Part
	Seed  int64
}

// ExportResult is one file an export wrote, with what it could not hold.
type ExportResult struct {
	Path      string
	Documents int
	Loss      *format.Loss
}

// ExportFormat writes the export and returns, per file written, its loss
// report (also written beside it). Cancelling ctx stops it while the
// documents are read.
func (s *Store) ExportFormat(ctx context.Context, e Export) ([]ExportResult, error) {
	var docs []*annotate.Document
	if err := s.EachDocumentIn(e.Status, e.Layer, func(d *annotate.Document) error {
		docs = append(docs, d)
		return ctx.Err()
	}); err != nil {
		return nil, err
	}
	docs = e.Selection.Apply(docs)
	parts, groups := []format.Part{{}}, [][]*annotate.Document{docs}
	if len(e.Split) > 0 {
		parts, groups = e.Split, format.Split(docs, e.Split, e.Seed)
	}
	var out []ExportResult
	for i, p := range parts {
		path := e.Path
		if p.Name != "" {
			path = format.SplitPath(e.Path, p.Name)
		}
		loss, err := format.ExportTo(e.Format, groups[i], format.FileSink{Path: path, Folder: e.Format.Folder}, e.Options)
		if err != nil {
			return out, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, ExportResult{Path: path, Documents: len(groups[i]), Loss: loss})
	}
	return out, nil
}

// ImportFormat finds the registry format of an import path: the one named,
// else what the file looks like. nil means sayso's own importer (text
// files, folders of them, native JSONL).
func ImportFormat(name, path string) (*format.Format, error) {
	if name != "" {
		f, err := format.Lookup(name)
		if err != nil || f.Name == "jsonl" {
			return nil, err
		}
		if f.Import == nil {
			return nil, fmt.Errorf("format %s can be exported, not imported", f.Name)
		}
		return f, nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil // the native importer names the problem
	}
	if fi.IsDir() {
		if anns, _ := filepath.Glob(filepath.Join(path, "*.ann")); len(anns) > 0 {
			return format.Lookup("brat")
		}
		return nil, nil
	}
	if strings.EqualFold(filepath.Ext(path), ".txt") {
		return nil, nil
	}
	head, err := readHead(path, 8192)
	if err != nil {
		return nil, err
	}
	f, err := format.Detect(filepath.Base(path), head)
	if err != nil || f.Name == "jsonl" {
		return nil, nil // native JSONL, or the native importer's message
	}
	return f, nil
}

func readHead(path string, n int) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	buf := make([]byte, n)
	k, err := io.ReadFull(fh, buf)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return buf[:k], err
}

// ImportPaths imports each path with sayso's own importer or, for other
// formats (named, or told from the file), through the registry, and sums
// the reports. progress, if set, follows the native importer's files.
func (s *Store) ImportPaths(ctx context.Context, paths []string, name string, opt format.Options, progress annotate.Progress) (*annotate.ImportReport, error) {
	var native []string
	total := &annotate.ImportReport{}
	for _, p := range paths {
		f, err := ImportFormat(name, p)
		if err != nil {
			return total, err
		}
		if f == nil {
			native = append(native, p)
			continue
		}
		rep, err := s.importWith(f, p, opt)
		total.Merge(rep)
		if err != nil {
			return total, err
		}
	}
	if len(native) == 0 {
		return total, nil
	}
	rep, err := annotate.Import(ctx, native, 500, s.Sink(), progress)
	if rep != nil {
		total.Merge(rep)
	}
	return total, err
}

// importWith reads path in format f and adds its documents.
func (s *Store) importWith(f *format.Format, path string, opt format.Options) (*annotate.ImportReport, error) {
	rep := &annotate.ImportReport{Files: 1}
	abs, err := filepath.Abs(path)
	if err != nil {
		return rep, err
	}
	var docs []*annotate.Document
	if err := f.Import(os.DirFS(filepath.Dir(abs)), filepath.Base(abs), opt, func(d *annotate.Document) error {
		docs = append(docs, d)
		return nil
	}); err != nil {
		rep.Errors = append(rep.Errors, err)
	}
	res, err := s.Sink()(docs)
	if err != nil {
		return rep, err
	}
	for i, d := range docs {
		rep.Add(path, d, res[i])
	}
	return rep, nil
}
