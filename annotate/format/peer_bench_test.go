package format

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sayso/sayso/annotate"
)

// peerDiscard counts what an export writes and keeps nothing.
type peerDiscard struct{ n *int64 }

type peerCounter struct{ n *int64 }

func (w peerCounter) Write(p []byte) (int, error) { *w.n += int64(len(p)); return len(p), nil }
func (peerCounter) Close() error                  { return nil }

func (s peerDiscard) Create(string) (io.WriteCloser, error) { return peerCounter(s), nil }

var (
	peerBenchOnce sync.Once
	peerBenchSet  []*annotate.Document
)

// peerBenchDocs generates 10,000 documents of about 3 KB of text with 40
// spans and 25 relations each, with some non-ASCII text so that offset
// conversion has work to do.
func peerBenchDocs() []*annotate.Document {
	peerBenchOnce.Do(func() {
		peerBenchSet = make([]*annotate.Document, 10000)
		for i := range peerBenchSet {
			peerBenchSet[i] = peerBenchDoc(i)
		}
	})
	return peerBenchSet
}

func peerBenchDoc(n int) *annotate.Document {
	d := &annotate.Document{ID: fmt.Sprintf("doc-%05d", n), Meta: map[string]any{"source_file": "x.txt"}}
	var b strings.Builder
	pos := 0
	add := func(s string) (int, int) {
		start := pos
		b.WriteString(s)
		pos += len([]rune(s))
		return start, pos
	}
	for k := 0; k < 15; k++ {
		add(fmt.Sprintf("Paragraph %d of the report, with some context about the city council and its budget. ", k))
		sStart, sEnd := add(fmt.Sprintf("Speaker Nº%d", k))
		add(" said: “")
		qStart, qEnd := add("We will keep the promise we made 🙂 to everyone here")
		add(".” ")
		sid, qid := fmt.Sprintf("s%d", k), fmt.Sprintf("q%d", k)
		d.Spans = append(d.Spans,
			annotate.Span{ID: sid, Label: annotate.Speaker, Start: sStart, End: sEnd, Attrs: map[string]any{"entity": "Speaker " + sid}},
			annotate.Span{ID: qid, Label: annotate.Quote, Start: qStart, End: qEnd, Attrs: map[string]any{"kind": "direct"}})
		d.Relations = append(d.Relations, annotate.Relation{Label: annotate.AttributedTo, From: qid, To: sid})
		if k < 10 {
			tStart, tEnd := add("They threatened to close the road if the council refused")
			add(". ")
			tid := fmt.Sprintf("t%d", k)
			d.Spans = append(d.Spans, annotate.Span{ID: tid, Label: annotate.Threat, Start: tStart, End: tEnd,
				Attrs: map[string]any{"issuer": "Speaker " + sid, "target": "council", "conditional": true}})
			d.Relations = append(d.Relations, annotate.Relation{Label: annotate.IssuedBy, From: tid, To: sid})
		}
		add("\n\n")
	}
	d.Text = b.String()
	r := annotate.NewRunes(d.Text)
	for i := range d.Spans {
		d.Spans[i].Text = r.Slice(d.Spans[i].Start, d.Spans[i].End)
	}
	d.Title = annotate.TitleOf(d.Text)
	return d
}

func TestBenchDocs(t *testing.T) {
	d := peerBenchDoc(7)
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(d.Spans) != 40 || len(d.Relations) != 25 || len(d.Text) < 2500 || len(d.Text) > 3500 {
		t.Errorf("generated document has %d spans, %d relations, %d bytes", len(d.Spans), len(d.Relations), len(d.Text))
	}
}

func BenchmarkPeerExport(b *testing.B) {
	docs := peerBenchDocs()
	run := func(b *testing.B, export func(n *int64) error) {
		var n int64
		start := time.Now()
		iters := 0
		for b.Loop() {
			if err := export(&n); err != nil {
				b.Fatal(err)
			}
			iters++
		}
		b.ReportMetric(float64(iters*len(docs))/time.Since(start).Seconds(), "docs/s")
		b.SetBytes(n / int64(max(iters, 1)))
	}
	b.Run("native-jsonl", func(b *testing.B) {
		run(b, func(n *int64) error {
			w := bufio.NewWriterSize(peerCounter{n}, 1<<16)
			for _, d := range docs {
				if err := annotate.WriteJSONL(w, d); err != nil {
					return err
				}
			}
			return w.Flush()
		})
	})
	for _, name := range []string{"brat", "doccano", "doccano-label", "labelstudio"} {
		f, err := Lookup(name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			run(b, func(n *int64) error { return f.Export(docs, peerDiscard{n}, Options{}, &Loss{}) })
		})
	}
}
