package classroom

import (
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// benchClass makes a key of n articles (the seed articles, each text
// made distinct by a suffix) and students whose work drops, cuts and adds
// spans at random (fixed seed).
func benchClass(b *testing.B, articles, students int) ([]*annotate.Document, []Submission) {
	seeds := loadSeeds(b)
	var key []*annotate.Document
	for i := range articles {
		d := seeds[i%len(seeds)].Clone()
		d.ID = fmt.Sprintf("art-%02d", i)
		d.Text += fmt.Sprintf("\n\n(article %d)", i)
		key = append(key, d)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var subs []Submission
	for s := range students {
		var docs []*annotate.Document
		for _, k := range key {
			d := k.Clone()
			var spans []annotate.Span
			for _, sp := range d.Spans {
				switch rng.IntN(10) {
				case 0: // dropped
				case 1:
					sp.End = sp.Start + (sp.End-sp.Start)/3 + 1
					spans = append(spans, sp)
				case 2:
					sp.Source = annotate.SourceAccepted
					spans = append(spans, sp)
				default:
					spans = append(spans, sp)
				}
			}
			d.Spans = spans
			docs = append(docs, d)
		}
		subs = append(subs, Submission{Student: fmt.Sprintf("Student %02d", s), File: fmt.Sprintf("s%02d.jsonl", s), Docs: docs})
	}
	return key, subs
}

func BenchmarkCompare30x10(b *testing.B) {
	key, subs := benchClass(b, 10, 30)
	b.ReportAllocs()
	for b.Loop() {
		if r := Compare(key, subs); len(r.Students) != 30 {
			b.Fatal(len(r.Students))
		}
	}
}

func BenchmarkWriteHTML30x10(b *testing.B) {
	key, subs := benchClass(b, 10, 30)
	r := Compare(key, subs)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteHTML(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteCSV30x10(b *testing.B) {
	key, subs := benchClass(b, 10, 30)
	r := Compare(key, subs)
	for b.Loop() {
		if err := WriteCSV(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}
