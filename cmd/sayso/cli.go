package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/annotate/format"
	"github.com/sayso/sayso/store"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

const usage = `sayso: label who said what in news articles.

usage:
  sayso [--db PROJECT]                 open the app (default project when no --db)
%s
PROJECT is a sayso project file (SQLite); the default is %s.
Exit codes: 0 ok, 1 errors, 2 usage.
`

// command is one subcommand: its name, its usage lines and what runs it.
type command struct {
	name, usage string
	run         func(args []string, stdout, stderr io.Writer) int
}

// commands lists the subcommands in the order the usage shows them.
var commands = []command{
	{"import", `import [--db P] [--layer NAME] FILE|DIR...
                                       import .txt files, folders and .jsonl; another
                                       annotator's labels come in as their layer`, runImport},
	{"export", `export [--db P] [--format F] [--offsets cp|utf16|utf8] [--status S] [--layer NAME|all]
             [--labels L,..] [--no-suggestions] [--scheme S] [--tags LAYER] [--bom]
             [--split train=0.8,dev=0.1,test=0.1 --seed N] [-o PATH]
                                       export the project (native JSONL to stdout unless -o);
                                       a loss report says what the format could not hold`, runExport},
	{"formats", `formats                        the import and export formats`, runFormats},
	{"stats", `stats [--db P]                 documents, spans by label, annotated share`, runStats},
	{"layers", `layers [--db P]                the annotators of the project and their labels`, runLayers},
	{"merge", `merge [--db P] FILE.sayso...   bring other annotators' project files in as layers`, runMerge},
	{"agree", `agree [--db P] [--annotators a,b] [--json] [FILE.jsonl...]
                                       agreement between annotators (kappa, alpha, AC1, F1)`, runAgree},
	{"assign", `assign [--db P] --title T [--docs id,..] [--suggestions] -o FILE
                                       make a class set for students (the key stays here)`, runAssign},
	{"handin", `handin [--db CLASS.sayso] [--name N] -o FILE
                                       hand in a student's copy of a class set`, runHandIn},
	{"collect", `collect [--db P] [--html F] [--csv F] FILE|DIR...
                                       compare handed-in work with the answer key`, runCollect},
	{"suggest", `suggest [--labels L,..] [-o FILE] FILE|DIR...
                                       suggest quotes, speakers and threats as JSONL`, runSuggest},
	{"eval", `eval --gold G.jsonl --pred P.jsonl [--json]
                                       score predictions against gold`, runEval},
	{"version", `version                        print the version`, runVersion},
}

// usageText is the usage with every command's lines.
func usageText() string {
	var b strings.Builder
	for _, c := range commands {
		b.WriteString("  sayso " + c.usage + "\n")
	}
	b.WriteString("  sayso help                           this text\n")
	return fmt.Sprintf(usage, b.String(), defaultProject())
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fmt.Fprint(stdout, usageText())
			return exitOK
		}
		return runGUI(args, stderr)
	}
	if args[0] == "help" {
		fmt.Fprint(stdout, usageText())
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "sayso: unknown command %q\n\n%s", args[0], usageText())
	return exitUsage
}

func runVersion(_ []string, stdout, _ io.Writer) int {
	fmt.Fprintf(stdout, "sayso %s\n", version)
	return exitOK
}

// defaultProject is the project opened when none is named: the user's
// data folder ($XDG_DATA_HOME/sayso/default.sayso).
func defaultProject() string {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = "."
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "sayso", "default.sayso")
}

// newFlags makes a flag set that reports usage errors to stderr.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("sayso "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses flags; flags may also follow positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// parseCmd parses a command's --db flag, the flags flags adds, and its
// positional arguments. code is exitOK, or exitUsage after a bad flag.
func parseCmd(cmd string, args []string, stderr io.Writer, flags func(*flag.FlagSet)) (db string, pos []string, code int) {
	fs := newFlags(cmd, stderr)
	dbFlag := fs.String("db", defaultProject(), "project `file`")
	if flags != nil {
		flags(fs)
	}
	pos, err := parse(fs, args)
	if err != nil {
		return "", nil, exitUsage
	}
	return *dbFlag, pos, exitOK
}

// noArgs reports whether a command that takes no arguments got none.
func noArgs(cmd string, pos []string, stderr io.Writer) bool {
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "sayso %s: unexpected argument %q\n", cmd, pos[0])
	}
	return len(pos) == 0
}

// openExisting opens a project that must exist already; nil after saying
// why not.
func openExisting(cmd, path string, stderr io.Writer) *store.Store {
	if !projectExists(cmd, path, stderr) {
		return nil
	}
	st, _ := openStore(path, stderr)
	return st
}

// termWriter escapes control characters in what is written through it
// (tables that hold names from files), keeping line ends and tabs.
type termWriter struct{ w io.Writer }

func (t termWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(t.w, escapeControls(string(p), "\n\t")); err != nil {
		return 0, err
	}
	return len(p), nil
}

// termSafe escapes control characters, so text from a file never acts on
// the terminal.
func termSafe(s string) string { return escapeControls(s, "") }

// escapeControls writes control characters other than those in keep as
// \uXXXX.
func escapeControls(s, keep string) string {
	bad := func(r rune) bool { return unicode.IsControl(r) && !strings.ContainsRune(keep, r) }
	if !strings.ContainsFunc(s, bad) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if bad(r) {
			fmt.Fprintf(&b, "\\u%04x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func openStore(path string, stderr io.Writer) (*store.Store, bool) {
	st, err := store.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "sayso: %v\n", err)
		return nil, false
	}
	return st, true
}

func runImport(args []string, stdout, stderr io.Writer) int {
	var quiet *bool
	var layer, fmtName, offsets *string
	db, paths, code := parseCmd("import", args, stderr, func(fs *flag.FlagSet) {
		quiet = fs.Bool("q", false, "print only the summary and problems")
		layer = fs.String("layer", "", "annotator (`name`) whose layer gets labels that name none; default: the project's annotator")
		fmtName = fs.String("format", "", "the files' `format` (sayso formats); default: told from each file")
		offsets = fs.String("offsets", "", "offset `unit` of the files: cp, utf16 or utf8; default the format's own")
	})
	if code != exitOK {
		return code
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "sayso import: name at least one FILE or DIR")
		return exitUsage
	}
	opt := format.Options{Offsets: format.Offsets(*offsets)}
	if _, err := format.ParseOffsets(*offsets); err != nil {
		fmt.Fprintf(stderr, "sayso import: %v\n", err)
		return exitUsage
	}
	st, ok := openStore(db, stderr)
	if !ok {
		return exitError
	}
	defer st.Close()
	if *layer == "" {
		*layer, _ = st.Setting(store.SettingAnnotator)
	}
	st.SetLayer(*layer)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := st.ImportPaths(ctx, paths, *fmtName, opt, nil)
	if err != nil {
		fmt.Fprintf(stderr, "sayso import: %v\n", err)
		return exitError
	}
	if !*quiet {
		for _, t := range rep.Imported {
			fmt.Fprintf(stdout, "imported: %s\n", termSafe(t))
		}
	}
	if *quiet {
		for _, e := range rep.Errors {
			fmt.Fprintf(termWriter{stderr}, "not imported: %v\n", e)
		}
	} else {
		fmt.Fprint(termWriter{stderr}, rep.Details())
	}
	fmt.Fprintln(stdout, rep.Summary())
	if len(rep.Errors) > 0 || rep.Cancelled {
		return exitError
	}
	return exitOK
}

func runExport(args []string, stdout, stderr io.Writer) int {
	var status, out, layer *string
	var ef *exportFlags
	db, pos, code := parseCmd("export", args, stderr, func(fs *flag.FlagSet) {
		status = fs.String("status", "", "export only documents with this `status` (new, \"in progress\", done)")
		out = fs.String("o", "", "write to `file` (or folder, for brat); native JSONL may go to standard output")
		layer = fs.String("layer", "", "export the labels of this annotator (`name`), or \"all\"; default: the only one, else all")
		ef = addExportFlags(fs)
	})
	if code != exitOK {
		return code
	}
	if !noArgs("export", pos, stderr) {
		return exitUsage
	}
	f, err := format.Lookup(*ef.format)
	if err == nil && *status != "" {
		*status, err = store.NormalizeStatus(*status)
	}
	if err == nil && f.Name != "jsonl" && *out == "" {
		err = fmt.Errorf("-o is required for the %s format", f.Name)
	}
	if err != nil {
		fmt.Fprintf(stderr, "sayso export: %v\n", err)
		return exitUsage
	}
	st := openExisting("export", db, stderr)
	if st == nil {
		return exitError
	}
	defer st.Close()
	l, err := exportLayer(st, *layer)
	if err == nil {
		if f.Name == "jsonl" && ef.plain() {
			err = exportNative(st, *status, l, *out, stdout, stderr)
		} else {
			err = exportWith(st, f, ef, *status, l, *out, stdout, stderr)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "sayso export: %v\n", err)
		return exitError
	}
	return exitOK
}

// exportNative streams native JSONL to out, or to stdout without -o.
func exportNative(st *store.Store, status, layer, out string, stdout, stderr io.Writer) error {
	if out == "" {
		_, err := st.ExportJSONL(context.Background(), stdout, status, layer, nil)
		return err
	}
	n, err := st.ExportJSONLFile(context.Background(), out, status, layer, nil)
	if err == nil {
		fmt.Fprintf(stderr, "exported %d document(s) to %s\n", n, out)
	}
	return err
}

// exportLayer resolves --layer: "" is the project's default, "all" every
// layer; another name must be one of the project's layers.
func exportLayer(st *store.Store, name string) (string, error) {
	switch name {
	case "":
		return st.ExportLayer()
	case "all", store.LayerAll:
		return store.LayerAll, nil
	}
	info, err := st.Layers()
	if err != nil {
		return "", err
	}
	names := make([]string, len(info))
	for i, l := range info {
		if l.Name == name {
			return name, nil
		}
		names[i] = strconv.Quote(l.Name)
	}
	return "", fmt.Errorf("no labels of %q in the project (annotators: %s)", name, strings.Join(names, ", "))
}

// projectExists reports whether a command that only reads may open
// path; it says why not (no such file, or it cannot be read).
func projectExists(cmd, path string, stderr io.Writer) bool {
	_, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(stderr, "sayso %s: no project at %s\n", cmd, path)
	case err != nil:
		fmt.Fprintf(stderr, "sayso %s: %v\n", cmd, err)
	}
	return err == nil
}

func runStats(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("stats", stderr)
	db := fs.String("db", defaultProject(), "project `file`")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "sayso stats: unexpected argument %q\n", pos[0])
		return exitUsage
	}
	if !projectExists("stats", *db, stderr) {
		return exitError
	}
	st, ok := openStore(*db, stderr)
	if !ok {
		return exitError
	}
	defer st.Close()
	s, err := st.Stats()
	if err != nil {
		fmt.Fprintf(stderr, "sayso stats: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "project:    %s\n", *db)
	fmt.Fprintf(stdout, "documents:  %d\n", s.Documents)
	for _, k := range annotate.Statuses {
		fmt.Fprintf(stdout, "  %-12s %d\n", k+":", s.ByStatus[k])
	}
	share := 0.0
	if s.Documents > 0 {
		share = 100 * float64(s.Annotated) / float64(s.Documents)
	}
	fmt.Fprintf(stdout, "annotated:  %d (%.1f%%)\n", s.Annotated, share)
	total := 0
	labels := make([]string, 0, len(s.SpansByLabel))
	for l, n := range s.SpansByLabel {
		labels = append(labels, l)
		total += n
	}
	sort.Strings(labels)
	fmt.Fprintf(stdout, "spans:      %d\n", total)
	for _, l := range labels {
		fmt.Fprintf(stdout, "  %-12s %d\n", l+":", s.SpansByLabel[l])
	}
	return exitOK
}
