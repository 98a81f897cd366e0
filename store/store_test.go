package store

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sayso/sayso/annotate"
)

func TestOpenCreatesProject(t *testing.T) {
	s := newStore(t)
	if _, err := os.Stat(s.Path()); err != nil {
		t.Fatalf("project file not created: %v", err)
	}
	for _, c := range []struct {
		db   *sql.DB
		q    string
		want string
	}{
		{s.w, "PRAGMA journal_mode", "wal"},
		{s.w, "PRAGMA foreign_keys", "1"},
		{s.w, "PRAGMA synchronous", "2"}, // FULL
		{s.w, "PRAGMA busy_timeout", "5000"},
		{s.w, "PRAGMA user_version", fmt.Sprint(SchemaVersion)},
		{s.w, "PRAGMA application_id", fmt.Sprint(applicationID)},
		{s.r, "PRAGMA foreign_keys", "1"},
		{s.r, "PRAGMA busy_timeout", "5000"},
		{s.r, "PRAGMA query_only", "1"},
	} {
		if got := pragma(t, c.db, c.q); got != c.want {
			t.Errorf("%s = %s, want %s", c.q, got, c.want)
		}
	}
	// Reopening a project is fine and keeps its version.
	s = reopen(t, s)
	if got := pragma(t, s.w, "PRAGMA user_version"); got != fmt.Sprint(SchemaVersion) {
		t.Errorf("user_version after reopen = %s", got)
	}
}

func TestOpenPathWithURISpecialCharacters(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a?b#c%20d é", "p.sayso")
	s, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, s, plainDoc("x", "some text"))
	s.Close()
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("file not created at the exact path: %v", err)
	}
	s, err = Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.CountDocuments(""); n != 1 {
		t.Fatalf("reopened project has %d documents, want 1", n)
	}
}

func TestOpenRefusesForeignFiles(t *testing.T) {
	dir := t.TempDir()
	foreignDB := filepath.Join(dir, "other.db")
	func() {
		db, err := sql.Open("sqlite3", foreignDB)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(`CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('x')`); err != nil {
			t.Fatal(err)
		}
	}()
	newer := filepath.Join(dir, "newer.sayso")
	func() {
		s, err := Open(newer)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.w.Exec(`PRAGMA user_version = 99`); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	seeds, err := os.ReadFile("testdata/seeds.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, path string
		want       error
		msg        string
	}{
		{"text file", write("notes.txt", []byte("Dear diary,\nnot a database.\n")), ErrNotProject, "not an SQLite database"},
		{"jsonl file", write("seeds.jsonl", seeds), ErrNotProject, "not an SQLite database"},
		{"short binary", write("x.bin", []byte{0, 1, 2}), ErrNotProject, "not an SQLite database"},
		{"truncated header", write("trunc.sayso", []byte("SQLite form")), ErrNotProject, "not an SQLite database"},
		{"damaged database", write("bad.sayso", append(append([]byte{}, sqliteMagic...), bytes.Repeat([]byte{0xff}, 4096)...)), ErrNotProject, ""},
		{"other application's database", foreignDB, ErrNotProject, "another application"},
		{"directory", dir, ErrNotProject, "directory"},
		{"newer schema", newer, ErrNewerSchema, "schema version 99"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := snapshotDir(t, dir)
			s, err := Open(c.path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if !errors.Is(err, c.want) {
				t.Errorf("error %q does not wrap %q", err, c.want)
			}
			if !strings.Contains(err.Error(), c.path) || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %q does not name the path and %q", err, c.msg)
			}
			if after := snapshotDir(t, dir); !reflect.DeepEqual(before, after) {
				t.Errorf("Open changed the directory:\nbefore %v\nafter  %v", keys(before), keys(after))
			}
		})
	}
}

// snapshotDir returns every file's content under dir.
func snapshotDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		m[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, filepath.Base(k))
	}
	return out
}

func TestSchemaVersionMatchesMigrations(t *testing.T) {
	if SchemaVersion != len(migrations) {
		t.Fatalf("SchemaVersion = %d, but there are %d migrations", SchemaVersion, len(migrations))
	}
	if !strings.Contains(migrations[0].sql, fmt.Sprintf("application_id = %d", applicationID)) {
		t.Fatal("migration 1 does not set applicationID")
	}
}

// v1Fixture is a version-1 project's data, written with version-1 SQL:
// one annotated document with unknown fields, one plain document, undo
// history and a setting.
const v1Fixture = `
INSERT INTO documents (id, uid, title, hash, status, meta, extra, created, updated) VALUES
	(1, 'a1', 'Biden warns', '%s', 'in progress', '{"source_file":"a.txt"}', '{"lang": "en"}', 1000, 2000),
	(2, 'a2', 'Plain', '%s', 'new', NULL, NULL, 1000, 1000);
INSERT INTO texts (doc_id, text) VALUES (1, '%s'), (2, '%s');
INSERT INTO spans (doc_id, sid, label, start, "end", attrs, score, source, annotator, extra) VALUES
	(1, 's1', 'SPEAKER', 0, 5, '{"entity":"Joe Biden"}', NULL, 'manual', 'ann', NULL),
	(1, 'q1', 'QUOTE', 15, 21, '{"kind":"direct"}', 0.75, 'suggested', '', '{"x": [1, 2]}');
INSERT INTO relations (doc_id, pos, label, from_sid, to_sid, extra) VALUES (1, 0, 'attributed_to', 'q1', 's1', NULL);
INSERT INTO history (doc_id, edit, undone, at) VALUES (1, '%s', 0, 2000);
INSERT INTO settings (key, value) VALUES ('annotator', 'ann');
`

const (
	v1Text1 = "Biden warns of action\nmore text"
	v1Text2 = "Just a plain article."
)

// v1Expected is the first document of v1Fixture as JSONL.
const v1Expected = `{"id": "a1", "title": "Biden warns", "text": "Biden warns of action\nmore text", "meta": {"source_file":"a.txt","status":"in progress"}, ` +
	`"spans": [{"id": "s1", "label": "SPEAKER", "start": 0, "end": 5, "text": "Biden", "attrs": {"entity":"Joe Biden"}, "source": "manual", "annotator": "ann"}, ` +
	`{"id": "q1", "label": "QUOTE", "start": 15, "end": 21, "text": "action", "attrs": {"kind":"direct"}, "score": 0.75, "source": "suggested", "x": [1, 2]}], ` +
	`"relations": [{"label": "attributed_to", "from": "q1", "to": "s1"}], "lang": "en"}`

// createAt creates a project at schema version v, as that version of
// sayso would have.
func createAt(t *testing.T, path string, v int) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", dsn(path)+"&_foreign_keys=on&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`PRAGMA journal_mode=WAL`); err != nil {
		t.Fatal(err)
	}
	if err := migrate(db, v); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestMigrations(t *testing.T) {
	t.Run("fresh", func(t *testing.T) {
		s := newStore(t)
		if got := pragma(t, s.w, "PRAGMA integrity_check"); got != "ok" {
			t.Fatal(got)
		}
		// Every table and column the code uses exists.
		mustAdd(t, s, synthDocs(2)...)
		if _, err := s.Stats(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("v1 with data to latest", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "v1.sayso")
		db := createAt(t, path, 1)
		hist, err := encodeEdit(annotate.AddSpan(annotate.Span{ID: "q1", Label: annotate.Quote, Start: 15, End: 21}))
		if err != nil {
			t.Fatal(err)
		}
		q := fmt.Sprintf(v1Fixture, annotate.ContentHash(v1Text1), annotate.ContentHash(v1Text2), v1Text1, v1Text2, hist)
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
		// Step through every version, checking the file each time.
		for v := 2; v <= SchemaVersion; v++ {
			if err := migrate(db, v); err != nil {
				t.Fatalf("migrating to %d: %v", v, err)
			}
			if got := pragma(t, db, "PRAGMA integrity_check"); got != "ok" {
				t.Fatalf("v%d: integrity_check: %s", v, got)
			}
			rows, err := db.Query("PRAGMA foreign_key_check")
			if err != nil {
				t.Fatal(err)
			}
			if rows.Next() {
				t.Fatalf("v%d: foreign key violations", v)
			}
			rows.Close()
		}
		db.Close()

		// Open sees a current project with the data intact.
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if got := marshal(t, mustDoc(t, s, 1)); got != v1Expected {
			t.Errorf("migrated document:\n got %s\nwant %s", got, v1Expected)
		}
		list, err := s.ListDocuments("")
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].Spans != 2 || list[1].Spans != 0 {
			t.Errorf("span counts after migration: %+v", list)
		}
		if list[0].Updated.UnixMilli() != 2000 || list[1].Status != annotate.StatusNew {
			t.Errorf("list after migration: %+v", list)
		}
		if v, _ := s.Setting("annotator"); v != "ann" {
			t.Errorf("setting after migration = %q", v)
		}
		if e, err := s.Entities(); err != nil || !reflect.DeepEqual(e, []string{"Joe Biden"}) {
			t.Errorf("entities after migration (v3 backfill) = %q, %v", e, err)
		}
		if st, _ := s.Stats(); st.SpansByLabel["QUOTE"] != 1 || st.SpansByLabel["SPEAKER"] != 1 || st.Annotated != 1 {
			t.Errorf("stats after migration: %+v", st)
		}
		// v4: rejections work; the v1 manual span makes its document
		// hand-labelled.
		if err := s.Reject(1, Rejection{Label: annotate.Quote, Kind: annotate.KindDirect, Start: 15, End: 21}); err != nil {
			t.Errorf("reject after migration: %v", err)
		}
		if r, err := s.Rejections(1); err != nil || len(r) != 1 {
			t.Errorf("rejections after migration = %+v, %v", r, err)
		}
		var hand []string
		if err := s.EachHandLabeledDocument(func(_ int64, d *annotate.Document) error { hand = append(hand, d.ID); return nil }); err != nil || !reflect.DeepEqual(hand, []string{"a1"}) {
			t.Errorf("hand-labelled documents after migration = %v, %v", hand, err)
		}
		// The v1 undo history still works and keeps the count right.
		d, e, err := s.Undo(1)
		if err != nil {
			t.Fatal(err)
		}
		if e.Kind != annotate.EditAddSpan || d.SpanByID("q1") >= 0 || len(d.Relations) != 0 {
			t.Errorf("undo after migration: edit %v, doc %s", e.Kind, marshal(t, d))
		}
		if list, _ := s.ListDocuments("biden"); len(list) != 1 || list[0].Spans != 1 {
			t.Errorf("span count after undo: %+v", list)
		}
	})
	t.Run("open migrates an older project", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "v1.sayso")
		createAt(t, path, 1).Close()
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if got := pragma(t, s.w, "PRAGMA user_version"); got != fmt.Sprint(SchemaVersion) {
			t.Fatalf("user_version = %s", got)
		}
	})
}

// extrasDoc exercises what a round trip must keep: unknown fields at every
// level (with odd spacing), attrs of every JSON type, score, source,
// annotator, non-ASCII text, and meta.
const extrasDoc = `{"id": "x-1", "title": "Ünïcode “title”", "text": "Ünïcode “title”\n\nEmoji 🙂 said <b>&amp</b> “we will act”.", ` +
	`"meta": {"source_file": "x.txt", "n": 3, "nested": {"a": [1, 2.5, "x", true, null]}}, ` +
	`"spans": [{"id": "s1", "label": "SPEAKER", "start": 17, "end": 22, "text": "Emoji", "attrs": {"entity": "Emoji Person", "n": 1e21, "f": 0.1, "neg": -3, "b": false, "nul": null, "list": ["a", 1]}, "source": "accepted", "annotator": "kim", "conf":  { "x" : 1 }}, ` +
	`{"id": "q1", "label": "QUOTE", "start": 43, "end": 54, "text": "we will act", "attrs": {"kind": "direct"}, "score": 0.123456789, "source": "suggested"}, ` +
	`{"id": "t1", "label": "THREAT", "start": 43, "end": 54, "text": "we will act", "attrs": {"issuer": "Emoji Person", "target": "", "conditional": false}}], ` +
	`"relations": [{"label": "issued_by", "from": "t1", "to": "s1", "why":"<html>"}, {"label": "attributed_to", "from": "q1", "to": "s1"}], "source": {"feed": "rss"}, "z": 1}`

func parse(t testing.TB, line string) *annotate.Document {
	t.Helper()
	d, err := annotate.ParseDocumentJSON([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestRoundTrip(t *testing.T) {
	docs := readJSONL(t, "testdata/seeds.jsonl")
	if len(docs) == 0 {
		t.Fatal("no seed documents")
	}
	docs = append(docs, parse(t, extrasDoc))
	want := make([]string, len(docs))
	for i, d := range docs {
		c := d.Clone()
		c.Status = annotate.StatusInProgress // annotated, no status given
		want[i] = marshal(t, c)
	}
	s := newStore(t)
	res := mustAdd(t, s, docs...)
	check := func(s *Store) {
		t.Helper()
		for i, r := range res {
			if got := marshal(t, mustDoc(t, s, r.ID)); got != want[i] {
				t.Errorf("document %d:\n got %s\nwant %s", i, got, want[i])
			}
		}
		i := 0
		err := s.EachDocument("", func(d *annotate.Document) error {
			if got := marshal(t, d); got != want[i] {
				t.Errorf("EachDocument %d:\n got %s\nwant %s", i, got, want[i])
			}
			i++
			return nil
		})
		if err != nil || i != len(docs) {
			t.Errorf("EachDocument: %d docs, %v", i, err)
		}
	}
	check(s)
	s = reopen(t, s)
	check(s)

	// Document gives spans in canonical order and the same values.
	d := mustDoc(t, s, res[len(res)-1].ID)
	for i := 1; i < len(d.Spans); i++ {
		if annotate.SpanLess(d.Spans[i], d.Spans[i-1]) {
			t.Errorf("spans out of canonical order: %s before %s", d.Spans[i-1].ID, d.Spans[i].ID)
		}
	}
	orig := docs[len(docs)-1]
	for _, sp := range orig.Spans {
		got := d.Spans[d.SpanByID(sp.ID)]
		if !reflect.DeepEqual(got.Attrs, sp.Attrs) {
			t.Errorf("span %s attrs %#v, want %#v", sp.ID, got.Attrs, sp.Attrs)
		}
	}
	if !reflect.DeepEqual(d.Meta, orig.Meta) {
		t.Errorf("meta %#v, want %#v", d.Meta, orig.Meta)
	}
}

func TestAddDocumentsDuplicates(t *testing.T) {
	s := newStore(t)
	res := mustAdd(t, s, plainDoc("a", "Text one"), plainDoc("b", "Text two"), plainDoc("c", "Text one"))
	want := []AddResult{{ID: 1, UID: "a"}, {ID: 2, UID: "b"}, {Duplicate: true, DuplicateOf: 1}}
	if !reflect.DeepEqual(res, want) {
		t.Fatalf("first batch: %+v, want %+v", res, want)
	}
	// Across batches, whatever the id, title or annotations.
	dup := plainDoc("other-id", "Text two")
	dup.Title = "Another title"
	res = mustAdd(t, s, dup, plainDoc("d", "Text three"))
	want = []AddResult{{Duplicate: true, DuplicateOf: 2}, {ID: 3, UID: "d"}}
	if !reflect.DeepEqual(res, want) {
		t.Fatalf("second batch: %+v, want %+v", res, want)
	}
	// A different line ending is a different text (texts are compared as imported).
	res = mustAdd(t, s, plainDoc("e", "Text one\n"))
	if res[0].Duplicate {
		t.Error("text with a trailing newline counted as duplicate")
	}
	if n, _ := s.CountDocuments(""); n != 4 {
		t.Errorf("%d documents, want 4", n)
	}
}

func TestAddDocumentsUIDs(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, plainDoc("doc-3", "pre-existing"), plainDoc("art", "first art"))
	for _, c := range []struct {
		id, text, want string
	}{
		{"", "no id", "doc-3-2"}, // gets id 3, whose generated name is taken
		{"", "no id either", "doc-4"},
		{"art", "second art", "art-2"},
		{"art", "third art", "art-3"},
		{"art-2", "art-2 by name", "art-2-2"},
		{"fresh", "fresh", "fresh"},
	} {
		res := mustAdd(t, s, plainDoc(c.id, c.text))
		if res[0].UID != c.want {
			t.Errorf("id %q: stored as %q, want %q", c.id, res[0].UID, c.want)
		}
		if d := mustDoc(t, s, res[0].ID); d.ID != c.want || d.Text != c.text {
			t.Errorf("id %q: Document gives %q %q", c.id, d.ID, d.Text)
		}
	}
	// Within one batch too; the caller's documents are not modified.
	a, b := plainDoc("same", "one"), plainDoc("same", "two")
	res := mustAdd(t, s, a, b, plainDoc("", "three"))
	if res[0].UID != "same" || res[1].UID != "same-2" || res[2].UID != fmt.Sprintf("doc-%d", res[2].ID) {
		t.Errorf("batch UIDs: %+v", res)
	}
	if a.ID != "same" || b.ID != "same" {
		t.Error("AddDocuments modified its input")
	}
}

func TestAddDocumentsStatusAndTitle(t *testing.T) {
	annotated := func(status string) *annotate.Document {
		d := parse(t, `{"id": "x", "text": "Biden said so.", "spans": [{"id": "s1", "label": "SPEAKER", "start": 0, "end": 5, "text": "Biden"}]}`)
		d.Status = status
		return d
	}
	for _, c := range []struct {
		name   string
		doc    *annotate.Document
		status string
	}{
		{"no spans", plainDoc("x", "Plain."), "new"},
		{"spans", annotated(""), "in progress"},
		{"explicit done", annotated("done"), "done"},
		{"explicit new with spans", annotated("new"), "new"},
		{"spelling normalised", annotated("In_Progress"), "in progress"},
		{"from meta.status", parse(t, `{"id": "x", "text": "Plain.", "meta": {"status": "done"}}`), "done"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			d := mustDoc(t, s, mustAdd(t, s, c.doc)[0].ID)
			if d.Status != c.status {
				t.Errorf("status %q, want %q", d.Status, c.status)
			}
			if _, ok := d.Meta["status"]; ok {
				t.Error("meta.status kept alongside the status column")
			}
		})
	}
	s := newStore(t)
	titled := plainDoc("t", "\n\n  First line  \nSecond")
	res := mustAdd(t, s, titled, &annotate.Document{ID: "u", Title: "Given", Text: "Text"})
	if d := mustDoc(t, s, res[0].ID); d.Title != "First line" {
		t.Errorf("title %q, want the first non-empty line", d.Title)
	}
	if d := mustDoc(t, s, res[1].ID); d.Title != "Given" {
		t.Errorf("title %q, want the given one", d.Title)
	}
}

func TestAddDocumentsBadInput(t *testing.T) {
	good := plainDoc("good", "A good text.")
	for _, c := range []struct {
		name string
		doc  *annotate.Document
		msg  string
	}{
		{"nil", nil, "document 2: no document"},
		{"empty text", plainDoc("e", ""), `document 2 ("e"): empty text`},
		{"span outside text", &annotate.Document{ID: "o", Text: "short", Spans: []annotate.Span{{ID: "q1", Label: "QUOTE", Start: 2, End: 50}}}, "outside the text"},
		{"span text mismatch", &annotate.Document{ID: "m", Text: "short", Spans: []annotate.Span{{ID: "q1", Label: "QUOTE", Start: 0, End: 2, Text: "xx"}}}, "not the span's text"},
		{"dangling relation", &annotate.Document{ID: "r", Text: "short", Relations: []annotate.Relation{{Label: "x", From: "a", To: "b"}}}, "points at a span"},
		{"bad status", &annotate.Document{ID: "st", Text: "short", Status: "reviewed"}, `unknown status "reviewed"`},
		{"bad extra", &annotate.Document{ID: "x", Text: "short", Extra: map[string]json.RawMessage{"k": json.RawMessage("{bad")}}, `unknown field "k"`},
		{"unencodable attr", &annotate.Document{ID: "ch", Text: "short", Spans: []annotate.Span{{ID: "q1", Label: "QUOTE", Start: 0, End: 2, Text: "sh", Attrs: map[string]any{"c": make(chan int)}}}}, `span "q1": attrs`},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			mustAdd(t, s, plainDoc("before", "Already saved."))
			_, err := s.AddDocuments([]*annotate.Document{good, c.doc})
			if err == nil || !strings.Contains(err.Error(), c.msg) || !strings.Contains(err.Error(), "document 2") {
				t.Fatalf("error %v, want one naming document 2 and %q", err, c.msg)
			}
			if CheckDocument(c.doc) == nil {
				t.Error("CheckDocument accepts what AddDocuments refuses")
			}
			// Nothing of the batch was written; what was saved is intact.
			list, err := s.ListDocuments("")
			if err != nil || len(list) != 1 || list[0].UID != "before" {
				t.Fatalf("after a refused batch: %+v %v", list, err)
			}
			if got := pragma(t, s.w, "PRAGMA integrity_check"); got != "ok" {
				t.Fatal(got)
			}
		})
	}
}

func TestAddDocumentsSeq(t *testing.T) {
	s := newStore(t)
	docs := []*annotate.Document{plainDoc("a", "one"), plainDoc("b", "two"), plainDoc("c", "one")}
	res, err := s.AddDocumentsSeq(slices.Values(docs))
	want := []AddResult{{ID: 1, UID: "a"}, {ID: 2, UID: "b"}, {Duplicate: true, DuplicateOf: 1}}
	if err != nil || !reflect.DeepEqual(res, want) {
		t.Fatalf("AddDocumentsSeq = %+v, %v; want %+v", res, err, want)
	}

	// A bad document stops an endless iteration, which has ended when
	// AddDocumentsSeq returns, and nothing of the import is kept.
	var yielded, ended atomic.Int64
	endless := func(yield func(*annotate.Document) bool) {
		defer ended.Store(1)
		for i := 0; ; i++ {
			d := plainDoc(fmt.Sprint("x", i), fmt.Sprint("text ", i))
			if i == 100 {
				d.Status = "bogus"
			}
			yielded.Add(1)
			if !yield(d) {
				return
			}
		}
	}
	_, err = s.AddDocumentsSeq(endless)
	if err == nil || !strings.Contains(err.Error(), `document 101 ("x100"): unknown status "bogus"`) {
		t.Fatalf("error %v", err)
	}
	if ended.Load() != 1 {
		t.Fatal("AddDocumentsSeq returned while the iteration was still running")
	}
	if n := yielded.Load(); n > 101+64+2 {
		t.Errorf("iteration went on for %d documents after the failure", n-101)
	}
	if n, _ := s.CountDocuments(""); n != 2 {
		t.Errorf("%d documents after a failed import, want the 2 from before", n)
	}
}

func TestListDocuments(t *testing.T) {
	s := newStore(t)
	docs := []*annotate.Document{
		{ID: "bbc-001", Title: "Ärger in Berlin", Text: "1"},
		{ID: "fox-002", Title: "Biden warns Putin", Text: "2"},
		{ID: "BBC-003", Title: "Markets rally", Text: "3 Biden said", Spans: []annotate.Span{{ID: "s1", Label: "SPEAKER", Start: 2, End: 7, Text: "Biden"}}},
	}
	before := time.Now().Add(-time.Second)
	mustAdd(t, s, docs...)
	for _, c := range []struct {
		filter string
		want   []string
	}{
		{"", []string{"bbc-001", "fox-002", "BBC-003"}},
		{"bbc", []string{"bbc-001", "BBC-003"}}, // UID, any case
		{"ärger", []string{"bbc-001"}},          // non-ASCII case folding
		{"  PUTIN ", []string{"fox-002"}},       // title, spaces trimmed
		{"biden", []string{"fox-002"}},          // title, not text
		{"nothing like this", nil},
		{"%", nil}, // no SQL pattern characters
	} {
		list, err := s.ListDocuments(c.filter)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range list {
			got = append(got, d.UID)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("filter %q: %v, want %v", c.filter, got, c.want)
		}
	}
	list, _ := s.ListDocuments("")
	if list[2].Spans != 1 || list[2].Status != "in progress" || list[0].Status != "new" || list[1].Title != "Biden warns Putin" {
		t.Errorf("summaries: %+v", list)
	}
	if list[0].ID >= list[1].ID || list[0].Updated.Before(before) || list[0].Updated.After(time.Now()) {
		t.Errorf("ids or update times: %+v", list)
	}
}

func TestStatusCountsStatsEntities(t *testing.T) {
	s := newStore(t)
	res := mustAdd(t, s, parse(t, extrasDoc), plainDoc("p1", "plain one"), plainDoc("p2", "plain two"), synthDoc(0, newRand()))
	if err := s.SetStatus(res[1].ID, "done"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStatus(res[1].ID, "finished"); err == nil || !strings.Contains(err.Error(), `unknown status "finished"`) {
		t.Errorf("bad status: %v", err)
	}
	if err := s.SetStatus(999, "done"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown document: %v", err)
	}
	for status, want := range map[string]int{"": 4, "new": 1, "in progress": 2, "done": 1, "IN-PROGRESS": 2} {
		if n, err := s.CountDocuments(status); err != nil || n != want {
			t.Errorf("CountDocuments(%q) = %d, %v; want %d", status, n, err, want)
		}
	}
	if _, err := s.CountDocuments("bogus"); err == nil {
		t.Error("CountDocuments accepts an unknown status")
	}
	var done []string
	if err := s.EachDocument("done", func(d *annotate.Document) error { done = append(done, d.ID); return nil }); err != nil || !reflect.DeepEqual(done, []string{"p1"}) {
		t.Errorf("EachDocument(done) = %v, %v", done, err)
	}
	// A filtered walk gives whole documents (spans and relations are
	// merged through the status filter too).
	var inProgress []int64
	err := s.EachDocument("in progress", func(d *annotate.Document) error {
		for _, r := range res {
			if r.UID == d.ID {
				inProgress = append(inProgress, r.ID)
				if want := marshal(t, mustDoc(t, s, r.ID)); marshal(t, d) != want || len(d.Spans) == 0 {
					t.Errorf("EachDocument(in progress) gives %s\nwant %s", marshal(t, d), want)
				}
			}
		}
		return nil
	})
	if err != nil || !reflect.DeepEqual(inProgress, []int64{res[0].ID, res[3].ID}) {
		t.Errorf("EachDocument(in progress) = %v, %v", inProgress, err)
	}
	if err := s.EachDocument("bogus", func(*annotate.Document) error { return nil }); err == nil {
		t.Error("EachDocument accepts an unknown status")
	}

	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	synth := synthDoc(0, newRand()).CountLabels()
	want := Stats{
		Documents:    4,
		ByStatus:     map[string]int{"new": 1, "in progress": 2, "done": 1},
		SpansByLabel: map[string]int{"SPEAKER": 1 + synth[annotate.Speaker], "QUOTE": 1 + synth[annotate.Quote], "THREAT": 1 + synth[annotate.Threat]},
		Annotated:    2,
	}
	if !reflect.DeepEqual(st, want) {
		t.Errorf("Stats = %+v\nwant %+v", st, want)
	}

	// Entities: by frequency, then name; non-text and empty entities left out.
	s2 := newStore(t)
	sp := func(id, entity any) annotate.Span {
		return annotate.Span{ID: fmt.Sprint(id), Label: annotate.Speaker, Start: 0, End: 1, Text: "x", Attrs: map[string]any{"entity": entity}}
	}
	mustAdd(t, s2,
		&annotate.Document{ID: "1", Text: "x1", Spans: []annotate.Span{sp(1, "Zed"), sp(2, "Amy"), sp(3, 42.0), sp(4, "")}},
		&annotate.Document{ID: "2", Text: "x2", Spans: []annotate.Span{sp(1, "Zed"), sp(2, "Bob"), {ID: "q", Label: "QUOTE", Start: 0, End: 1, Text: "x", Attrs: map[string]any{"entity": "Quoted"}}}})
	checkEntities := func(want ...string) {
		t.Helper()
		ents, err := s2.Entities()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ents, want) {
			t.Errorf("Entities = %q, want %q", ents, want)
		}
	}
	checkEntities("Zed", "Amy", "Bob")
	// Edits keep the list current: rename Amy, then turn Bob's span into
	// a QUOTE.
	d := mustDoc(t, s2, 1)
	amy := d.Spans[d.SpanByID("2")].Clone()
	amy.Attrs = map[string]any{"entity": "Bob"}
	e, _ := annotate.UpdateSpan(d, amy)
	if _, err := s2.Apply(1, e); err != nil {
		t.Fatal(err)
	}
	checkEntities("Bob", "Zed")
	d = mustDoc(t, s2, 2)
	bob := d.Spans[d.SpanByID("2")].Clone()
	bob.Label = annotate.Quote
	e, _ = annotate.UpdateSpan(d, bob)
	if _, err := s2.Apply(2, e); err != nil {
		t.Fatal(err)
	}
	checkEntities("Zed", "Bob")
	if _, _, err := s2.Undo(2); err != nil {
		t.Fatal(err)
	}
	checkEntities("Bob", "Zed")
}

// TestQueryPlans guards the indexes the hot queries rely on.
func TestQueryPlans(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, synthDocs(3)...)
	for _, c := range []struct {
		q    string
		args []any
		want string
	}{
		{entitiesSQL, []any{"SPEAKER"}, "COVERING INDEX spans_label_entity"},
		{labelCountSQL, nil, "COVERING INDEX spans_label_entity"},
		{`SELECT ` + spanScanCols + ` FROM spans WHERE doc_id = ? AND layer = ?`, []any{1, ""}, "SEARCH spans USING PRIMARY KEY (doc_id=? AND layer=?)"},
		{`SELECT doc_id, label, from_sid, to_sid, extra FROM relations WHERE doc_id = ? AND layer = ? ORDER BY pos`, []any{1, ""}, "SEARCH relations USING PRIMARY KEY (doc_id=? AND layer=?)"},
		{`SELECT id, edit FROM history WHERE doc_id = ? AND layer = ? AND undone = 0 ORDER BY id DESC LIMIT 1`, []any{1, ""}, "SEARCH history USING INDEX history_doc (doc_id=? AND layer=? AND undone=?)"},
		{`SELECT pos FROM relations WHERE doc_id = ? AND layer = ? AND to_sid = ?`, []any{1, "", "s1"}, "USING COVERING INDEX relations_to"},
		{`SELECT pos FROM relations WHERE doc_id = ? AND layer = ? AND from_sid = ?`, []any{1, "", "s1"}, "USING COVERING INDEX relations_from"},
		{`SELECT layer, count(DISTINCT doc_id), count(*) FROM spans GROUP BY layer ORDER BY layer`, nil, "COVERING INDEX spans_layer"},
		{layerCountSQL, []any{""}, "COVERING INDEX spans_layer (layer=?)"},
		{rejectionsSQL, []any{"h"}, "SEARCH rejections USING PRIMARY KEY (hash=?)"},
		{docHashSQL, []any{1}, "SEARCH documents USING INTEGER PRIMARY KEY (rowid=?)"},
		{`SELECT id FROM documents d` + handLabeledWhere, nil, "USING INDEX spans_by_hand"},
	} {
		rows, err := s.r.Query("EXPLAIN QUERY PLAN "+c.q, c.args...)
		if err != nil {
			t.Fatalf("%s: %v", c.q, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if p := strings.Join(plan, "; "); !strings.Contains(p, c.want) {
			t.Errorf("%s\nplan: %s\nwant: %s", c.q, p, c.want)
		}
	}
}

func TestSettings(t *testing.T) {
	s := newStore(t)
	if v, err := s.Setting("missing"); v != "" || err != nil {
		t.Errorf("unset setting = %q, %v", v, err)
	}
	for _, v := range []string{"one", "two ünï"} {
		if err := s.SetSetting("k", v); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Setting("k"); got != v {
			t.Errorf("Setting = %q, want %q", got, v)
		}
	}
	s = reopen(t, s)
	if got, _ := s.Setting("k"); got != "two ünï" {
		t.Errorf("after reopen: %q", got)
	}
	if err := s.SetSetting("k", ""); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Setting("k"); got != "" {
		t.Errorf("cleared setting = %q", got)
	}
	if err := s.SetSetting("", "x"); err == nil {
		t.Error("empty key accepted")
	}
}

func TestDocumentNotFound(t *testing.T) {
	s := newStore(t)
	if _, err := s.Document(7); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "document 7") {
		t.Errorf("Document(7): %v", err)
	}
	if _, err := s.Apply(7, annotate.AddSpan(annotate.Span{ID: "q", Label: "QUOTE", Start: 0, End: 1})); !errors.Is(err, ErrNotFound) {
		t.Errorf("Apply(7): %v", err)
	}
	if _, _, err := s.CanUndo(7); !errors.Is(err, ErrNotFound) {
		t.Errorf("CanUndo(7): %v", err)
	}
	if _, _, err := s.Undo(7); !errors.Is(err, ErrNotFound) {
		t.Errorf("Undo(7): %v", err)
	}
}

func TestEachDocumentStopsOnError(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, synthDocs(5)...)
	stop := errors.New("stop")
	n := 0
	err := s.EachDocument("", func(d *annotate.Document) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 {
		t.Errorf("EachDocument: %v after %d docs", err, n)
	}
}

func TestBusyProjectGivesClearError(t *testing.T) {
	defer func(d time.Duration) { busyTimeout = d }(busyTimeout)
	busyTimeout = 200 * time.Millisecond
	a := newStore(t)
	id := mustAdd(t, a, plainDoc("x", "Biden said it."))[0].ID
	b, err := Open(a.Path()) // a second process, as far as SQLite knows
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	// a holds the write lock, as a long import does.
	tx, err := a.w.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`UPDATE settings SET value = value`); err != nil {
		t.Fatal(err)
	}
	// Opening the project meanwhile works (the app starting during an
	// import).
	t0 := time.Now()
	c, err := Open(a.Path())
	if err != nil {
		t.Fatalf("Open while another store writes: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(t0); d >= busyTimeout {
		t.Errorf("Open and Close waited %v for the other writer", d)
	}
	start := time.Now()
	_, err = b.Apply(id, annotate.AddSpan(annotate.Span{ID: "s1", Label: annotate.Speaker, Start: 0, End: 5}))
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), a.Path()) {
		t.Fatalf("Apply on a locked project: %v", err)
	}
	if waited := time.Since(start); waited < busyTimeout {
		t.Errorf("gave up after %v, before the busy timeout", waited)
	}
	// Reads go on meanwhile.
	if _, err := b.Document(id); err != nil {
		t.Errorf("read while locked: %v", err)
	}
	tx.Rollback()
	if _, err := b.Apply(id, annotate.AddSpan(annotate.Span{ID: "s1", Label: annotate.Speaker, Start: 0, End: 5})); err != nil {
		t.Fatalf("Apply after the lock was released: %v", err)
	}
	if u, _, _ := b.CanUndo(id); !u {
		t.Error("the retried edit is not in the history")
	}
}
