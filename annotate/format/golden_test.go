package format

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// goldenDocs are the documents of the golden exports: the Unicode test
// file and the first seed article.
func goldenDocs(t testing.TB) []*annotate.Document {
	docs := readDocs(t, unicodeFile, Options{})
	seeds := readDocs(t, "../testdata/seeds.jsonl", Options{})
	return append(docs, seeds[0])
}

var goldenCases = []struct {
	name, format string
	opt          Options
}{
	{"jsonl", "jsonl", Options{}},
	{"jsonl-utf16", "jsonl", Options{Offsets: UTF16}},
	{"csv", "csv", Options{}},
	{"csv-bom-utf8", "csv", Options{BOM: true, Offsets: UTF8}},
	{"conll", "conll", Options{}},
	{"conll-threat-iob1", "conll", Options{Layer: "THREAT", Scheme: "IOB1"}},
	{"conll-all-bilou", "conll", Options{Layer: "ALL", Scheme: "BILOU"}},
	{"spacy", "spacy", Options{}},
	{"spacy-utf16", "spacy", Options{Offsets: UTF16}},
	{"spacy-ents", "spacy-ents", Options{}},
	{"hf", "hf", Options{Layer: "ALL"}},
}

// TestGolden compares every text export, side files and loss report
// included, with testdata/golden. Run with -update to rewrite them after
// checking the change by eye.
func TestGolden(t *testing.T) {
	docs := goldenDocs(t)
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			sink, _ := exportMem(t, c.format, docs, c.opt)
			names := make([]string, 0, len(sink.Files))
			for n := range sink.Files {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				compareGolden(t, filepath.Join("testdata", "golden", c.name+n), sink.Files[n].Bytes())
			}
		})
	}
}

func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s differs from the export:\n%s", path, firstDiff(string(want), string(got)))
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) && i < len(gl); i++ {
		if wl[i] != gl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n want " + wl[i] + "\n got  " + gl[i]
		}
	}
	return "lengths differ: " + strconv.Itoa(len(wl)) + " vs " + strconv.Itoa(len(gl)) + " lines"
}
