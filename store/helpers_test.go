package store

import (
	"database/sql"
	"fmt"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// newStore opens a fresh project in a directory that does not exist yet.
func newStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "sub", "dir", "project.sayso"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// reopen closes s and opens its file again.
func reopen(t testing.TB, s *Store) *Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s2.Close() })
	return s2
}

// readJSONL reads a native JSONL file, failing on any bad line.
func readJSONL(t testing.TB, path string) []*annotate.Document {
	t.Helper()
	docs, errs := annotate.ReadJSONLFile(path)
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	return docs
}

func marshal(t testing.TB, d *annotate.Document) string {
	t.Helper()
	b, err := annotate.MarshalDocument(d)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mustAdd(t testing.TB, s *Store, docs ...*annotate.Document) []AddResult {
	t.Helper()
	res, err := s.AddDocuments(docs)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func mustDoc(t testing.TB, s *Store, id int64) *annotate.Document {
	t.Helper()
	d, err := s.Document(id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// pragma reads a one-value PRAGMA or query on db.
func pragma(t testing.TB, db *sql.DB, q string) string {
	t.Helper()
	var v string
	if err := db.QueryRow(q).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

var (
	names   = []string{"Joe Biden", "Vladimir Putin", "Ursula von der Leyen", "Recep Tayyip Erdoğan", "Olaf Scholz", "Emmanuel Macron", "the Kremlin", "a senior official"}
	words   = strings.Fields("the minister warned that sanctions would follow if talks failed and that the government was ready to act against those responsible for the attacks on infrastructure we will respond réponse naïve café")
	targets = []string{"Russia", "Iran", "the rebels", ""}
)

// synthDoc returns a realistic article of about 3 KB: paragraphs of
// attributed direct quotes (with curly quotes and accented letters, so
// code-point and byte offsets differ), a SPEAKER for each, THREATs over
// some quotes, and attributed_to / issued_by relations, about 40 spans
// and 25 relations in all (the gold articles have 25-64 spans).
func synthDoc(n int, rng *rand.Rand) *annotate.Document {
	var b strings.Builder
	cp := 0
	write := func(s string) (int, int) {
		start := cp
		b.WriteString(s)
		cp += len([]rune(s))
		return start, cp
	}
	d := &annotate.Document{ID: fmt.Sprintf("synth-%05d", n)}
	write(fmt.Sprintf("Article %d: leaders trade warnings over sanctions\n\n", n))
	for k := 1; b.Len() < 2900; k++ {
		write("“")
		var q []string
		for range 14 + rng.Intn(16) {
			q = append(q, words[rng.Intn(len(words))])
		}
		qs, qe := write(strings.Join(q, " "))
		write(",” ")
		name := names[rng.Intn(len(names))]
		ss, se := write(name)
		write(" said.")
		if k%3 == 0 {
			write("\n\n")
		} else {
			write(" ")
		}
		qid, sid := fmt.Sprintf("q%d", k), fmt.Sprintf("s%d", k)
		d.Spans = append(d.Spans,
			annotate.Span{ID: qid, Label: annotate.Quote, Start: qs, End: qe, Attrs: map[string]any{"kind": "direct"}},
			annotate.Span{ID: sid, Label: annotate.Speaker, Start: ss, End: se, Attrs: map[string]any{"entity": name}})
		d.Relations = append(d.Relations, annotate.Relation{Label: annotate.AttributedTo, From: qid, To: sid})
		if k%2 == 0 {
			tid := fmt.Sprintf("t%d", k)
			d.Spans = append(d.Spans, annotate.Span{ID: tid, Label: annotate.Threat, Start: qs, End: qe,
				Attrs: map[string]any{"issuer": name, "target": targets[rng.Intn(len(targets))], "conditional": rng.Intn(2) == 0}})
			d.Relations = append(d.Relations, annotate.Relation{Label: annotate.IssuedBy, From: tid, To: sid})
		}
	}
	d.Text = b.String()
	r := annotate.NewRunes(d.Text)
	for i := range d.Spans {
		d.Spans[i].Text = r.Slice(d.Spans[i].Start, d.Spans[i].End)
	}
	return d
}

// synthDocs returns n distinct synthetic articles.
func synthDocs(n int) []*annotate.Document {
	rng := rand.New(rand.NewSource(1))
	docs := make([]*annotate.Document, n)
	for i := range docs {
		docs[i] = synthDoc(i, rng)
	}
	return docs
}

// plainDoc returns an unannotated document.
func plainDoc(id, text string) *annotate.Document {
	return &annotate.Document{ID: id, Text: text}
}

func newRand() *rand.Rand { return rand.New(rand.NewSource(1)) }
