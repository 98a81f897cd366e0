package format

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/annotate/suggest"
)

// Token tagging shared by CoNLL and Hugging Face: one label layer,
// overlaps resolved, tokens from the engine's tokenizer, tags in a scheme.
//
// A token is inside a span when its first code point is inside the span.
// A span whose ends are not token edges is widened or narrowed to the
// tokens that start inside it (counted in the loss); a span in which no
// token starts is left out (counted too).

// layer is the one label layer of a token format.
type layer struct {
	name  string
	types []annotate.Label // tag types in tag order
	keep  func(annotate.Span) bool
}

func labelIs(l annotate.Label) func(annotate.Span) bool {
	return func(s annotate.Span) bool { return s.Label == l }
}

func quoteKind(kind string) func(annotate.Span) bool {
	return func(s annotate.Span) bool { return s.Label == annotate.Quote && s.QuoteKind() == kind }
}

// layers are the layers Options.Layer may name; ALL is every label with
// overlaps across labels resolved.
var layers = []layer{
	{"QUOTE", []annotate.Label{annotate.Quote}, labelIs(annotate.Quote)},
	{"QUOTE:direct", []annotate.Label{annotate.Quote}, quoteKind(annotate.KindDirect)},
	{"QUOTE:indirect", []annotate.Label{annotate.Quote}, quoteKind(annotate.KindIndirect)},
	{"SPEAKER", []annotate.Label{annotate.Speaker}, labelIs(annotate.Speaker)},
	{"THREAT", []annotate.Label{annotate.Threat}, labelIs(annotate.Threat)},
	{"ALL", annotate.Labels, func(annotate.Span) bool { return true }},
}

// parseLayer reads Options.Layer; "" is QUOTE.
func parseLayer(s string) (layer, error) {
	if s == "" {
		return layers[0], nil
	}
	names := make([]string, len(layers))
	for i, l := range layers {
		if strings.EqualFold(l.name, s) {
			return l, nil
		}
		names[i] = l.name
	}
	return layer{}, fmt.Errorf("unknown layer %q (%s)", s, strings.Join(names, ", "))
}

// scheme is a tagging scheme: its prefixes in tag order.
type scheme struct {
	name     string
	prefixes []string
}

var schemes = []scheme{
	{"IOB2", []string{"B", "I"}},
	{"IOB1", []string{"B", "I"}},
	{"BILOU", []string{"B", "I", "L", "U"}},
}

// parseScheme reads Options.Scheme; "" (and BIO) is IOB2.
func parseScheme(s string) (scheme, error) {
	if s == "" || strings.EqualFold(s, "BIO") {
		return schemes[0], nil
	}
	for _, sc := range schemes {
		if strings.EqualFold(sc.name, s) {
			return sc, nil
		}
	}
	return scheme{}, fmt.Errorf("unknown tagging scheme %q (IOB2, IOB1 or BILOU)", s)
}

// tagNames lists the tag names in tag order: O, then per type every
// prefix (B-QUOTE, I-QUOTE, ...). Hugging Face's ner_tags index it.
func tagNames(l layer, sc scheme) []string {
	out := []string{"O"}
	for _, t := range l.types {
		for _, p := range sc.prefixes {
			out = append(out, p+"-"+string(t))
		}
	}
	return out
}

// Loss kinds of the token formats.
func lostLayer(l layer) string { return "spans outside the " + l.name + " layer left out" }
func lostLayerOverlap(l layer) string {
	return "overlapping spans left out of the " + l.name + " layer (kept: longest first, then earliest)"
}

const (
	lostNoToken = "spans in which no token starts left out"
	lostBounds  = "spans whose ends moved to token edges (a token is inside when its first character is)"
)

// tagged is one document cut into tokens and tagged.
type tagged struct {
	toks  []suggest.Token
	words []string
	tags  []string
	sents [][2]int // token ranges; no span crosses one
}

// tagDocument tags d's tokens for one layer and scheme, reporting into
// loss every span it leaves out or moves.
func tagDocument(d *annotate.Document, l layer, sc scheme, loss *Loss) tagged {
	toks := suggest.Tokens(d.Text)
	r := annotate.NewRunes(d.Text)
	t := tagged{toks: toks, words: make([]string, len(toks)), tags: make([]string, len(toks))}
	for i, tk := range toks {
		t.words[i] = r.Slice(tk.Start, tk.End)
	}
	var inLayer []annotate.Span
	for _, s := range d.Spans {
		if l.keep(s) {
			inLayer = append(inLayer, s)
		} else {
			loss.Add(lostLayer(l), spanExample(d, s))
		}
	}
	kept, dropped := NonOverlapping(inLayer)
	for _, s := range dropped {
		loss.Add(lostLayerOverlap(l), spanExample(d, s))
	}
	spanOf := t.assign(d, r, kept, loss)
	t.sents = sentences(toks, spanOf)
	for _, se := range t.sents {
		tagRange(t.tags, spanOf, kept, se, sc)
	}
	return t
}

// assign maps each token to the kept span it is inside (-1 for none).
func (t *tagged) assign(d *annotate.Document, r *annotate.Runes, kept []annotate.Span, loss *Loss) []int {
	spanOf := make([]int, len(t.toks))
	for i := range spanOf {
		spanOf[i] = -1
	}
	for k, s := range kept {
		a := sort.Search(len(t.toks), func(i int) bool { return t.toks[i].Start >= s.Start })
		b := a
		for b < len(t.toks) && t.toks[b].Start < s.End {
			spanOf[b] = k
			b++
		}
		switch {
		case a == b:
			loss.Add(lostNoToken, spanExample(d, s))
		case t.toks[a].Start != s.Start || t.toks[b-1].End != s.End:
			loss.Add(lostBounds, fmt.Sprintf("%s: %s %q -> %q", d.ID, s.ID, clipText(s.Text),
				clipText(r.Slice(t.toks[a].Start, t.toks[b-1].End))))
		}
	}
	return spanOf
}

// sentences groups tokens by the tokenizer's sentences, joining two
// sentences when a span runs across their boundary, so that no entity is
// split by a blank line.
func sentences(toks []suggest.Token, spanOf []int) [][2]int {
	var out [][2]int
	start := 0
	for i := 1; i < len(toks); i++ {
		if toks[i].Sentence != toks[i-1].Sentence && (spanOf[i] < 0 || spanOf[i] != spanOf[i-1]) {
			out = append(out, [2]int{start, i})
			start = i
		}
	}
	if len(toks) > 0 {
		out = append(out, [2]int{start, len(toks)})
	}
	return out
}

// tagRange writes the tags of one sentence.
func tagRange(tags []string, spanOf []int, kept []annotate.Span, se [2]int, sc scheme) {
	for i := se[0]; i < se[1]; i++ {
		k := spanOf[i]
		if k < 0 {
			tags[i] = "O"
			continue
		}
		first := i == se[0] || spanOf[i-1] != k
		last := i+1 == se[1] || spanOf[i+1] != k
		tags[i] = tagPrefix(sc.name, first, last, i > se[0] && spanOf[i-1] >= 0 && kept[spanOf[i-1]].Label == kept[k].Label) +
			"-" + string(kept[k].Label)
	}
}

// tagPrefix is the prefix of a token in a span: first/last say where it
// sits, sameBefore that the token before is in another span of its type.
func tagPrefix(scheme string, first, last, sameBefore bool) string {
	switch scheme {
	case "IOB1":
		if first && sameBefore {
			return "B"
		}
		return "I"
	case "BILOU":
		switch {
		case first && last:
			return "U"
		case first:
			return "B"
		case last:
			return "L"
		}
		return "I"
	}
	if first {
		return "B"
	}
	return "I"
}
