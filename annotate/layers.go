package annotate

import (
	"slices"
	"strings"
)

// Layers: a project keeps each annotator's labels on a document apart, as
// a layer named by the annotator. These meta keys carry layers through
// the native JSONL format: an export of one layer names it in meta.layer;
// an export of several writes one line per document with every layer's
// spans, each span's annotator naming its layer, span ids prefixed with
// the layer ("alice/q1") so they stay unique, and the layer names listed
// in meta.layers. Importers split such a line back into its layers.
const (
	MetaLayer  = "layer"
	MetaLayers = "layers"
)

// LayerSep joins a layer's name and a span id in a multi-layer document.
const LayerSep = "/"

// WithLayer returns a copy of d that names its layer in meta.layer and
// gives spans that name no annotator the layer's name. The unnamed layer
// "" is left unnamed.
func WithLayer(d *Document, layer string) *Document {
	c := d.Clone()
	if layer == "" {
		return c
	}
	c.Meta = cloneMeta(d.Meta)
	c.Meta[MetaLayer] = layer
	for i := range c.Spans {
		if c.Spans[i].Annotator == "" {
			c.Spans[i].Annotator = layer
		}
	}
	return c
}

// MergeLayers returns base with the spans and relations of every layer,
// in layer-name order: span ids prefixed with the layer's name and
// LayerSep, each span's annotator set to its layer, and meta.layers
// listing the names. One layer gives WithLayer of it.
func MergeLayers(base *Document, layers map[string]*Document) *Document {
	names := make([]string, 0, len(layers))
	for n := range layers {
		names = append(names, n)
	}
	slices.Sort(names)
	if len(names) == 1 {
		return WithLayer(layers[names[0]], names[0])
	}
	out := base.Clone()
	out.Spans, out.Relations = nil, nil
	out.Meta = cloneMeta(base.Meta)
	list := make([]any, len(names))
	for i, n := range names {
		list[i] = n
		l := layers[n]
		for _, s := range l.Spans {
			c := s.Clone()
			c.ID = n + LayerSep + s.ID
			c.Annotator = n
			out.Spans = append(out.Spans, c)
		}
		for _, r := range l.Relations {
			r.From, r.To = n+LayerSep+r.From, n+LayerSep+r.To
			out.Relations = append(out.Relations, r)
		}
	}
	if len(names) > 1 {
		out.Meta[MetaLayers] = list
	}
	out.SortSpans()
	return out
}

// SplitLayers is the inverse of MergeLayers for a document read from a
// file: a document that lists layers in meta.layers is split by its
// spans' annotators (spans naming none are the unnamed layer ""), taking
// the layer prefix off span ids; any other document is one layer, meta.layer or
// else def. The layers come without the meta keys. A relation between
// two layers is dropped and counted in crossed.
func SplitLayers(d *Document, def string) (layers map[string]*Document, crossed int) {
	if l, ok := d.Meta[MetaLayer].(string); ok && strings.TrimSpace(l) != "" {
		def = strings.TrimSpace(l)
	}
	base := d.Clone()
	base.Spans, base.Relations = nil, nil
	base.Meta = cloneMeta(d.Meta)
	_, split := base.Meta[MetaLayers]
	delete(base.Meta, MetaLayer)
	delete(base.Meta, MetaLayers)
	if len(base.Meta) == 0 {
		base.Meta = nil
	}
	layers = map[string]*Document{}
	of := map[string]string{}
	ids := map[string]string{}
	for _, s := range d.Spans {
		name := def
		if split {
			// A multi-layer line names every span's layer, the unnamed
			// one included.
			name = strings.TrimSpace(s.Annotator)
		}
		l := layers[name]
		if l == nil {
			l = base.Clone()
			layers[name] = l
		}
		c := s.Clone()
		if split {
			c.ID = strings.TrimPrefix(s.ID, name+LayerSep)
		}
		of[s.ID], ids[s.ID] = name, c.ID
		l.Spans = append(l.Spans, c)
	}
	for _, r := range d.Relations {
		if of[r.From] != of[r.To] {
			crossed++
			continue
		}
		l := layers[of[r.From]]
		r.From, r.To = ids[r.From], ids[r.To]
		l.Relations = append(l.Relations, r)
	}
	return layers, crossed
}

func cloneMeta(m map[string]any) map[string]any {
	c := make(map[string]any, len(m)+1)
	for k, v := range m {
		c[k] = v
	}
	return c
}
