package suggest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

// TestSuggestReport is a diagnostic for rule and lexicon work: with
// SAYSO_REPORT=all (or a comma-separated list of gold document ids) it
// prints every gold span the suggestions miss (FN), every suggestion gold
// does not have (FP) and every quote attributed to another entity (SPK),
// then the scores. SAYSO_LABEL=THREAT (or QUOTE, SPEAKER) narrows it.
func TestSuggestReport(t *testing.T) {
	sel := os.Getenv("SAYSO_REPORT")
	if sel == "" {
		t.Skip()
	}
	lex := testLexicon(t)
	var golds []*annotate.Document
	if files := os.Getenv("SAYSO_GOLD"); files != "" {
		// SAYSO_GOLD=../testdata/heldout.jsonl (comma-separated) reports on
		// other gold files
		for _, f := range strings.Split(files, ",") {
			golds = append(golds, readDocs(t, f)...)
		}
	} else {
		needShared(t, "gold/dev.jsonl")
		golds = append(readDocs(t, filepath.Join(sharedDir, "gold/seeds.jsonl")), readDocs(t, filepath.Join(sharedDir, "gold/dev.jsonl"))...)
	}
	var gs, ps []*annotate.Document
	for _, g := range golds {
		if sel != "all" && !strings.Contains(","+sel+",", ","+g.ID+",") {
			continue
		}
		p := Document(g, Options{Lexicon: lex})
		gs = append(gs, g)
		ps = append(ps, p)
		labelFilter := os.Getenv("SAYSO_LABEL")
		fmt.Printf("===== %s\n", g.ID)
		for _, k := range annotate.EvalKinds {
			if labelFilter != "" && !strings.HasPrefix(k, labelFilter) {
				continue
			}
			var gb, pb [][2]int
			var gsp, psp []annotate.Span
			for _, s := range g.Spans {
				if annotate.EvalKind(s) == k {
					gb = append(gb, [2]int{s.Start, s.End})
					gsp = append(gsp, s)
				}
			}
			for _, s := range p.Spans {
				if annotate.EvalKind(s) == k {
					pb = append(pb, [2]int{s.Start, s.End})
					psp = append(psp, s)
				}
			}
			text := []rune(g.Text)
			mm := annotate.MatchSpans(gb, pb, text)
			used := map[int]bool{}
			for gi, s := range gsp {
				if pi, ok := mm[gi]; ok {
					used[pi] = true
					if k == "QUOTE-direct" || k == "QUOTE-indirect" {
						want := speakerOfDoc(g, s)
						got := speakerOfDoc(p, psp[pi])
						if want != "" && !annotate.SameEntity(got, want) {
							fmt.Printf("  SPK  %-14s want %q got %q  | %.60q\n", k, want, got, s.Text)
						}
					}
					continue
				}
				fmt.Printf("  FN   %-14s %.110q\n", k, s.Text)
			}
			for pi, s := range psp {
				if !used[pi] {
					fmt.Printf("  FP   %-14s %.110q  (%v)\n", k, s.Text, s.Attrs[annotate.AttrReason])
				}
			}
		}
	}
	fmt.Printf("%s\n", annotate.Evaluate(gs, ps).JSON())
}

// speakerOfDoc is the entity a quote is attributed to: the entity (or
// text) of the span its attributed_to relation points at, else its own
// speaker attribute.
func speakerOfDoc(d *annotate.Document, s annotate.Span) string {
	for _, r := range d.Relations {
		if r.From != s.ID || r.Label != annotate.AttributedTo {
			continue
		}
		for i := len(d.Spans) - 1; i >= 0; i-- {
			if sp := d.Spans[i]; sp.ID == r.To {
				if e := sp.AttrString(annotate.AttrEntity); e != "" {
					return e
				}
				return sp.Text
			}
		}
	}
	return s.AttrString("speaker")
}
