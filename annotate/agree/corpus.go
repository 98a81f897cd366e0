package agree

import (
	"fmt"
	"slices"

	"github.com/sayso/sayso/annotate"
)

// Doc is one text and what each annotator marked on it. Layers maps an
// annotator's name to that annotator's document: the same Text, with only
// that annotator's spans and relations. An annotator absent from Layers
// did not annotate the text; their values are missing, not "no span".
// An annotator present with no spans saw the text and marked nothing.
type Doc struct {
	ID     string // the first id the text was seen under
	Text   string
	Layers map[string]*annotate.Document
}

// Annotators returns the names in Layers, sorted.
func (d *Doc) Annotators() []string {
	names := make([]string, 0, len(d.Layers))
	for n := range d.Layers {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// MetaAnnotator is the document meta key naming the annotator of a
// document in a flat list (see FromDocuments) when it has no span to
// carry the name: the layer key of sayso's exports (meta.layer).
const MetaAnnotator = annotate.MetaLayer

// grouper collects documents by text, in first-seen order.
type grouper struct {
	docs   []*Doc
	byText map[string]*Doc
}

func (g *grouper) doc(d *annotate.Document) *Doc {
	if g.byText == nil {
		g.byText = map[string]*Doc{}
	}
	if x, ok := g.byText[d.Text]; ok {
		return x
	}
	x := &Doc{ID: d.ID, Text: d.Text, Layers: map[string]*annotate.Document{}}
	g.byText[d.Text] = x
	g.docs = append(g.docs, x)
	return x
}

// layer returns annotator a's document for x, made from src; a second
// source document of a for the same text is an error.
func (g *grouper) layer(x *Doc, a string, src *annotate.Document, seen map[*Doc]map[string]*annotate.Document) (*annotate.Document, error) {
	if prev, ok := seen[x][a]; ok && prev != src {
		return nil, fmt.Errorf("annotator %q has two documents with the same text (%q and %q)", a, prev.ID, src.ID)
	}
	if seen[x] == nil {
		seen[x] = map[string]*annotate.Document{}
	}
	seen[x][a] = src
	if l, ok := x.Layers[a]; ok {
		return l, nil
	}
	l := &annotate.Document{ID: src.ID, Title: src.Title, Text: src.Text, Meta: src.Meta, Status: src.Status,
		Spans: []annotate.Span{}, Relations: []annotate.Relation{}}
	x.Layers[a] = l
	return l, nil
}

// FromDocuments groups a flat list of documents (several annotators'
// exports read together, or one export holding everyone's spans) by text.
// Each span belongs to its Annotator; a relation to the annotator of its
// From span. A document whose spans name no annotator is an error, except
// that a document without spans may name its annotator in
// meta.layer (it then counts as seen and left empty). Documents are
// returned in the order their text first appears.
func FromDocuments(docs []*annotate.Document) ([]*Doc, error) {
	var g grouper
	seen := map[*Doc]map[string]*annotate.Document{}
	for _, d := range docs {
		x := g.doc(d)
		if len(d.Spans) == 0 {
			if a, _ := d.Meta[MetaAnnotator].(string); a != "" {
				if _, err := g.layer(x, a, d, seen); err != nil {
					return nil, err
				}
			}
			continue
		}
		owner := map[string]string{}
		for _, s := range d.Spans {
			if s.Annotator == "" {
				return nil, fmt.Errorf("document %q: span %q names no annotator", d.ID, s.ID)
			}
			l, err := g.layer(x, s.Annotator, d, seen)
			if err != nil {
				return nil, err
			}
			l.Spans = append(l.Spans, s)
			owner[s.ID] = s.Annotator
		}
		for _, r := range d.Relations {
			if a, ok := owner[r.From]; ok {
				x.Layers[a].Relations = append(x.Layers[a].Relations, r)
			}
		}
	}
	return dropEmpty(g.docs), nil
}

// FromExports groups per-annotator exports by text: every document of
// exports[name] is that annotator's, spans and relations alike, whatever
// the spans' Annotator fields say. Documents are returned in the order
// their text first appears, annotators taken in name order.
func FromExports(exports map[string][]*annotate.Document) ([]*Doc, error) {
	names := make([]string, 0, len(exports))
	for n := range exports {
		if n == "" {
			return nil, fmt.Errorf("an export has no annotator name")
		}
		names = append(names, n)
	}
	slices.Sort(names)
	var g grouper
	seen := map[*Doc]map[string]*annotate.Document{}
	for _, a := range names {
		for _, d := range exports[a] {
			x := g.doc(d)
			l, err := g.layer(x, a, d, seen)
			if err != nil {
				return nil, err
			}
			l.Spans = append(l.Spans, d.Spans...)
			l.Relations = append(l.Relations, d.Relations...)
		}
	}
	return g.docs, nil
}

func dropEmpty(docs []*Doc) []*Doc {
	out := docs[:0]
	for _, d := range docs {
		if len(d.Layers) > 0 {
			out = append(out, d)
		}
	}
	return out
}
