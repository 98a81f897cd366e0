package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/annotate/format"
	"github.com/sayso/sayso/store"
)

// Exports and imports through the format registry (annotate/format): the
// same list the app's dialogs and docs/formats.md show.

// runFormats implements "sayso formats".
func runFormats(_ []string, stdout, _ io.Writer) int {
	fmt.Fprintf(stdout, "%-14s %-7s %-7s %s\n", "format", "import", "export", "description")
	for _, f := range format.Formats() {
		fmt.Fprintf(stdout, "%-14s %-7s %-7s %s\n", f.Name, yesNo(f.Import != nil), yesNo(f.Export != nil), f.Description)
	}
	return exitOK
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// exportFlags are the options of an export through the registry.
type exportFlags struct {
	format, offsets, labels, scheme, tags, split *string
	noSuggestions, bom                           *bool
	seed                                         *int64
}

func addExportFlags(fs *flag.FlagSet) *exportFlags {
	return &exportFlags{
		format:        fs.String("format", "jsonl", "export `format` (sayso formats lists them)"),
		offsets:       fs.String("offsets", "", "offset `unit`: cp (code points), utf16 or utf8; default the format's own"),
		labels:        fs.String("labels", "", "export only these `labels` (QUOTE,SPEAKER,THREAT)"),
		scheme:        fs.String("scheme", "", "tagging `scheme` of token formats: IOB2 (default), IOB1, BILOU"),
		tags:          fs.String("tags", "", "the one label `layer` of token formats: QUOTE, QUOTE:direct, QUOTE:indirect, SPEAKER, THREAT"),
		split:         fs.String("split", "", "split by document into parts (`train=0.8,dev=0.1,test=0.1`), one file each"),
		noSuggestions: fs.Bool("no-suggestions", false, "leave out suggestions not yet accepted"),
		bom:           fs.Bool("bom", false, "start CSV with a byte-order mark (for spreadsheets)"),
		seed:          fs.Int64("seed", 1, "the split's random `seed`"),
	}
}

// plain reports whether no option asks for more than the native export.
func (e *exportFlags) plain() bool {
	return *e.offsets == "" && *e.labels == "" && *e.split == "" && !*e.noSuggestions
}

// options turns the flags into the registry's options and selection.
func (e *exportFlags) options() (format.Options, format.Selection, error) {
	opt := format.Options{Offsets: format.Offsets(*e.offsets), Scheme: *e.scheme, Layer: *e.tags, BOM: *e.bom}
	if *e.offsets != "" {
		o, err := format.ParseOffsets(*e.offsets)
		if err != nil {
			return opt, format.Selection{}, err
		}
		opt.Offsets = o
	}
	sel := format.Selection{DropSuggested: *e.noSuggestions}
	for _, l := range splitList(*e.labels) {
		lab := annotate.Label(strings.ToUpper(l))
		if !isLabel(lab) {
			return opt, sel, fmt.Errorf("unknown label %q (QUOTE, SPEAKER or THREAT)", l)
		}
		sel.Labels = append(sel.Labels, lab)
	}
	return opt, sel, nil
}

func isLabel(l annotate.Label) bool {
	for _, k := range annotate.Labels {
		if k == l {
			return true
		}
	}
	return false
}

// exportWith writes the documents of status and layer in format f to
// out (one file per part with --split), printing the loss report.
func exportWith(st *store.Store, f *format.Format, e *exportFlags, status, layer, out string, stdout, stderr io.Writer) error {
	opt, sel, err := e.options()
	if err != nil {
		return err
	}
	var docs []*annotate.Document
	if err := st.EachDocumentIn(status, layer, func(d *annotate.Document) error {
		docs = append(docs, d)
		return nil
	}); err != nil {
		return err
	}
	docs = sel.Apply(docs)
	parts := []format.Part{{Name: ""}}
	groups := [][]*annotate.Document{docs}
	if *e.split != "" {
		if parts, err = format.ParseSplit(*e.split); err != nil {
			return err
		}
		groups = format.Split(docs, parts, *e.seed)
	}
	for i, p := range parts {
		path := out
		if p.Name != "" {
			path = format.SplitPath(out, p.Name)
		}
		loss, err := format.ExportTo(f, groups[i], format.FileSink{Path: path, Folder: f.Folder}, opt)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		fmt.Fprintf(stdout, "exported %d document(s) as %s to %s\n", len(groups[i]), f.Name, path)
		fmt.Fprint(stderr, loss.String())
	}
	return nil
}

// importFormat finds the registry format of an import path: the one named,
// else what the file looks like. nil means the native importer (text
// files, folders of them, native JSONL).
func importFormat(name, path string) (*format.Format, error) {
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
	if ext := strings.ToLower(filepath.Ext(path)); ext == ".txt" || ext == ".jsonl" && isNativeJSONL(path) {
		return nil, nil
	}
	head, err := readHead(path, 8192)
	if err != nil {
		return nil, err
	}
	f, err := format.Detect(filepath.Base(path), head)
	if err != nil || f.Name == "jsonl" {
		return nil, err
	}
	return f, nil
}

// isNativeJSONL reports whether the first line of a .jsonl file is
// sayso's own format (the registry's jsonl detection).
func isNativeJSONL(path string) bool {
	head, err := readHead(path, 8192)
	if err != nil {
		return true
	}
	f, err := format.Detect(filepath.Base(path), head)
	return err != nil || f.Name == "jsonl"
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

// importWith reads path in format f and adds its documents to the
// project, reporting as the native import does.
func importWith(st *store.Store, f *format.Format, path string, opt format.Options) (*annotate.ImportReport, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	rep := &annotate.ImportReport{Files: 1}
	var docs []*annotate.Document
	err = f.Import(os.DirFS(filepath.Dir(abs)), filepath.Base(abs), opt, func(d *annotate.Document) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		rep.Errors = append(rep.Errors, err)
	}
	res, serr := st.Sink()(docs)
	if serr != nil {
		return rep, serr
	}
	for i, d := range docs {
		rep.Add(path, d, res[i])
	}
	return rep, nil
}
