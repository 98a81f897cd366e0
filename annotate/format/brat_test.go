package format

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
)

func TestBratRoundTrip(t *testing.T) {
	for cname, docs := range corpora(t) {
		for _, u := range units {
			back, loss, _ := roundTrip(t, "brat", docs, Options{Offsets: u})
			checkRoundTrip(t, "brat/"+cname+"/"+string(u), docs, back, canonOpt{provenance: true, relations: true})
			if strings.Contains(loss.String(), "span bounds moved") || strings.Contains(loss.String(), "line ends only left out") {
				t.Errorf("brat/%s: unexpected loss\n%s", cname, loss)
			}
		}
	}
}

func TestBratGolden(t *testing.T) {
	docs := peerReadDocs(t, unicodeFixture)
	sink := memSink{}
	loss := &Loss{Format: "brat"}
	if err := exportBrat(docs, sink, Options{}, loss); err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(sink))
	for n := range sink {
		names = append(names, n)
	}
	sort.Strings(names)
	want := []string{"annotation.conf", "uni%2F1%20ünï.ann", "uni%2F1%20ünï.txt", "uni-2.ann", "uni-2.txt", "visual.conf"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Fatalf("files %v, want %v", names, want)
	}
	for _, n := range names {
		checkGolden(t, "testdata/brat/golden/"+n, sink[n].Bytes())
	}
	checkGolden(t, "testdata/brat/golden/loss.txt", []byte(loss.String()))
}

// TestBratSpec checks the lines of the export against the standoff
// format's grammar: T id, type and fragments, the text of the fragments
// joined by spaces; R with Arg1 and Arg2; A with a name, a T id and an
// optional value; # AnnotatorNotes on a T id.
func TestBratSpec(t *testing.T) {
	docs := peerReadDocs(t, unicodeFixture)
	sink := memSink{}
	if err := exportBrat(docs, sink, Options{}, &Loss{}); err != nil {
		t.Fatal(err)
	}
	for name, b := range sink {
		if !strings.HasSuffix(name, ".ann") {
			continue
		}
		text := annotate.NewRunes(sink[strings.TrimSuffix(name, ".ann")+".txt"].String())
		for i, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
			if err := checkBratLine(line, text); err != nil {
				t.Errorf("%s:%d: %v: %q", name, i+1, err, line)
			}
		}
	}
}

func checkBratLine(line string, text *annotate.Runes) error {
	check, ok := bratLineChecks[line[0]]
	if !ok {
		return fmt.Errorf("unexpected line kind")
	}
	return check(strings.Split(line, "\t"), text)
}

var bratLineChecks = map[byte]func(cols []string, text *annotate.Runes) error{
	'T': func(cols []string, text *annotate.Runes) error {
		if len(cols) != 3 {
			return fmt.Errorf("T line has %d tab-separated columns, want 3", len(cols))
		}
		typ, offs, _ := strings.Cut(cols[1], " ")
		frags, err := bratParseFrags(offs)
		if err != nil || typ == "" {
			return fmt.Errorf("bad type or fragments: %v", err)
		}
		var parts []string
		for _, f := range frags {
			parts = append(parts, text.Slice(f[0], f[1]))
		}
		if strings.Join(parts, " ") != cols[2] {
			return fmt.Errorf("text column is not the fragments' text joined by spaces")
		}
		return nil
	},
	'R': func(cols []string, _ *annotate.Runes) error {
		f := strings.Fields(cols[1])
		if len(cols) != 2 || len(f) != 3 || !strings.HasPrefix(f[1], "Arg1:T") || !strings.HasPrefix(f[2], "Arg2:T") {
			return fmt.Errorf("not an R line")
		}
		return nil
	},
	'A': func(cols []string, _ *annotate.Runes) error {
		f := strings.Fields(cols[1])
		if len(cols) != 2 || len(f) < 2 || len(f) > 3 || !strings.HasPrefix(f[1], "T") {
			return fmt.Errorf("not an A line")
		}
		return nil
	},
	'#': func(cols []string, _ *annotate.Runes) error {
		if len(cols) != 3 || !strings.HasPrefix(cols[1], "AnnotatorNotes T") {
			return fmt.Errorf("not an AnnotatorNotes line")
		}
		return nil
	},
}

func TestBratImportCollection(t *testing.T) {
	docs, err := importFile(t, "brat", "testdata/brat/collection", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	byID := map[string]*annotate.Document{}
	for _, d := range docs {
		ids = append(ids, d.ID)
		byID[d.ID] = d
	}
	if strings.Join(ids, ",") != "lonely,news1,sub/news 2" {
		t.Fatalf("documents %v", ids)
	}
	if n := len(byID["lonely"].Spans); n != 0 {
		t.Errorf("lonely has %d spans", n)
	}
	checkNews1(t, byID["news1"])
	crlf := byID["sub/news 2"]
	if strings.Contains(crlf.Text, "\r") || strings.HasPrefix(crlf.Text, "\uFEFF") {
		t.Errorf("text not normalised: %q", crlf.Text)
	}
	if s := crlf.Spans[0]; s.Text != "We strike 💥 at dawn" || crlf.Spans[1].Text != "Kim" {
		t.Errorf("CRLF document spans %q %q", s.Text, crlf.Spans[1].Text)
	}
}

// checkNews1 checks the hand-written brat file: notes, attributes of
// brat's own, an unknown type, a span split at a line end, a discontinuous
// span and lines sayso keeps as skipped.
func checkNews1(t *testing.T, d *annotate.Document) {
	t.Helper()
	got := []string{}
	for _, s := range peerSortedSpans(d) {
		got = append(got, fmt.Sprintf("%s %s %d..%d %v %q", s.ID, s.Label, s.Start, s.End, sortedAttrs(s.Attrs), s.Annotator))
	}
	want := []string{
		`T1 SPEAKER 0..9 [note=check the spelling of the name] ""`,
		`T2 QUOTE 17..54 [kind=direct] ""`,
		`T3 THREAT 17..54 [conditional=true] ""`,
		`T5 SPEAKER 57..63 [Confidence=High entity=Oslo police] "kim"`,
		`T4 Location 67..71 [Negation=true] ""`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("spans\n got  %s\n want %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
	// T2 crossed a line end: joined, no fragments kept. T3 has a real gap.
	if _, ok := d.Spans[1].Extra[bratFragments]; ok {
		t.Errorf("a span split at a line end kept its fragments")
	}
	if got := string(d.Spans[2].Extra[bratFragments]); got != `"17 24;40 54"` {
		t.Errorf("discontinuous span fragments %s", got)
	}
	if len(d.Relations) != 2 || fmt.Sprint(d.Relations[0]) != fmt.Sprint(annotate.Relation{Label: "attributed_to", From: "T2", To: "T1"}) {
		t.Errorf("relations %v", d.Relations)
	}
	if sk, _ := d.Meta[bratSkipped].([]any); len(sk) != 3 {
		t.Errorf("skipped lines %v", d.Meta[bratSkipped])
	}
	// The discontinuous span goes back out as its fragments.
	sink := memSink{}
	if err := exportBrat([]*annotate.Document{d}, sink, Options{}, &Loss{}); err != nil {
		t.Fatal(err)
	}
	if ann := sink["news1.ann"].String(); !strings.Contains(ann, "THREAT 17 24;40 54\tWe will if they strike") || !strings.Contains(ann, "QUOTE 17 39;40 54\t") {
		t.Errorf("re-export lost the fragments:\n%s", ann)
	}
}

func sortedAttrs(m map[string]any) []string {
	var out []string
	for k, v := range m {
		out = append(out, fmt.Sprintf("%s=%v", k, v))
	}
	sort.Strings(out)
	return out
}

func TestBratImportErrors(t *testing.T) {
	const txt = "Abc def ghi.\n"
	tests := []struct {
		name, ann, want string
	}{
		{"offset past end", "T1\tQUOTE 0 99\tAbc", "d.ann:1: T1: offset 99 is outside the text"},
		{"text mismatch", "T1\tQUOTE 0 3\tXyz", `d.ann:1: T1: text at 0..3 (Unicode code points) is "Abc", not "Xyz"`},
		{"reversed", "T1\tQUOTE 3 0\tAbc", "d.ann:1: T1: offsets 3..0 are not a range"},
		{"not numbers", "T1\tQUOTE a b\tAbc", "d.ann:1: T1: fragment \"a b\" has an offset that is not a number"},
		{"no offsets", "T1\tQUOTE\tAbc", `d.ann:1: T1: expected "TYPE START END"`},
		{"no tab", "T1 QUOTE 0 3 Abc", "d.ann:1: text-bound line has no tab"},
		{"duplicate id", "T1\tQUOTE 0 3\tAbc\nT1\tQUOTE 4 7\tdef", "d.ann:2: id T1 used twice"},
		{"unknown relation target", "T1\tQUOTE 0 3\tAbc\nR1\tattributed_to Arg1:T1 Arg2:T9", "d.ann:2: points at T9, which is not a text-bound annotation"},
		{"bad relation", "T1\tQUOTE 0 3\tAbc\nR1\tattributed_to T1", `d.ann:2: R1: expected "TYPE Arg1:ID Arg2:ID"`},
		{"bad argument", "T1\tQUOTE 0 3\tAbc\nR1\tattributed_to Arg1:T1 T1", `d.ann:2: R1: argument "T1" is not ROLE:ID`},
		{"unknown attribute target", "T1\tQUOTE 0 3\tAbc\nA1\tkind T2 direct", "d.ann:2: points at T2"},
		{"bad attribute", "T1\tQUOTE 0 3\tAbc\nA1\tkind", `d.ann:2: A1: expected "NAME ID [VALUE]"`},
		{"unknown line", "T1\tQUOTE 0 3\tAbc\nX1\tfoo", `d.ann:2: unknown annotation line`},
		{"text longer", "T1\tQUOTE 0 3\tAbc def", `d.ann:1: T1: text "Abc def" is longer than the fragments`},
		{"overlapping fragments", "T1\tQUOTE 0 5;2 7\tAbc d c def", `d.ann:1: T1: fragments overlap`},
		{"bad note score", "T1\tQUOTE 0 3\tAbc\n#1\tAnnotatorNotes T1\t@score:=\"x\"", `d.ann:2: #1: note field @score`},
		{"bad note json", "T1\tQUOTE 0 3\tAbc\n#1\tAnnotatorNotes T1\tx:={", `d.ann:2: #1: note field x: "{" is not JSON`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := importBytes("brat", "c", map[string]string{"c/d.txt": txt, "c/d.ann": tc.ann + "\n"}, Options{})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), "c/"+tc.want) {
				t.Errorf("error %q does not say %q", err, "c/"+tc.want)
			}
		})
	}
	t.Run("ann without txt", func(t *testing.T) {
		_, err := importBytes("brat", "c", map[string]string{"c/a.txt": txt, "c/b.ann": ""}, Options{})
		if err == nil || !strings.Contains(err.Error(), "c/b.ann: has no text file b.txt") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("bad utf-8", func(t *testing.T) {
		_, err := importBytes("brat", "c", map[string]string{"c/a.txt": "ab\xffc", "c/a.ann": ""}, Options{})
		if err == nil || !strings.Contains(err.Error(), "c/a.txt") {
			t.Errorf("error %v", err)
		}
	})
	t.Run("empty folder", func(t *testing.T) {
		_, err := importBytes("brat", "c", map[string]string{"c/x.conf": ""}, Options{})
		if err == nil || !strings.Contains(err.Error(), "c: no brat documents") {
			t.Errorf("error %v", err)
		}
	})
}

// TestBratOffsetFallback: a file written with UTF-16 offsets by some tool
// is read right, since the T lines' text shows the unit.
func TestBratOffsetFallback(t *testing.T) {
	txt := "😀😀 Abc"
	docs, err := importBytes("brat", "c/d.ann", map[string]string{"c/d.txt": txt, "c/d.ann": "T1\tQUOTE 5 8\tAbc\n"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s := docs[0].Spans[0]; s.Start != 3 || s.End != 6 {
		t.Errorf("span %d..%d, want 3..6", s.Start, s.End)
	}
}

func TestBratNoteEscaping(t *testing.T) {
	values := []string{"", "plain", "a; b", `back\slash`, "x=y", "tab\there", "line\nend", "; ;", `\`, "@at", "trailing\\"}
	for _, v := range values {
		for _, k := range []string{"entity", "odd=key", "@key", "k:", " lead", `k\`} {
			s := &annotate.Span{Label: "X", Attrs: map[string]any{k: v, "n": 3.5}, Source: "edited; x", Annotator: "a=b"}
			score := 0.25
			s.Score = &score
			w := &bratWriter{}
			w.attrs("T1", s, &annotate.Document{}, &Loss{})
			_, note, _ := strings.Cut(strings.TrimSuffix(w.b.String(), "\n"), "T1\t")
			fields, ok := bratParseNote(note)
			if !ok {
				t.Errorf("note %q for %q=%q does not parse", note, k, v)
				continue
			}
			back := &annotate.Span{}
			if err := bratApplyNote(back, fields); err != nil {
				t.Errorf("note %q: %v", note, err)
				continue
			}
			if back.AttrString(k) != v || back.Attrs["n"] != 3.5 || back.Source != s.Source || back.Annotator != s.Annotator || *back.Score != score {
				t.Errorf("note %q read back as %v %q %q", note, back.Attrs, back.Source, back.Annotator)
			}
		}
	}
}

func TestBratFileNames(t *testing.T) {
	for _, id := range []string{"plain", "a/b c", "100%", ".hidden", "ünï-ç_ode.1", "x\xffy", "😀"} {
		name := bratFileName(id)
		if strings.ContainsAny(name, "/ \\") || strings.HasPrefix(name, ".") {
			t.Errorf("bratFileName(%q) = %q, not a safe file name", id, name)
		}
		if back := bratUnescape(name); back != id {
			t.Errorf("bratUnescape(bratFileName(%q)) = %q", id, back)
		}
	}
}

// TestBratLosses checks what the loss report says for what brat cannot
// hold.
func TestBratLosses(t *testing.T) {
	d := &annotate.Document{ID: "d", Title: "Other", Text: "one\ntwo three", Meta: map[string]any{"k": 1}, Status: "done",
		Spans: []annotate.Span{
			{ID: "t", Label: annotate.Threat, Start: 0, End: 3, Text: "one"},
			{ID: "q", Label: annotate.Quote, Start: 0, End: 4, Text: "one\n", Attrs: map[string]any{"kind": "direct"}},
			{ID: "b", Label: "BAD LABEL", Start: 4, End: 7, Text: "two"},
		}}
	loss := &Loss{Format: "brat"}
	if err := exportBrat([]*annotate.Document{d}, memSink{}, Options{}, loss); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"THREAT spans without a conditional", "span bounds moved off line ends", "labels changed to be brat types", "document titles left out", "2 document meta fields left out"} {
		if !strings.Contains(loss.String(), want) {
			t.Errorf("loss report does not say %q:\n%s", want, loss)
		}
	}
}
