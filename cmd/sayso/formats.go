package main

import (
	"context"
	"flag"
	"fmt"
	"io"
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
	x := store.Export{Format: f, Options: opt, Selection: sel, Status: status, Layer: layer, Path: out, Seed: *e.seed}
	if *e.split != "" {
		if x.Split, err = format.ParseSplit(*e.split); err != nil {
			return err
		}
	}
	res, err := st.ExportFormat(context.Background(), x)
	for _, r := range res {
		fmt.Fprintf(stdout, "exported %d document(s) as %s to %s\n", r.Documents, f.Name, r.Path)
		fmt.Fprint(termWriter{stderr}, r.Loss.String())
	}
	return err
}
