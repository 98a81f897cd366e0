package format

import (
	"github.com/sayso/sayso/annotate"
)

// spaCy training data: one JSON line per document with its text and its
// annotations in the shape spacy.training.Example.from_dict takes, so
//
//	d = json.loads(line); Example.from_dict(nlp.make_doc(d["text"]), {"spans": d["spans"]})
//
// needs no glue. spaCy counts offsets in Python str characters (code
// points), the default here.

var (
	spacyHolds     = Holds{Overlaps: true}
	spacyEntsHolds = Holds{}
)

func init() {
	Register(&Format{
		Name:        "spacy",
		Title:       "spaCy spans (JSONL, span group sc)",
		Ext:         ".jsonl",
		Description: `one line per document: {"text","spans":{"sc":[[start,end,label],...]}}, overlaps allowed; export only`,
		Holds:       spacyHolds,
		Export:      func(d []*annotate.Document, s Sink, o Options, l *Loss) error { return exportSpacy(d, s, o, l, false) },
	})
	Register(&Format{
		Name:        "spacy-ents",
		Title:       "spaCy entities (JSONL, no overlaps)",
		Ext:         ".jsonl",
		Description: `one line per document: {"text","entities":[[start,end,label],...]}, overlaps resolved; export only`,
		Holds:       spacyEntsHolds,
		Export:      func(d []*annotate.Document, s Sink, o Options, l *Loss) error { return exportSpacy(d, s, o, l, true) },
	})
}

type spacySpansLine struct {
	Text  string                `json:"text"`
	Spans map[string][]spacyEnt `json:"spans"`
}

type spacyEntsLine struct {
	Text     string     `json:"text"`
	Entities []spacyEnt `json:"entities"`
}

// spacyEnt is [start, end, label].
type spacyEnt [3]any

// offsetMeta is the side file of offset formats without a header.
type offsetMeta struct {
	Format    string   `json:"format"`
	Offsets   Offsets  `json:"offsets"`
	Unit      string   `json:"unit"`
	Documents []string `json:"documents"`
}

func newOffsetMeta(name string, unit Offsets, docs []*annotate.Document) offsetMeta {
	if unit == "" {
		unit = CodePoints
	}
	m := offsetMeta{Format: name, Offsets: unit, Unit: unit.Unit(), Documents: make([]string, len(docs))}
	for i, d := range docs {
		m.Documents[i] = d.ID
	}
	return m
}

func exportSpacy(docs []*annotate.Document, sink Sink, opt Options, loss *Loss, ents bool) error {
	name, h := "spacy", spacyHolds
	if ents {
		name, h = "spacy-ents", spacyEntsHolds
	}
	Account(docs, h, loss)
	if err := writeJSONLines(sink, docs, func(d *annotate.Document) any {
		accountTitles(d, loss)
		return spacyDoc(d, opt.Offsets, ents)
	}); err != nil {
		return err
	}
	return writeSideJSON(sink, ".meta.json", newOffsetMeta(name, opt.Offsets, docs))
}

func spacyDoc(d *annotate.Document, unit Offsets, ents bool) any {
	c := NewConverter(d.Text, unit)
	spans := sortedSpans(d)
	if ents {
		spans, _ = NonOverlapping(spans)
	}
	list := make([]spacyEnt, len(spans))
	for i, s := range spans {
		list[i] = spacyEnt{c.To(s.Start), c.To(s.End), string(s.Label)}
	}
	if ents {
		return spacyEntsLine{Text: d.Text, Entities: list}
	}
	return spacySpansLine{Text: d.Text, Spans: map[string][]spacyEnt{"sc": list}}
}
