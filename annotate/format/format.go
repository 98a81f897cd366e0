// Package format holds every import and export format of sayso behind one
// registry. The command line, the app's Export and Import dialogs and
// docs/formats.md all read Formats(), so they always list the same set.
//
// Each format declares what it can hold (Holds); an export compares that
// with what the documents carry and reports, in a Loss, everything it had
// to leave out. Nothing is dropped silently.
//
// The package is pure Go: no Fyne, no SQL.
package format

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sayso/sayso/annotate"
)

// Holds says what a format can carry. The loss report is computed from it.
type Holds struct {
	Overlaps   bool // spans that overlap within one document
	Relations  bool // quote -> speaker and threat -> speaker links
	Attributes bool // kind, entity, issuer, target, conditional
	Provenance bool // source (manual, suggested, ...) and annotator
	Scores     bool // suggestion scores
	Meta       bool // document meta and unknown fields
}

// Options are the choices a user makes for one export or import.
type Options struct {
	// Offsets is the unit of span offsets in offset-based formats.
	Offsets Offsets
	// Scheme is the tagging scheme of token formats: IOB2 (default), IOB1
	// or BILOU.
	Scheme string
	// Layer is the one label layer of formats that cannot hold overlaps
	// (CoNLL): QUOTE, QUOTE:direct, QUOTE:indirect, SPEAKER or THREAT.
	// Empty means the format's default.
	Layer string
	// BOM starts text exports meant for spreadsheets (CSV) with a UTF-8
	// byte-order mark, which Excel needs to read UTF-8.
	BOM bool
}

// Sink creates the files of one export. For a single-file format,
// Create("") is the export's file and Create(suffix) a side file whose
// name is the export's path plus suffix (".labels.json"). For a folder
// format, name is a path relative to the export folder.
type Sink interface {
	Create(name string) (io.WriteCloser, error)
}

// Emit receives each imported document, in file order.
type Emit func(*annotate.Document) error

// Format is one entry of the registry.
type Format struct {
	Name        string // command-line name: jsonl, csv, conll, brat, ...
	Title       string // shown in the app: "CoNLL (IOB2 tokens)"
	Ext         string // the export file's extension with its dot, "" for a folder
	Folder      bool   // the export is a folder of files (brat)
	Description string // one line for `sayso formats` and the dialogs
	Holds       Holds
	// Export writes docs to sink, reporting into loss what it could not
	// hold. Nil when the format is import-only.
	Export func(docs []*annotate.Document, sink Sink, opt Options, loss *Loss) error
	// Import reads path (a file, or a folder for folder formats) from fsys
	// and emits its documents. Errors name the file and, where there is
	// one, the line. Nil when the format is export-only.
	Import func(fsys fs.FS, path string, opt Options, emit Emit) error
	// Detect reports whether a file with this name and first bytes is in
	// this format; used to pick the format of an import when none is
	// given. Nil means never detected.
	Detect func(name string, head []byte) bool
}

var registry = map[string]*Format{}

// Register adds a format. Formats register themselves in init; a second
// format of one name is a programming error.
func Register(f *Format) {
	if _, dup := registry[f.Name]; dup {
		panic("format: " + f.Name + " registered twice")
	}
	registry[f.Name] = f
}

// Formats lists every format, sorted by name.
func Formats() []*Format {
	out := make([]*Format, 0, len(registry))
	for _, f := range registry {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup returns the format of that name.
func Lookup(name string) (*Format, error) {
	if f, ok := registry[strings.ToLower(name)]; ok {
		return f, nil
	}
	names := make([]string, 0, len(registry))
	for _, f := range Formats() {
		names = append(names, f.Name)
	}
	return nil, fmt.Errorf("unknown format %q (known: %s)", name, strings.Join(names, ", "))
}

// Detect picks the import format of a file from its name and first bytes.
// It fails when no format or more than one claims the file.
func Detect(name string, head []byte) (*Format, error) {
	var hits []*Format
	for _, f := range Formats() {
		if f.Import != nil && f.Detect != nil && f.Detect(name, head) {
			hits = append(hits, f)
		}
	}
	switch len(hits) {
	case 1:
		return hits[0], nil
	case 0:
		return nil, fmt.Errorf("%s: cannot tell its format; name one with --format", name)
	}
	names := make([]string, len(hits))
	for i, f := range hits {
		names[i] = f.Name
	}
	return nil, fmt.Errorf("%s: could be %s; name one with --format", name, strings.Join(names, " or "))
}

// ExportTo runs f's export of docs into sink and writes the loss report
// beside it (suffix ".loss.txt", or "loss.txt" in a folder export). It
// returns the report, which the command line prints.
func ExportTo(f *Format, docs []*annotate.Document, sink Sink, opt Options) (*Loss, error) {
	if f.Export == nil {
		return nil, fmt.Errorf("format %s cannot export, only import", f.Name)
	}
	loss := &Loss{Format: f.Name}
	if err := f.Export(docs, sink, opt, loss); err != nil {
		return loss, err
	}
	name := ".loss.txt"
	if f.Folder {
		name = "loss.txt"
	}
	w, err := sink.Create(name)
	if err != nil {
		return loss, err
	}
	if _, err := io.WriteString(w, loss.String()); err != nil {
		w.Close()
		return loss, err
	}
	return loss, w.Close()
}

// writeMain creates the export's own file (Create("")), lets write fill
// it through a buffer, and closes it. On an error the file is closed and
// the error returned.
func writeMain(sink Sink, write func(bw *bufio.Writer) error) error {
	w, err := sink.Create("")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := write(bw); err != nil {
		w.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// writeJSONLines writes the export's file as one JSON value per document,
// without HTML escaping.
func writeJSONLines(sink Sink, docs []*annotate.Document, line func(*annotate.Document) any) error {
	return writeMain(sink, func(bw *bufio.Writer) error {
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		for _, d := range docs {
			if err := enc.Encode(line(d)); err != nil {
				return err
			}
		}
		return nil
	})
}

// FileSink writes an export to disk. Path is the export's file (or its
// folder when Folder is set); side files go beside it.
type FileSink struct {
	Path   string
	Folder bool
}

// Create makes the export's file, a side file or a file in the folder.
func (s FileSink) Create(name string) (io.WriteCloser, error) {
	p := s.Path + name
	if s.Folder {
		if name == "" || filepath.IsAbs(name) || strings.HasPrefix(filepath.Clean(name), "..") {
			return nil, fmt.Errorf("%s: bad file name %q inside the export folder", s.Path, name)
		}
		p = filepath.Join(s.Path, name)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	return os.Create(p)
}

// MemSink keeps an export's files in memory, by name; for tests and for
// callers that send the export elsewhere.
type MemSink struct {
	Files map[string]*bytes.Buffer
}

// Create returns a buffer for name, replacing an earlier one.
func (s *MemSink) Create(name string) (io.WriteCloser, error) {
	if s.Files == nil {
		s.Files = map[string]*bytes.Buffer{}
	}
	b := &bytes.Buffer{}
	s.Files[name] = b
	return nopCloser{b}, nil
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }
