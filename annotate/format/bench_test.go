package format

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sayso/sayso/annotate"
)

// benchDocs generates n documents of about 3 KB with 40 spans and 25
// relations each, over mixed ASCII and non-ASCII text.
func benchDocs(n int) []*annotate.Document {
	rng := rand.New(rand.NewPCG(7, 11))
	words := []string{"the", "minister", "said", "“we", "will", "respond”", "Zürich", "officials", "warned", "that",
		"sanctions", "would", "follow", "if", "talks", "failed.", "Nuñez", "😀", "city", "council"}
	docs := make([]*annotate.Document, n)
	for i := range docs {
		var b strings.Builder
		for b.Len() < 3000 {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteByte(' ')
		}
		text := b.String()
		r := annotate.NewRunes(text)
		d := &annotate.Document{ID: fmt.Sprintf("gen-%05d", i), Title: "generated", Text: text, Status: annotate.StatusDone}
		labels := []annotate.Label{annotate.Quote, annotate.Speaker, annotate.Threat}
		for j := range 40 {
			s := rng.IntN(r.Len() - 80)
			e := s + 5 + rng.IntN(70)
			l := labels[j%3]
			d.Spans = append(d.Spans, annotate.Span{ID: fmt.Sprintf("s%d", j), Label: l, Start: s, End: e, Text: r.Slice(s, e),
				Attrs: annotate.DefaultAttrs(l, annotate.KindDirect, r.Slice(s, e)), Source: annotate.SourceManual, Annotator: "ann"})
		}
		for j := range 25 {
			d.Relations = append(d.Relations, annotate.Relation{Label: annotate.AttributedTo, From: fmt.Sprintf("s%d", 3*(j%13)), To: fmt.Sprintf("s%d", 3*(j%13)+1)})
		}
		docs[i] = d
	}
	return docs
}

type discardSink struct{}

func (discardSink) Create(string) (io.WriteCloser, error) { return nopCloser{io.Discard}, nil }

// benchExport reports documents per wall-clock second and per CPU
// second; the second is steadier on a busy machine.
func benchExport(b *testing.B, f *Format, docs []*annotate.Document) {
	cpu0 := cpuTime()
	for b.Loop() {
		if err := f.Export(docs, discardSink{}, Options{}, &Loss{}); err != nil {
			b.Fatal(err)
		}
	}
	n := float64(len(docs) * b.N)
	b.ReportMetric(n/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(n/(cpuTime()-cpu0).Seconds(), "docs/cpu-s")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkExport exports 10,000 generated documents in every format and
// reports documents per second; compare each with jsonl.
func BenchmarkExport(b *testing.B) {
	docs := benchDocs(10000)
	for _, f := range Formats() {
		if f.Export == nil {
			continue
		}
		b.Run(f.Name, func(b *testing.B) { benchExport(b, f, docs) })
	}
}
