package store

import (
	"testing"
)

// History written before schema v6 kept unknown fields as strings under
// "extra"; the migration puts them back inline, byte for byte.
func TestLegacyHistoryRewritten(t *testing.T) {
	legacy := `{"kind":"batch","steps":[{"kind":"delete_span","span":{"id":"q1","label":"QUOTE","start":0,"end":3,"text":"Kim","extra":{"conf":"{ \"x\" : 1 }"}},` +
		`"relations":[{"label":"attributed_to","from":"q1","to":"s1","extra":{"why":"\"<html>\""}}],"relation_at":[0]}],"note":"n"}`
	fixed, err := inlineLegacyExtra([]byte(legacy))
	if err != nil {
		t.Fatal(err)
	}
	e, err := decodeEdit(string(fixed))
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Steps) != 1 || e.Steps[0].Span == nil || e.Note != "n" {
		t.Fatalf("decoded %+v", e)
	}
	st := e.Steps[0]
	if got := string(st.Span.Extra["conf"]); got != `{ "x" : 1 }` {
		t.Errorf("span unknown field = %q", got)
	}
	if len(st.Relations) != 1 || string(st.Relations[0].Extra["why"]) != `"<html>"` || st.RelationAt[0] != 0 {
		t.Errorf("relations = %+v", st.Relations)
	}
	// Encoding again keeps the bytes; a current row is left alone.
	again, err := encodeEdit(e)
	if err != nil {
		t.Fatal(err)
	}
	e2, err := decodeEdit(again)
	if err != nil || string(e2.Steps[0].Span.Extra["conf"]) != `{ "x" : 1 }` {
		t.Errorf("round trip: %+v, %v", e2, err)
	}
}

// The migration rewrites legacy rows in a real database.
func TestMigrationV6RewritesHistory(t *testing.T) {
	s := newStore(t)
	mustAdd(t, s, plainDoc("d", layerText))
	legacy := `{"kind":"add_span","span":{"id":"q1","label":"QUOTE","start":9,"end":28,"extra":{"conf":"7"}}}`
	if _, err := s.w.Exec(`INSERT INTO history (doc_id, layer, edit, undone, at) VALUES (1, '', ?, 0, 1)`, legacy); err != nil {
		t.Fatal(err)
	}
	tx, err := s.w.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if err := rewriteLegacyHistory(tx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var raw string
	if err := s.r.QueryRow(`SELECT edit FROM history WHERE doc_id = 1`).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	got, err := decodeEdit(raw)
	if err != nil || got.Span == nil || string(got.Span.Extra["conf"]) != "7" {
		t.Errorf("migrated row %s: %+v, %v", raw, got, err)
	}
}
