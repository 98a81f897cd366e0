package annotate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	var golds []*Document
	if files := os.Getenv("SAYSO_GOLD"); files != "" {
		// SAYSO_GOLD=testdata/heldout.jsonl (comma-separated) reports on
		// other gold files
		for _, f := range strings.Split(files, ",") {
			golds = append(golds, readDocs(t, f)...)
		}
	} else {
		needShared(t, "gold/dev.jsonl")
		golds = append(readDocs(t, filepath.Join(sharedDir, "gold/seeds.jsonl")), readDocs(t, filepath.Join(sharedDir, "gold/dev.jsonl"))...)
	}
	var gs, ps []*Document
	for _, g := range golds {
		if sel != "all" && !strings.Contains(","+sel+",", ","+g.ID+",") {
			continue
		}
		p := SuggestDocument(g, SuggestOptions{Lexicon: lex})
		gs = append(gs, g)
		ps = append(ps, p)
		labelFilter := os.Getenv("SAYSO_LABEL")
		fmt.Printf("===== %s\n", g.ID)
		for _, k := range EvalKinds {
			if labelFilter != "" && !strings.HasPrefix(k, labelFilter) {
				continue
			}
			var gb, pb [][2]int
			var gsp, psp []Span
			for _, s := range g.Spans {
				if evalKindOf(s) == k {
					gb = append(gb, [2]int{s.Start, s.End})
					gsp = append(gsp, s)
				}
			}
			for _, s := range p.Spans {
				if evalKindOf(s) == k {
					pb = append(pb, [2]int{s.Start, s.End})
					psp = append(psp, s)
				}
			}
			text := []rune(g.Text)
			mm := evalMatch(gb, pb, text)
			used := map[int]bool{}
			for gi, s := range gsp {
				if pi, ok := mm[gi]; ok {
					used[pi] = true
					if k == "QUOTE-direct" || k == "QUOTE-indirect" {
						want := speakerOfDoc(g, s)
						got := speakerOfDoc(p, psp[pi])
						if want != "" && !SameEntity(got, want) {
							fmt.Printf("  SPK  %-14s want %q got %q  | %.60q\n", k, want, got, s.Text)
						}
					}
					continue
				}
				fmt.Printf("  FN   %-14s %.110q\n", k, s.Text)
			}
			for pi, s := range psp {
				if !used[pi] {
					fmt.Printf("  FP   %-14s %.110q  (%v)\n", k, s.Text, s.Attrs[AttrReason])
				}
			}
		}
	}
	fmt.Printf("%s\n", Evaluate(gs, ps).JSON())
}

func speakerOfDoc(d *Document, s Span) string {
	var spans []evalSpan
	for _, x := range d.Spans {
		spans = append(spans, evalSpan{x.ID, evalKindOf(x), x.Start, x.End, x.Text, x.Attrs})
	}
	return evalSpeakerOf(spans, d.Relations, evalSpan{s.ID, evalKindOf(s), s.Start, s.End, s.Text, s.Attrs})
}
