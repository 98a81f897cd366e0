package format

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// The fuzz targets feed arbitrary files to the importers. None may panic;
// whatever an importer accepts must be valid, and must come back the same
// through the format's own export and import.

func FuzzBrat(f *testing.F) {
	anns, _ := filepath.Glob("testdata/brat/*/*.ann")
	more, _ := filepath.Glob("testdata/brat/*/*/*.ann")
	for _, a := range append(anns, more...) {
		txt, err1 := os.ReadFile(strings.TrimSuffix(a, ".ann") + ".txt")
		ann, err2 := os.ReadFile(a)
		if err1 == nil && err2 == nil {
			f.Add(string(txt), string(ann))
		}
	}
	f.Add("Abc def\nghi", "T1\tQUOTE 0 3;4 7\tAbc def\n#1\tAnnotatorNotes T1\tk:=[1]; @score:=2")
	f.Fuzz(func(t *testing.T, txt, ann string) {
		docs, err := importBytes("brat", "c", map[string]string{"c/d.txt": txt, "c/d.ann": ann}, Options{})
		if err != nil {
			return
		}
		fuzzBack(t, "brat", docs, func(l *Loss) bool { return l.Empty() })
	})
}

func FuzzDoccano(f *testing.F) {
	for _, p := range []string{"testdata/doccano/doccano1x.jsonl", "testdata/doccano/golden/doccano.cp.jsonl", "testdata/doccano/golden/doccano-label.utf16.jsonl"} {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			f.Add(sc.Text())
		}
	}
	f.Fuzz(func(t *testing.T, line string) {
		docs, err := importBytes("doccano", "d.jsonl", map[string]string{"d.jsonl": line}, Options{})
		if err != nil {
			return
		}
		fuzzBack(t, "doccano", docs, func(*Loss) bool { return true })
	})
}

func FuzzLabelStudio(f *testing.F) {
	for _, p := range []string{"testdata/labelstudio/export.json", "testdata/labelstudio/golden/tasks.default.json"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add(`[{"data": {"text": "a😀b"}, "annotations": [{"result": [{"id": "r", "type": "labels", "value": {"start": 1, "end": 3, "text": "😀", "labels": ["Q", "R"]}}, {"id": "r", "from_name": "x", "type": "choices", "value": {"choices": ["yes", "no"]}}]}]}]`)
	f.Fuzz(func(t *testing.T, file string) {
		docs, err := importBytes("labelstudio", "ls.json", map[string]string{"ls.json": file}, Options{})
		if err != nil {
			return
		}
		fuzzBack(t, "labelstudio", docs, func(l *Loss) bool { return l.Empty() })
	})
}

// fuzzBack exports docs in format name, imports them again and, when
// lossless says the export lost nothing that matters, compares.
func fuzzBack(t *testing.T, name string, docs []*annotate.Document, lossless func(*Loss) bool) {
	back, loss, _ := roundTrip(t, name, docs, Options{})
	if lossless(loss) {
		checkRoundTrip(t, name+" fuzz", docs, back, canonOpt{provenance: true, relations: true})
	}
}
