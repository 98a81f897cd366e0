package format

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Real readers: NLTK reads the CoNLL export, openpyxl the workbook and
// Python's csv module the CSV. Debian: python3-nltk python3-openpyxl.

// python returns a python3 that can import mod, or skips the test.
func python(t *testing.T, mod string) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		path, err := exec.LookPath(p)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import "+mod).Run() == nil {
			return path
		}
	}
	t.Skipf("no python3 with the %s module (Debian: apt-get install -y python3-nltk python3-openpyxl)", mod)
	return ""
}

// runPython runs script with args and decodes its JSON output into v.
func runPython(t *testing.T, py, script string, v any, args ...string) {
	t.Helper()
	out, err := exec.Command(py, append([]string{"-c", script}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("python: %v\n%s", err, out)
	}
	if err := json.Unmarshal(out, v); err != nil {
		t.Fatalf("python output %q: %v", out, err)
	}
}

// exportFile exports the golden documents to a file in a temp folder.
func exportFile(t *testing.T, format, name string, opt Options) string {
	t.Helper()
	f, err := Lookup(format)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if _, err := ExportTo(f, goldenDocs(t), FileSink{Path: path}, opt); err != nil {
		t.Fatal(err)
	}
	return path
}

const nltkScript = `
import sys, json
from nltk.corpus.reader import ConllCorpusReader
r = ConllCorpusReader(sys.argv[1], [sys.argv[2]], ('words', 'pos'))
tw = [t for t in r.tagged_words() if t[0] != '-DOCSTART-']
print(json.dumps({"n": len(tw), "sents": len(r.sents()), "pairs": tw}))
`

func TestNLTKReadsCoNLL(t *testing.T) {
	py := python(t, "nltk")
	for _, opt := range []Options{{}, {Layer: "ALL", Scheme: "BILOU"}} {
		path := exportFile(t, "conll", "out.conll", opt)
		var got struct {
			N     int
			Sents int
			Pairs [][2]string
		}
		runPython(t, py, nltkScript, &got, filepath.Dir(path), filepath.Base(path))
		want := goldTagged(t, path)
		if got.N != len(want) {
			t.Fatalf("%+v: NLTK read %d tokens, the file has %d", opt, got.N, len(want))
		}
		for i, p := range want {
			if got.Pairs[i] != p {
				t.Fatalf("%+v: token %d: NLTK read %v, file has %v", opt, i, got.Pairs[i], p)
			}
		}
		tags := map[string]int{}
		for _, p := range got.Pairs {
			tags[p[1]]++
		}
		if tags["B-QUOTE"] == 0 && tags["U-QUOTE"] == 0 || tags["O"] == 0 {
			t.Fatalf("%+v: tags read %v", opt, tags)
		}
	}
}

// goldTagged reads the token/tag pairs of a CoNLL file directly.
func goldTagged(t *testing.T, path string) [][2]string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out [][2]string
	for line := range strings.SplitSeq(string(b), "\n") {
		tok, tag, ok := strings.Cut(line, "\t")
		if ok && tok != "-DOCSTART-" {
			out = append(out, [2]string{tok, tag})
		}
	}
	return out
}

const openpyxlScript = `
import sys, json, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
sp = wb["spans"]
rows = list(sp.iter_rows(values_only=True))
print(json.dumps({"sheets": wb.sheetnames, "header": list(rows[0]), "first": [str(c) if c is not None else "" for c in rows[1]],
  "rows": len(rows), "docs": wb["documents"].max_row, "rels": wb["relations"].max_row}, ensure_ascii=False))
`

func TestOpenpyxlReadsXLSX(t *testing.T) {
	py := python(t, "openpyxl")
	path := exportFile(t, "xlsx", "out.xlsx", Options{})
	var got struct {
		Sheets, Header, First []string
		Rows, Docs, Rels      int
	}
	runPython(t, py, openpyxlScript, &got, path)
	docs := goldenDocs(t)
	spans, rels := 0, 0
	for _, d := range docs {
		spans += len(d.Spans)
		rels += len(d.Relations)
	}
	if strings.Join(got.Sheets, ",") != "spans,documents,relations" {
		t.Fatalf("sheets %v", got.Sheets)
	}
	if strings.Join(got.Header, ",") != strings.Join(spanColumns(CodePoints), ",") {
		t.Fatalf("header %v", got.Header)
	}
	if got.Rows != spans+1 || got.Docs != len(docs)+1 || got.Rels != rels+1 {
		t.Fatalf("rows %d/%d/%d, want %d/%d/%d", got.Rows, got.Docs, got.Rels, spans+1, len(docs)+1, rels+1)
	}
	if got.First[0] != "uni-emoji" || got.First[7] != "👩‍👩‍👧" || got.First[5] != "7" {
		t.Fatalf("first span row %q", got.First)
	}
}

const csvScript = `
import sys, csv, json
with open(sys.argv[1], newline='', encoding=sys.argv[2]) as f:
    rows = list(csv.reader(f))
print(json.dumps(rows, ensure_ascii=False))
`

func TestPythonReadsCSV(t *testing.T) {
	py := python(t, "csv")
	for _, bom := range []bool{false, true} {
		path := exportFile(t, "csv", "out.csv", Options{BOM: bom})
		enc := "utf-8"
		if bom {
			enc = "utf-8-sig"
		}
		var rows [][]string
		runPython(t, py, csvScript, &rows, path, enc)
		if rows[0][0] != "doc_id" {
			t.Fatalf("BOM %v: first header cell %q", bom, rows[0][0])
		}
		texts := map[string]bool{}
		for _, r := range rows[1:] {
			if len(r) != len(rows[0]) {
				t.Fatalf("BOM %v: row of %d cells, header has %d", bom, len(r), len(rows[0]))
			}
			texts[r[7]] = true
		}
		for _, want := range []string{"We will sue the city 🏛️ if the park closes.", "'=SUM(A1)", "נגיב בכוח"} {
			if !texts[want] {
				t.Fatalf("BOM %v: no span text %q read back", bom, want)
			}
		}
	}
}
