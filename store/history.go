package store

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/sayso/sayso/annotate"
)

// The undo history is stored as annotate.Edit's own JSON: spans and
// relations in the native format with their unknown fields inline.

func encodeEdit(e annotate.Edit) (string, error) {
	b, err := e.MarshalJSON()
	if err != nil {
		return "", fmt.Errorf("cannot record the edit: %v", err)
	}
	return string(b), nil
}

func decodeEdit(s string) (annotate.Edit, error) {
	var e annotate.Edit
	if err := json.Unmarshal([]byte(s), &e); err != nil {
		return annotate.Edit{}, fmt.Errorf("stored edit is damaged: %v", err)
	}
	return e, nil
}

// rewriteLegacyHistory moves the unknown fields of history written before
// schema v6 (kept as strings under "extra" in each span and relation)
// inline, where annotate.Edit's JSON has them.
func rewriteLegacyHistory(tx *sql.Tx) error {
	rows, err := tx.Query(`SELECT id, edit FROM history WHERE edit LIKE '%"extra"%'`)
	if err != nil {
		return err
	}
	type row struct {
		id   int64
		edit string
	}
	var todo []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.edit); err != nil {
			rows.Close()
			return err
		}
		todo = append(todo, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range todo {
		fixed, err := inlineLegacyExtra(json.RawMessage(r.edit))
		if err != nil {
			return fmt.Errorf("history step %d: %v", r.id, err)
		}
		if _, err := tx.Exec(`UPDATE history SET edit = ? WHERE id = ?`, string(fixed), r.id); err != nil {
			return err
		}
	}
	return nil
}

// inlineLegacyExtra rewrites, anywhere in raw, an object with "label"
// (a span or a relation) whose "extra" is an object of strings: each
// string is a field's raw JSON, put back as that field.
func inlineLegacyExtra(raw json.RawMessage) (json.RawMessage, error) {
	if len(raw) == 0 {
		return raw, nil
	}
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) > 0 && raw[0] == '{':
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, err
		}
		for k, v := range m {
			fixed, err := inlineLegacyExtra(v)
			if err != nil {
				return nil, err
			}
			m[k] = fixed
		}
		inlineExtra(m)
		return rawObject(m)
	case len(raw) > 0 && raw[0] == '[':
		var list []json.RawMessage
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, err
		}
		for i, v := range list {
			fixed, err := inlineLegacyExtra(v)
			if err != nil {
				return nil, err
			}
			list[i] = fixed
		}
		parts := make([][]byte, len(list))
		for i, v := range list {
			parts[i] = v
		}
		return append(append([]byte{'['}, bytes.Join(parts, []byte(","))...), ']'), nil
	}
	return raw, nil
}

// rawObject writes m with its values exactly as they are (json.Marshal
// would compact and escape them), keys sorted.
func rawObject(m map[string]json.RawMessage) (json.RawMessage, error) {
	obj, err := encodeRaw(m)
	if err != nil || obj == nil {
		return json.RawMessage("{}"), err
	}
	return json.RawMessage(obj.(string)), nil
}

// inlineExtra moves a legacy span's or relation's "extra" strings inline.
func inlineExtra(m map[string]json.RawMessage) {
	ex, ok := m["extra"]
	if _, labelled := m["label"]; !ok || !labelled {
		return
	}
	var fields map[string]string
	if json.Unmarshal(ex, &fields) != nil {
		return
	}
	delete(m, "extra")
	for k, v := range fields {
		if _, taken := m[k]; !taken && json.Valid([]byte(v)) {
			m[k] = json.RawMessage(v)
		}
	}
}
