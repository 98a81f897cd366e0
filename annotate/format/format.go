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
	"fmt"
	"io"
	"io/fs"
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
