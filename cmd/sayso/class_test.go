package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

const seedsGold = "../../annotate/testdata/seeds.jsonl"

// withoutSpans returns copies of docs keeping the spans keep says yes to,
// and the relations between kept spans.
func withoutSpans(docs []*annotate.Document, keep func(i int, s annotate.Span) bool) []*annotate.Document {
	var out []*annotate.Document
	for _, d := range docs {
		c := d.Clone()
		c.Spans = nil
		kept := map[string]bool{}
		for i, s := range d.Spans {
			if keep(i, s) {
				c.Spans = append(c.Spans, s)
				kept[s.ID] = true
			}
		}
		c.Relations = nil
		for _, r := range d.Relations {
			if kept[r.From] && kept[r.To] {
				c.Relations = append(c.Relations, r)
			}
		}
		out = append(out, c)
	}
	return out
}

func writeJSONL(t *testing.T, path string, docs []*annotate.Document) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, d := range docs {
		if err := annotate.WriteJSONL(f, d); err != nil {
			t.Fatal(err)
		}
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := sayso(t, args...)
	if code != exitOK {
		t.Fatalf("sayso %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// count returns, per scored kind, how many spans docs hold.
func count(docs []*annotate.Document) map[string]int {
	n := map[string]int{}
	for _, d := range docs {
		for _, s := range d.Spans {
			n[annotate.EvalKind(s)]++
		}
	}
	return n
}

// The classroom from the command line: the teacher imports the sample
// articles and the answer key, makes a class set, two students label
// their copies (one leaves out every third label, one every threat) and
// hand in; a broken file is handed in too. collect grades the two
// students, reports the broken file, and its CSV and HTML carry the
// figures computed here from the key.
func TestClassroomCLI(t *testing.T) {
	dir := t.TempDir()
	teacher := filepath.Join(dir, "teacher.sayso")
	must(t, "import", "--db", teacher, "--layer", "Ms Lee", "../../assets/samples")
	out := must(t, "import", "--db", teacher, "--layer", "Ms Lee", seedsGold)
	if !strings.Contains(out, "gained another annotator's labels") {
		t.Fatalf("the key did not join the sample articles: %s", out)
	}
	class := filepath.Join(dir, "week1.sayso")
	// No --key: the project's only annotator is the key.
	if out := must(t, "assign", "--db", teacher, "--title", "Week 1", "-o", class); !strings.Contains(out, `labels of "Ms Lee"`) {
		t.Errorf("assign chose another key: %s", out)
	}
	if code, _, _ := sayso(t, "assign", "--db", teacher, "--title", "again", "-o", class); code == exitOK {
		t.Error("assign overwrote an existing class set")
	}

	key := readDocs(t, seedsGold)
	students := map[string][]*annotate.Document{
		"Sam": withoutSpans(key, func(i int, _ annotate.Span) bool { return i%3 != 0 }),
		"Kim": withoutSpans(key, func(_ int, s annotate.Span) bool { return s.Label != annotate.Threat }),
	}
	handed := filepath.Join(dir, "handed")
	os.Mkdir(handed, 0o755)
	for name, docs := range students {
		copyPath := filepath.Join(dir, name+"-copy.sayso")
		copyFile(t, class, copyPath)
		labels := filepath.Join(dir, name+".jsonl")
		writeJSONL(t, labels, docs)
		must(t, "import", "--db", copyPath, "--layer", name, labels)
		must(t, "handin", "--db", copyPath, "--name", name, "-o", filepath.Join(handed, name+".sayso"))
	}
	os.WriteFile(filepath.Join(handed, "broken.sayso"), []byte("not a project"), 0o644)

	html, csvPath := filepath.Join(dir, "report.html"), filepath.Join(dir, "grades.csv")
	code, summary, errOut := sayso(t, "collect", "--db", teacher, "--html", html, "--csv", csvPath, handed)
	if code != exitOK || !strings.Contains(errOut, "broken.sayso") {
		t.Fatalf("collect exit %d\n%s\n%s", code, summary, errOut)
	}
	rows := readCSV(t, csvPath)
	keyN := count(key)
	for name, docs := range students {
		row := rows[name]
		if row == nil {
			t.Fatalf("no gradebook row for %s: %v", name, rows)
		}
		got := count(docs)
		for _, k := range annotate.EvalKinds {
			if f, m, x := row[k+" found"], row[k+" missed"], row[k+" extra"]; f != strconv.Itoa(got[k]) || m != strconv.Itoa(keyN[k]-got[k]) || x != "0" {
				t.Errorf("%s %s: found %s missed %s extra %s; want %d %d 0", name, k, f, m, x, got[k], keyN[k]-got[k])
			}
		}
	}
	if rows["Kim"]["THREAT found"] != "0" || rows["Kim"]["THREAT missed"] != strconv.Itoa(keyN["THREAT"]) {
		t.Errorf("Kim's threats: %v", rows["Kim"])
	}
	b, err := os.ReadFile(html)
	if err != nil || !strings.Contains(string(b), "Sam") || !strings.Contains(string(b), "broken.sayso") || strings.Contains(string(b), "http://") {
		t.Errorf("HTML report: %v, %d bytes", err, len(b))
	}

	// The teacher merges the students' files and measures agreement.
	for name := range students {
		must(t, "merge", "--db", teacher, filepath.Join(handed, name+".sayso"))
	}
	code, _, errOut = sayso(t, "assign", "--db", teacher, "--title", "Week 2", "-o", filepath.Join(dir, "week2.sayso"))
	if code == exitOK || !strings.Contains(errOut, "--key") {
		t.Errorf("assign with several annotators and no --key: exit %d, %s", code, errOut)
	}
	if code, _, errOut := sayso(t, "handin", "--db", class, "--name", "Al", "-o", filepath.Join(dir, "no", "such", "x.sayso")); code == exitOK || !strings.Contains(errOut, "does not exist") {
		t.Errorf("handin into a missing folder: exit %d, %s", code, errOut)
	}
	layers := must(t, "layers", "--db", teacher)
	for _, n := range []string{"Ms Lee", "Sam", "Kim"} {
		if !strings.Contains(layers, n) {
			t.Errorf("layers lack %s:\n%s", n, layers)
		}
	}
	var rep struct {
		Annotators []string
		Labels     []struct {
			Kind    string
			Overlap struct{ F1 *float64 }
		}
	}
	if err := json.Unmarshal([]byte(must(t, "agree", "--db", teacher, "--annotators", "Ms Lee,Kim", "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	for _, l := range rep.Labels {
		want := 1.0
		if l.Kind == "THREAT" {
			want = 0
		}
		if l.Kind != "ALL" && (l.Overlap.F1 == nil || *l.Overlap.F1 != want) {
			t.Errorf("agreement Ms Lee/Kim on %s: F1 %v, want %v", l.Kind, l.Overlap.F1, want)
		}
	}
}

// readCSV reads the gradebook into rows by student name.
func readCSV(t *testing.T, path string) map[string]map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for _, r := range recs[1:] {
		row := map[string]string{}
		for i, h := range recs[0] {
			row[h] = r[i]
		}
		out[r[0]] = row
	}
	return out
}

func TestTermWriterEscapesControls(t *testing.T) {
	var b strings.Builder
	w := termWriter{&b}
	w.Write([]byte("Eve\x1b[2J\tok\n"))
	if got := b.String(); got != "Eve\\u001b[2J\tok\n" {
		t.Errorf("got %q", got)
	}
}
