package format

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/sayso/sayso/annotate"
)

// tokenHolds is what token formats carry: one label layer without
// overlaps, nothing else.
var tokenHolds = Holds{}

func init() {
	Register(&Format{
		Name:        "conll",
		Title:       "CoNLL (token<TAB>tag, IOB2)",
		Ext:         ".conll",
		Description: "one token per line with its IOB2/IOB1/BILOU tag for one label layer, -DOCSTART- per document; export only",
		Holds:       tokenHolds,
		Export:      exportCoNLL,
	})
}

const lostControl = "tokens with control characters (which readers split on) changed to U+FFFD"

// tokenMeta is the side file of the token formats: what the tags mean
// and which document each block or line is.
type tokenMeta struct {
	Format    string   `json:"format"`
	Layer     string   `json:"layer"`
	Scheme    string   `json:"scheme"`
	Tokens    string   `json:"tokens"`
	Tags      []string `json:"tags"`
	Documents []string `json:"documents"`
}

func newTokenMeta(name string, l layer, sc scheme, docs []*annotate.Document) tokenMeta {
	m := tokenMeta{Format: name, Layer: l.name, Scheme: sc.name, Tags: tagNames(l, sc),
		Tokens: "sayso's tokenizer; a token is inside a span when its first character is", Documents: make([]string, len(docs))}
	for i, d := range docs {
		m.Documents[i] = d.ID
	}
	return m
}

func exportCoNLL(docs []*annotate.Document, sink Sink, opt Options, loss *Loss) error {
	l, sc, err := tokenOptions(opt)
	if err != nil {
		return err
	}
	if err := writeMain(sink, func(bw *bufio.Writer) error {
		for _, d := range docs {
			accountDoc(d, tokenHolds, loss)
			accountTitles(d, loss)
			writeCoNLLDoc(bw, d, tagDocument(d, l, sc, loss), loss)
		}
		return nil
	}); err != nil {
		return err
	}
	return writeSideJSON(sink, ".meta.json", newTokenMeta("conll", l, sc, docs))
}

func tokenOptions(opt Options) (layer, scheme, error) {
	l, err := parseLayer(opt.Layer)
	if err != nil {
		return l, scheme{}, err
	}
	sc, err := parseScheme(opt.Scheme)
	return l, sc, err
}

// writeCoNLLDoc writes one document in the CoNLL-2003 layout: a
// -DOCSTART- line and a blank line, then each sentence's tokens one per
// line and a blank line after each sentence.
func writeCoNLLDoc(w *bufio.Writer, d *annotate.Document, t tagged, loss *Loss) {
	w.WriteString("-DOCSTART-\tO\n\n")
	for _, se := range t.sents {
		for i := se[0]; i < se[1]; i++ {
			w.WriteString(cleanToken(t.words[i], d.ID, loss))
			w.WriteByte('\t')
			w.WriteString(t.tags[i])
			w.WriteByte('\n')
		}
		w.WriteByte('\n')
	}
}

// cleanToken replaces the control characters a column reader would take
// for a separator (Python's str.split does for U+001C..U+001F).
func cleanToken(s, docID string, loss *Loss) string {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			loss.Add(lostControl, fmt.Sprintf("%s: %q", docID, s))
			return strings.Map(func(r rune) rune {
				if r < 0x20 || r == 0x7f {
					return '\uFFFD'
				}
				return r
			}, s)
		}
	}
	return s
}

// writeSideJSON writes v, indented, as the side file of suffix.
func writeSideJSON(sink Sink, suffix string, v any) error {
	w, err := sink.Create(suffix)
	if err != nil {
		return err
	}
	b, err := encodeJSONIndent(v)
	if err == nil {
		_, err = w.Write(b)
	}
	if err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

func encodeJSONIndent(v any) ([]byte, error) {
	b, err := encodeJSON(v)
	if err != nil {
		return nil, err
	}
	var out strings.Builder
	if err := indentJSON(&out, b); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return []byte(out.String()), nil
}
