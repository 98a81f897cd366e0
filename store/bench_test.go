package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sayso/sayso/annotate"
)

// The 10k benchmarks share one project of 10,000 synthetic articles
// (about 3 KB, 45 spans and 25 relations each), built on first use.
var (
	fixtureOnce sync.Once
	fixtureDir  string
	fixturePath string
	fixtureErr  error
	benchDocs   []*annotate.Document
)

const benchN = 10_000

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtureDir != "" {
		os.RemoveAll(fixtureDir)
	}
	os.Exit(code)
}

func docs10k() []*annotate.Document {
	if benchDocs == nil {
		benchDocs = synthDocs(benchN)
	}
	return benchDocs
}

// fixture returns the path of the shared 10k-document project.
func fixture(b *testing.B) string {
	b.Helper()
	fixtureOnce.Do(func() {
		if fixtureDir, fixtureErr = os.MkdirTemp("", "sayso-bench-"); fixtureErr != nil {
			return
		}
		fixturePath = filepath.Join(fixtureDir, "10k.sayso")
		s, err := Open(fixturePath)
		if err != nil {
			fixtureErr = err
			return
		}
		defer s.Close()
		_, fixtureErr = s.AddDocuments(docs10k())
	})
	if fixtureErr != nil {
		b.Fatal(fixtureErr)
	}
	return fixturePath
}

func openFixture(b *testing.B) *Store {
	b.Helper()
	s, err := Open(fixture(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// reportLatency adds median, 99th percentile and worst latency in ms.
func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
	b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
}

// BenchmarkApply measures one label edit from keystroke to committed
// (synchronous=FULL: the WAL is synced before Apply returns), in the 10k
// project. The budget is 16 ms.
func BenchmarkApply(b *testing.B) {
	s := openFixture(b)
	const id = 1
	d := mustDoc(b, s, id)
	labels := []annotate.Label{annotate.Quote, annotate.Threat}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		sp := d.Spans[0].Clone()
		sp.Label = labels[i%2]
		e, err := annotate.UpdateSpan(d, sp)
		if err != nil {
			b.Fatal(err)
		}
		if d, err = s.Apply(id, e); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	reportLatency(b, lat)
}

// BenchmarkUndo measures undo, then redo, of one edit.
func BenchmarkUndoRedo(b *testing.B) {
	s := openFixture(b)
	const id = 2
	d := mustDoc(b, s, id)
	sp := d.Spans[0].Clone()
	sp.Attrs = map[string]any{"entity": "Someone Else"}
	e, _ := annotate.UpdateSpan(d, sp)
	if _, err := s.Apply(id, e); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := s.Undo(id); err != nil {
			b.Fatal(err)
		}
		if _, _, err := s.Redo(id); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAddDocuments imports 10,000 articles into a new project, in one
// transaction: "docs" from documents in memory; "jsonl" from a native
// JSONL file (133 MB at the gold files' annotation density), read with
// annotate.ReadJSONL and then added; "jsonl-seq" the same file streamed
// through AddDocumentsSeq, so reading and inserting overlap; "plain" 10,000
// unannotated articles, as an import of .txt files gives.
func BenchmarkAddDocuments(b *testing.B) {
	docs := docs10k()
	var jsonl bytes.Buffer
	for _, d := range docs {
		if err := annotate.WriteJSONL(&jsonl, d); err != nil {
			b.Fatal(err)
		}
	}
	plain := make([]*annotate.Document, len(docs))
	for i, d := range docs {
		plain[i] = &annotate.Document{ID: d.ID, Text: d.Text}
	}
	readAll := func(b *testing.B) []*annotate.Document {
		var in []*annotate.Document
		err := annotate.ReadJSONL("bench.jsonl", bytes.NewReader(jsonl.Bytes()), func(r annotate.JSONLResult) error {
			if r.Err != nil {
				return r.Err
			}
			in = append(in, r.Doc)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		return in
	}
	stream := func(yield func(*annotate.Document) bool) {
		stop := errors.New("stop")
		annotate.ReadJSONL("bench.jsonl", bytes.NewReader(jsonl.Bytes()), func(r annotate.JSONLResult) error {
			if r.Err != nil || !yield(r.Doc) {
				return stop
			}
			return nil
		})
	}
	for _, c := range []struct {
		name string
		add  func(b *testing.B, s *Store) ([]AddResult, error)
	}{
		{"docs", func(b *testing.B, s *Store) ([]AddResult, error) { return s.AddDocuments(docs) }},
		{"plain", func(b *testing.B, s *Store) ([]AddResult, error) { return s.AddDocuments(plain) }},
		{"jsonl", func(b *testing.B, s *Store) ([]AddResult, error) { return s.AddDocuments(readAll(b)) }},
		{"jsonl-seq", func(b *testing.B, s *Store) ([]AddResult, error) { return s.AddDocumentsSeq(stream) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				path := filepath.Join(b.TempDir(), "p.sayso")
				s, err := Open(path)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				t0 := time.Now()
				res, err := c.add(b, s)
				if err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(t0)
				b.StopTimer()
				if len(res) != benchN || res[benchN-1].Duplicate {
					b.Fatalf("imported %d", len(res))
				}
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(benchN*b.N)/elapsed.Seconds(), "docs/s")
		})
	}
}

// BenchmarkEachDocument10k streams the 10k project, as an export does.
func BenchmarkEachDocument10k(b *testing.B) {
	s := openFixture(b)
	b.ResetTimer()
	t0 := time.Now()
	for i := 0; i < b.N; i++ {
		n := 0
		err := s.EachDocument("", func(d *annotate.Document) error {
			n += len(d.Spans)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		if n == 0 {
			b.Fatal("no spans")
		}
	}
	b.ReportMetric(float64(benchN*b.N)/time.Since(t0).Seconds(), "docs/s")
}

// BenchmarkDocumentEach10k is the alternative EachDocument does not use:
// Document(id) for every document (three queries each), for comparison.
func BenchmarkDocumentEach10k(b *testing.B) {
	s := openFixture(b)
	list, err := s.ListDocuments("")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	t0 := time.Now()
	for i := 0; i < b.N; i++ {
		for _, d := range list {
			if _, err := s.Document(d.ID); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(benchN*b.N)/time.Since(t0).Seconds(), "docs/s")
}

// BenchmarkDocument loads one 45-span document, as opening it in the
// editor does.
func BenchmarkDocument(b *testing.B) {
	s := openFixture(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Document(int64(1 + i%benchN)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListDocuments10k lists the 10k project, unfiltered and
// filtered. "count-subquery" is the alternative to the n_spans column
// (schema v2): counting each document's spans at list time.
func BenchmarkListDocuments10k(b *testing.B) {
	s := openFixture(b)
	b.ResetTimer()
	for _, filter := range []string{"", "article 99"} {
		b.Run(fmt.Sprintf("filter=%q", filter), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				list, err := s.ListDocuments(filter)
				if err != nil {
					b.Fatal(err)
				}
				if len(list) == 0 {
					b.Fatal("empty list")
				}
			}
		})
	}
	b.Run("count-subquery", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			rows, err := s.r.Query(`SELECT id, uid, title, status, (SELECT count(*) FROM spans WHERE doc_id = documents.id), updated FROM documents ORDER BY id`)
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for rows.Next() {
				var d DocSummary
				var updated int64
				if err := rows.Scan(&d.ID, &d.UID, &d.Title, &d.Status, &d.Spans, &updated); err != nil {
					b.Fatal(err)
				}
				n++
			}
			rows.Close()
			if n != benchN {
				b.Fatalf("%d rows", n)
			}
		}
	})
}

// BenchmarkEntities10k builds the speaker autocomplete list of the 10k
// project (about 180,000 SPEAKER spans). "json_extract" is the
// alternative to the entity column (schema v3).
func BenchmarkEntities10k(b *testing.B) {
	s := openFixture(b)
	b.ResetTimer()
	b.Run("column", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if e, err := s.Entities(); err != nil || len(e) == 0 {
				b.Fatal(err)
			}
		}
	})
	b.Run("json_extract", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			rows, err := s.r.Query(`SELECT json_extract(attrs, '$.entity') AS e FROM spans WHERE label = 'SPEAKER'
				GROUP BY e HAVING typeof(e) = 'text' AND trim(e) <> '' ORDER BY count(*) DESC, e`)
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for rows.Next() {
				n++
			}
			rows.Close()
			if n == 0 {
				b.Fatal("no entities")
			}
		}
	})
}

// BenchmarkStats10k counts the 10k project.
func BenchmarkStats10k(b *testing.B) {
	s := openFixture(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Stats(); err != nil {
			b.Fatal(err)
		}
	}
}
