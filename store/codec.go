package store

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"sort"

	"github.com/sayso/sayso/annotate"
)

// encodeMap stores a meta or attrs object as JSON; nil (SQL NULL) when
// empty. Values come back from decodeMap as encoding/json gives them
// (numbers as float64), exactly as annotate's JSONL reader produces them.
func encodeMap(m map[string]any) (any, error) {
	if len(m) == 0 {
		return nil, nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return nil, err
	}
	return string(bytes.TrimRight(b.Bytes(), "\n")), nil
}

func decodeMap(s sql.NullString) (map[string]any, error) {
	if !s.Valid || s.String == "" {
		return nil, nil
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(s.String), &m); err != nil {
		return nil, fmt.Errorf("stored JSON object is damaged: %v", err)
	}
	return m, nil
}

// encodeRaw stores unknown fields as a JSON object whose values are the
// raw JSON exactly as read (json.Marshal would re-format them), so an
// export writes them back byte for byte.
func encodeRaw(m map[string]json.RawMessage) (any, error) {
	if len(m) == 0 {
		return nil, nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range keys {
		if !json.Valid(m[k]) {
			return nil, fmt.Errorf("unknown field %q does not hold valid JSON", k)
		}
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		b.Write(m[k])
	}
	b.WriteByte('}')
	return b.String(), nil
}

func decodeRaw(s sql.NullString) (map[string]json.RawMessage, error) {
	if !s.Valid || s.String == "" {
		return nil, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s.String), &m); err != nil {
		return nil, fmt.Errorf("stored unknown fields are damaged: %v", err)
	}
	return m, nil
}

// checkDoc is what the store requires of a document before writing it:
// annotate's own validation plus what SQL or JSON cannot hold.
func checkDoc(d *annotate.Document) error {
	if d.Text == "" {
		return fmt.Errorf("empty text")
	}
	if err := d.Validate(); err != nil {
		return err
	}
	for i, s := range d.Spans {
		if s.Score != nil && (math.IsNaN(*s.Score) || math.IsInf(*s.Score, 0)) {
			return fmt.Errorf("span %d (%q): score %v is not a finite number", i+1, s.ID, *s.Score)
		}
	}
	return nil
}
