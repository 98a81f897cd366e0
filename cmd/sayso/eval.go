package main

import (
	"fmt"
	"io"

	"github.com/sayso/sayso/annotate"
)

// runEval implements "sayso eval": it scores predicted annotations
// against gold exactly as shared/tools/score.py does and prints a table,
// or with --json the JSON object score.py prints.
func runEval(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("eval", stderr)
	gold := fs.String("gold", "", "gold annotations, native `JSONL`")
	pred := fs.String("pred", "", "predicted annotations, native `JSONL`")
	asJSON := fs.Bool("json", false, "print score.py's JSON object")
	pos, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "sayso eval: unexpected argument %q\n", pos[0])
		return exitUsage
	}
	if *gold == "" || *pred == "" {
		fmt.Fprintln(stderr, "sayso eval: both --gold and --pred are required")
		return exitUsage
	}
	golds, ok := readAll(*gold, stderr)
	preds, ok2 := readAll(*pred, stderr)
	if !ok || !ok2 {
		return exitError
	}
	res := annotate.Evaluate(golds, preds)
	if *asJSON {
		fmt.Fprintf(stdout, "%s\n", res.JSON())
		return exitOK
	}
	writeEvalTable(stdout, res)
	return exitOK
}

// readAll reads a JSONL file, reporting every bad line; ok is false when
// any line could not be read.
func readAll(path string, stderr io.Writer) ([]*annotate.Document, bool) {
	docs, errs := annotate.ReadJSONLFile(path)
	for _, e := range errs {
		fmt.Fprintf(stderr, "sayso eval: %v\n", e)
	}
	return docs, len(errs) == 0
}

func writeEvalTable(w io.Writer, r annotate.EvalResult) {
	fmt.Fprintf(w, "%-16s %6s %6s %6s %6s %6s %6s\n", "label", "P", "R", "F1", "gold", "pred", "exact")
	for _, k := range append(r.Kinds, r.ThreatSentence) {
		exact := "-"
		if k.Exact != nil {
			exact = fmt.Sprintf("%.3f", *k.Exact)
		}
		fmt.Fprintf(w, "%-16s %6.3f %6.3f %6.3f %6d %6d %6s\n", k.Kind, k.P, k.R, k.F1, k.Gold, k.Pred, exact)
	}
	acc := "-"
	if r.SpeakerAccuracy != nil {
		acc = fmt.Sprintf("%.3f", *r.SpeakerAccuracy)
	}
	fmt.Fprintf(w, "speaker accuracy %6s over %d gold quotes with a speaker\n", acc, r.SpeakerQuotes)
	if len(r.MissingDocs) > 0 {
		fmt.Fprintf(w, "missing documents: %v\n", r.MissingDocs)
	}
}
