package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

func callEval(args ...string) (int, string, string) {
	var o, e bytes.Buffer
	code := runEval(args, &o, &e)
	return code, o.String(), e.String()
}

// suggestSeeds writes suggestions for the seed articles to a file.
func suggestSeeds(t *testing.T) string {
	t.Helper()
	pred := filepath.Join(t.TempDir(), "pred.jsonl")
	if code, _, e := callSuggest("-o", pred, seedGold); code != exitOK {
		t.Fatalf("suggest: exit %d: %s", code, e)
	}
	return pred
}

func TestEvalTableAndJSON(t *testing.T) {
	pred := suggestSeeds(t)
	code, out, errOut := callEval("--gold", seedGold, "--pred", pred)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"QUOTE-direct", "QUOTE-indirect", "THREAT", "SPEAKER", "THREAT-sentence", "speaker accuracy"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = callEval("--json", "--gold", seedGold, "--pred", seedGold)
	if code != exitOK || !strings.HasPrefix(out, `{"QUOTE-direct": {"p": 1.0, "r": 1.0, "f1": 1.0,`) || !strings.HasSuffix(out, "\"missing-docs\": []}\n") {
		t.Errorf("gold vs gold: exit %d, %s", code, out)
	}
}

// TestEvalMatchesScorePy runs the reference scorer and "sayso eval --json"
// on the same files and requires the same output.
func TestEvalMatchesScorePy(t *testing.T) {
	script := filepath.Join("..", "..", "..", "shared", "tools", "score.py")
	if _, err := os.Stat(script); err != nil {
		t.Skipf("%s not available", script)
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not available")
	}
	pred := suggestSeeds(t)
	for _, p := range []string{pred, seedGold} {
		want, err := exec.Command(py, script, seedGold, p, "--json").Output()
		if err != nil {
			t.Fatal(err)
		}
		code, got, errOut := callEval("--gold", seedGold, "--pred", p, "--json")
		if code != exitOK || got != string(want) {
			t.Errorf("pred %s: exit %d %s\n go: %s\npy: %s", p, code, errOut, got, want)
		}
	}
}

func TestEvalErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"id\": 1}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no files", nil, exitUsage, "both --gold and --pred are required"},
		{"no pred", []string{"--gold", seedGold}, exitUsage, "both --gold and --pred"},
		{"extra argument", []string{"--gold", seedGold, "--pred", seedGold, "more"}, exitUsage, `unexpected argument "more"`},
		{"missing file", []string{"--gold", seedGold, "--pred", filepath.Join(dir, "none.jsonl")}, exitError, "none.jsonl"},
		{"bad line", []string{"--gold", bad, "--pred", seedGold}, exitError, "bad.jsonl:1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := callEval(tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Fatalf("exit %d (want %d), stderr %q lacks %q", code, tc.code, errOut, tc.want)
			}
		})
	}
}

func TestEvalMissingDocs(t *testing.T) {
	dir := t.TempDir()
	pred := filepath.Join(dir, "one.jsonl")
	docs, errs := annotate.ReadFile(seedGold)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var b bytes.Buffer
	if err := annotate.WriteJSONL(&b, docs[0]); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pred, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, _ := callEval("--gold", seedGold, "--pred", pred)
	if !strings.Contains(out, "missing documents: [seed-001]") {
		t.Errorf("table does not name the missing document:\n%s", out)
	}
}
