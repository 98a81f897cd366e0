package format

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/sayso/sayso/annotate"
)

func init() {
	Register(&Format{
		Name:        "hf",
		Title:       "Hugging Face token classification (JSONL)",
		Ext:         ".jsonl",
		Description: `one line per document: {"id","tokens","ner_tags"}, tag names in a .labels.json side file; export only`,
		Holds:       tokenHolds,
		Export:      exportHF,
	})
}

// hfLine is one line of the Hugging Face export: a whole document.
type hfLine struct {
	ID      string   `json:"id"`
	Tokens  []string `json:"tokens"`
	NerTags []int    `json:"ner_tags"`
}

func exportHF(docs []*annotate.Document, sink Sink, opt Options, loss *Loss) error {
	l, sc, err := tokenOptions(opt)
	if err != nil {
		return err
	}
	names := tagNames(l, sc)
	index := make(map[string]int, len(names))
	for i, n := range names {
		index[n] = i
	}
	if err := writeJSONLines(sink, docs, func(d *annotate.Document) any {
		accountDoc(d, tokenHolds, loss)
		accountTitles(d, loss)
		t := tagDocument(d, l, sc, loss)
		line := hfLine{ID: d.ID, Tokens: t.words, NerTags: make([]int, len(t.tags))}
		for i, tg := range t.tags {
			line.NerTags[i] = index[tg]
		}
		return line
	}); err != nil {
		return err
	}
	if err := writeSideJSON(sink, ".labels.json", names); err != nil {
		return err
	}
	return writeSideJSON(sink, ".meta.json", newTokenMeta("hf", l, sc, docs))
}

// indentJSON indents compact JSON b into w.
func indentJSON(w io.Writer, b []byte) error {
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return err
	}
	_, err := w.Write(out.Bytes())
	return err
}
