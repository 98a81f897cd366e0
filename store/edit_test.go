package store

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sayso/sayso/annotate"
)

// randomEdit returns a valid edit of d: add, change, delete, link, unlink.
func randomEdit(t *testing.T, d *annotate.Document, rng *rand.Rand) annotate.Edit {
	t.Helper()
	n := annotate.NewRunes(d.Text).Len()
	labels := annotate.Labels
	pick := func(l annotate.Label) string {
		var ids []string
		for _, s := range d.Spans {
			if s.Label == l {
				ids = append(ids, s.ID)
			}
		}
		if len(ids) == 0 {
			return ""
		}
		return ids[rng.Intn(len(ids))]
	}
	switch k := rng.Intn(10); {
	case k < 3 || len(d.Spans) == 0:
		l := labels[rng.Intn(len(labels))]
		start := rng.Intn(n - 1)
		sp := annotate.Span{ID: d.NextSpanID(l), Label: l, Start: start, End: start + 1 + rng.Intn(min(40, n-start)),
			Source: annotate.SourceManual, Attrs: map[string]any{"entity": fmt.Sprint("E", rng.Intn(5)), "n": float64(rng.Intn(3)), "ok": rng.Intn(2) == 0}}
		return annotate.AddSpan(sp)
	case k < 5:
		sp := d.Spans[rng.Intn(len(d.Spans))].Clone()
		sp.Label = labels[rng.Intn(len(labels))]
		if rng.Intn(2) == 0 && sp.End < n {
			sp.End++
		}
		sp.Attrs = map[string]any{"kind": "indirect"}
		e, err := annotate.UpdateSpan(d, sp)
		if err != nil {
			t.Fatal(err)
		}
		return e
	case k < 7:
		e, err := annotate.DeleteSpan(d, d.Spans[rng.Intn(len(d.Spans))].ID)
		if err != nil {
			t.Fatal(err)
		}
		return e
	case k < 9:
		if q, s := pick(annotate.Quote), pick(annotate.Speaker); q != "" && s != "" {
			return annotate.Link(d, annotate.AttributedTo, q, s)
		}
		return randomEdit(t, d, rng)
	default:
		if len(d.Relations) == 0 {
			return randomEdit(t, d, rng)
		}
		return annotate.Unlink(d.Relations[rng.Intn(len(d.Relations))])
	}
}

// state is a document as JSONL, without the status and with relations
// sorted: annotate's undo of a relation deletion appends the relation
// rather than putting it back in its place, so only the set is restored.
func state(t testing.TB, d *annotate.Document) string {
	t.Helper()
	c := d.Clone()
	c.Status = ""
	sort.Slice(c.Relations, func(i, j int) bool {
		a, b := c.Relations[i], c.Relations[j]
		return a.Label+"\x00"+a.From+"\x00"+a.To < b.Label+"\x00"+b.From+"\x00"+b.To
	})
	return marshal(t, c)
}

func TestApplyUndoRedo(t *testing.T) {
	s := newStore(t)
	res := mustAdd(t, s, synthDoc(1, newRand()), plainDoc("other", "The other document, never edited."))
	id, other := res[0].ID, res[1].ID
	rng := rand.New(rand.NewSource(7))

	const steps = 150
	states := []string{state(t, mustDoc(t, s, id))}
	var edits []string
	for i := 0; i < steps; i++ {
		if i == steps/2 {
			s = reopen(t, s)
		}
		e := randomEdit(t, mustDoc(t, s, id), rng)
		d, err := s.Apply(id, e)
		if err != nil {
			t.Fatalf("step %d (%s): %v", i, e.Note, err)
		}
		if got, stored := state(t, d), state(t, mustDoc(t, s, id)); got != stored {
			t.Fatalf("step %d: Apply returned\n%s\nbut stored\n%s", i, got, stored)
		}
		states = append(states, state(t, d))
		rec, _ := encodeEdit(e)
		edits = append(edits, rec)
	}
	checkCan := func(undo, redo bool) {
		t.Helper()
		u, r, err := s.CanUndo(id)
		if err != nil || u != undo || r != redo {
			t.Fatalf("CanUndo = %v, %v, %v; want %v, %v", u, r, err, undo, redo)
		}
	}
	checkCan(true, false)
	if _, _, err := s.Redo(id); !errors.Is(err, ErrNothingToRedo) {
		t.Fatalf("Redo with nothing undone: %v", err)
	}

	// Undo everything, reopening half way.
	for k := steps; k > 0; k-- {
		if k == steps/3 {
			s = reopen(t, s)
		}
		d, e, err := s.Undo(id)
		if err != nil {
			t.Fatalf("undo to state %d: %v", k-1, err)
		}
		if got := state(t, d); got != states[k-1] {
			t.Fatalf("undo to state %d:\n got %s\nwant %s", k-1, got, states[k-1])
		}
		if rec, _ := encodeEdit(e); rec != edits[k-1] {
			t.Fatalf("Undo returned edit %s, want %s", rec, edits[k-1])
		}
	}
	checkCan(false, true)
	if _, _, err := s.Undo(id); !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("Undo at the start: %v", err)
	}
	if got := state(t, mustDoc(t, s, id)); got != states[0] {
		t.Fatal("document not back to its imported state")
	}

	// Redo 40 steps, reopening after 30.
	for k := 1; k <= 40; k++ {
		if k == 31 {
			s = reopen(t, s)
		}
		d, e, err := s.Redo(id)
		if err != nil {
			t.Fatalf("redo to state %d: %v", k, err)
		}
		if got := state(t, d); got != states[k] {
			t.Fatalf("redo to state %d:\n got %s\nwant %s", k, got, states[k])
		}
		if rec, _ := encodeEdit(e); rec != edits[k-1] {
			t.Fatalf("Redo returned edit %s, want %s", rec, edits[k-1])
		}
	}
	checkCan(true, true)

	// A new edit drops the redo steps.
	d := mustDoc(t, s, id)
	if _, err := s.Apply(id, randomEdit(t, d, rng)); err != nil {
		t.Fatal(err)
	}
	checkCan(true, false)
	if _, _, err := s.Redo(id); !errors.Is(err, ErrNothingToRedo) {
		t.Fatalf("Redo after a new edit: %v", err)
	}
	if d, _, err := s.Undo(id); err != nil || state(t, d) != states[40] {
		t.Fatalf("Undo of the new edit: %v", err)
	}

	// History is per document.
	if _, _, err := s.Undo(other); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("other document: %v", err)
	}
	// The span count follows the edits.
	list, _ := s.ListDocuments("")
	if final := mustDoc(t, s, id); list[0].Spans != len(final.Spans) {
		t.Errorf("listed %d spans, document has %d", list[0].Spans, len(final.Spans))
	}
}

func TestApplyStatusAndUpdated(t *testing.T) {
	s := newStore(t)
	clock := time.UnixMilli(1_000_000)
	s.now = func() time.Time { return clock }
	res := mustAdd(t, s, plainDoc("a", "Biden said things."), plainDoc("b", "Putin said things."))
	if err := s.SetStatus(res[1].ID, "done"); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(time.Minute)
	for _, id := range []int64{res[0].ID, res[1].ID} {
		if _, err := s.Apply(id, annotate.AddSpan(annotate.Span{ID: "s1", Label: annotate.Speaker, Start: 0, End: 5})); err != nil {
			t.Fatal(err)
		}
	}
	list, _ := s.ListDocuments("")
	if list[0].Status != "in progress" || list[1].Status != "done" {
		t.Errorf("statuses after an edit: %q, %q; want new -> in progress, done kept", list[0].Status, list[1].Status)
	}
	if !list[0].Updated.Equal(clock) {
		t.Errorf("updated %v, want %v", list[0].Updated, clock)
	}
	// Undo keeps the status.
	d, _, err := s.Undo(res[0].ID)
	if err != nil || d.Status != "in progress" || len(d.Spans) != 0 {
		t.Errorf("after undo: %v %q %d spans", err, d.Status, len(d.Spans))
	}
}

func TestInvalidEditChangesNothing(t *testing.T) {
	base := parse(t, extrasDoc)
	del, _ := annotate.DeleteSpan(base, "q1")
	good := annotate.AddSpan(annotate.Span{ID: "new", Label: annotate.Quote, Start: 0, End: 3})
	for _, c := range []struct {
		name string
		e    annotate.Edit
		msg  string
	}{
		{"duplicate span id", annotate.AddSpan(annotate.Span{ID: "q1", Label: annotate.Quote, Start: 0, End: 3}), `span id "q1" already used`},
		{"offsets outside text", annotate.AddSpan(annotate.Span{ID: "x", Label: annotate.Quote, Start: 10, End: 10_000}), "outside the text"},
		{"empty span", annotate.AddSpan(annotate.Span{ID: "x", Label: annotate.Quote, Start: 4, End: 4}), "outside the text"},
		{"no label", annotate.AddSpan(annotate.Span{ID: "x", Start: 0, End: 3}), "no label"},
		{"no span id", annotate.AddSpan(annotate.Span{Label: annotate.Quote, Start: 0, End: 3}), "has no id"},
		{"NaN score", annotate.AddSpan(annotate.Span{ID: "x", Label: annotate.Quote, Start: 0, End: 3, Score: new(float64(nan()))}), "not a finite number"},
		{"delete missing span", annotate.Edit{Kind: annotate.EditDeleteSpan, Span: &annotate.Span{ID: "zz"}}, `no span "zz"`},
		{"update missing span", annotate.Edit{Kind: annotate.EditUpdateSpan, After: &annotate.Span{ID: "zz", Label: annotate.Quote, Start: 0, End: 1}}, `no span "zz"`},
		{"relation to missing span", annotate.Edit{Kind: annotate.EditAddRelation, Relation: &annotate.Relation{Label: "attributed_to", From: "q1", To: "zz"}}, "missing span"},
		{"duplicate relation", annotate.Edit{Kind: annotate.EditAddRelation, Relation: &annotate.Relation{Label: "attributed_to", From: "q1", To: "s1"}}, "already there"},
		{"unknown kind", annotate.Edit{Kind: "rename"}, `unknown edit kind "rename"`},
		{"batch failing late", annotate.Edit{Kind: annotate.EditBatch, Note: "two", Steps: []annotate.Edit{good, del, del}}, `no span "q1"`},
		{"unencodable attr", annotate.AddSpan(annotate.Span{ID: "x", Label: annotate.Quote, Start: 0, End: 3, Attrs: map[string]any{"f": func() {}}}), "attrs"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			doc := parse(t, extrasDoc)
			doc.Status = annotate.StatusNew
			id := mustAdd(t, s, doc)[0].ID
			if _, err := s.Apply(id, good); err != nil { // one step of history
				t.Fatal(err)
			}
			if _, _, err := s.Undo(id); err != nil { // and one of redo
				t.Fatal(err)
			}
			if err := s.SetStatus(id, "new"); err != nil {
				t.Fatal(err)
			}
			before := mustDoc(t, s, id)
			listBefore, _ := s.ListDocuments("")
			_, err := s.Apply(id, c.e)
			if err == nil || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("error %v, want one containing %q", err, c.msg)
			}
			if got := marshal(t, mustDoc(t, s, id)); got != marshal(t, before) {
				t.Errorf("document changed:\n%s", got)
			}
			if listAfter, _ := s.ListDocuments(""); listAfter[0] != listBefore[0] {
				t.Errorf("summary changed: %+v -> %+v", listBefore[0], listAfter[0])
			}
			if u, r, _ := s.CanUndo(id); u || !r {
				t.Errorf("history changed: undo %v redo %v", u, r)
			}
		})
	}
}

func nan() float64 {
	var zero float64
	return zero / zero
}

func TestUndoRestoresUnknownFields(t *testing.T) {
	s := newStore(t)
	id := mustAdd(t, s, parse(t, extrasDoc))[0].ID
	want := marshal(t, mustDoc(t, s, id))
	// s1 carries an unknown field with odd spacing, and both relations
	// (one with its own unknown field) point at it.
	d := mustDoc(t, s, id)
	e, err := annotate.DeleteSpan(d, "s1")
	if err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s) // the history must carry the unknown fields, not memory
	if d, err = s.Apply(id, e); err != nil || len(d.Relations) != 0 {
		t.Fatalf("delete: %v, %d relations left", err, len(d.Relations))
	}
	s = reopen(t, s)
	d, _, err = s.Undo(id)
	if err != nil {
		t.Fatal(err)
	}
	if got := marshal(t, d); got != want {
		t.Errorf("after undo:\n got %s\nwant %s", got, want)
	}
}

func TestHistoryDepth(t *testing.T) {
	defer func(n int) { historyDepth = n }(historyDepth)
	historyDepth = 10
	s := newStore(t)
	id := mustAdd(t, s, plainDoc("a", strings.Repeat("word ", 40)))[0].ID
	for i := 0; i < 25; i++ {
		if _, err := s.Apply(id, annotate.AddSpan(annotate.Span{ID: fmt.Sprint("q", i), Label: annotate.Quote, Start: i, End: i + 3})); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 10; i++ {
		if _, _, err := s.Undo(id); err != nil {
			t.Fatalf("undo %d: %v", i+1, err)
		}
	}
	if _, _, err := s.Undo(id); !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("undo beyond the depth: %v", err)
	}
	if d := mustDoc(t, s, id); len(d.Spans) != 15 {
		t.Errorf("%d spans left, want 15", len(d.Spans))
	}
	if n := pragma(t, s.w, "SELECT count(*) FROM history"); n != "10" {
		t.Errorf("%s history rows, want 10", n)
	}
}

func TestHistoryDepthDefault(t *testing.T) {
	if HistoryDepth < 1000 {
		t.Fatalf("HistoryDepth = %d, the undo history must keep at least 1000 steps", HistoryDepth)
	}
}

// The child half of TestKilledWriterLosesNothing: apply edits forever,
// saying so after each committed one.
const childEnv = "SAYSO_STORE_KILL_CHILD"

func TestKilledWriterChild(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("run by TestKilledWriterLosesNothing")
	}
	s, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	deadline := time.Now().Add(2 * time.Minute) // in case nobody kills us
	for i := 1; time.Now().Before(deadline); i++ {
		e := annotate.AddSpan(annotate.Span{ID: fmt.Sprint("k", i), Label: annotate.Quote, Start: i % 50, End: i%50 + 5,
			Attrs: map[string]any{"i": float64(i)}})
		if _, err := s.Apply(1, e); err != nil {
			fmt.Println("error", err)
			os.Exit(2)
		}
		fmt.Printf("committed k%d\n", i)
	}
	os.Exit(3)
}

func TestKilledWriterLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a process")
	}
	s := newStore(t)
	mustAdd(t, s, plainDoc("target", strings.Repeat("Some words of text. ", 10)))
	path := s.Path()
	s.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWriterChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	const want = 60
	committed := 0
	sc := bufio.NewScanner(out)
	timeout := time.AfterFunc(time.Minute, func() { cmd.Process.Kill() })
	for committed < want && sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "error") {
			t.Fatalf("child: %s", line)
		}
		if line == fmt.Sprintf("committed k%d", committed+1) {
			committed++
		}
	}
	timeout.Stop()
	// Killed while it goes on writing: mid-transaction, most likely.
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("child was not killed: %v", err)
	}
	if committed < want {
		t.Fatalf("child committed only %d edits", committed)
	}

	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := pragma(t, s.w, "PRAGMA integrity_check"); got != "ok" {
		t.Fatalf("integrity_check: %s", got)
	}
	if got := pragma(t, s.w, "SELECT count(*) FROM pragma_foreign_key_check"); got != "0" {
		t.Fatalf("%s foreign key violations", got)
	}
	d := mustDoc(t, s, 1)
	for i := 1; i <= want; i++ {
		if d.SpanByID(fmt.Sprint("k", i)) < 0 {
			t.Errorf("committed edit k%d lost", i)
		}
	}
	list, _ := s.ListDocuments("")
	if list[0].Spans != len(d.Spans) {
		t.Errorf("span count %d, document has %d spans", list[0].Spans, len(d.Spans))
	}
	if n, _ := s.read1("SELECT count(*) FROM history WHERE doc_id = 1"); n != len(d.Spans) {
		t.Errorf("%d history steps for %d edits", n, len(d.Spans))
	}
	// And the project goes on working.
	if _, _, err := s.Undo(1); err != nil {
		t.Fatal(err)
	}
}

func (s *Store) read1(q string) (int, error) {
	var n int
	err := s.r.QueryRow(q).Scan(&n)
	return n, err
}

func TestConcurrentUse(t *testing.T) {
	s := newStore(t)
	res := mustAdd(t, s, synthDocs(4)...)
	var wg sync.WaitGroup
	errc := make(chan error, 100)
	for w := 0; w < 2; w++ {
		id := res[w].ID
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				e := annotate.AddSpan(annotate.Span{ID: fmt.Sprint("c", i), Label: annotate.Threat, Start: i, End: i + 4})
				if _, err := s.Apply(id, e); err != nil {
					errc <- err
					return
				}
				if i%4 == 0 {
					if _, _, err := s.Undo(id); err != nil {
						errc <- err
						return
					}
					if _, _, err := s.Redo(id); err != nil {
						errc <- err
						return
					}
				}
			}
		}()
	}
	for r := 0; r < 3; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				if _, err := s.ListDocuments("synth"); err != nil {
					errc <- err
					return
				}
				d, err := s.Document(res[i%4].ID)
				if err != nil {
					errc <- err
					return
				}
				if err := d.Validate(); err != nil {
					errc <- fmt.Errorf("inconsistent read: %v", err)
					return
				}
				if err := s.EachDocument("", func(d *annotate.Document) error { return d.Validate() }); err != nil {
					errc <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Error(err)
	}
	for w := 0; w < 2; w++ {
		if d := mustDoc(t, s, res[w].ID); d.SpanByID("c19") < 0 {
			t.Errorf("document %d misses its last edit", res[w].ID)
		}
	}
}
