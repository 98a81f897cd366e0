package format

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/sayso/sayso/annotate"
)

var jsonlHolds = Holds{Overlaps: true, Relations: true, Attributes: true, Provenance: true, Scores: true, Meta: true}

func init() {
	Register(&Format{
		Name:        "jsonl",
		Title:       "sayso JSONL (native)",
		Ext:         ".jsonl",
		Description: "one JSON object per document, with every span, attribute, relation and unknown field",
		Holds:       jsonlHolds,
		Export:      exportJSONL,
		Import:      importJSONL,
		Detect:      detectJSONL,
	})
}

// detectJSONL claims .jsonl files whose first line is an object with a
// "text" and a "title" or "spans" field: native lines start with id,
// title, text, while other JSONL formats (doccano, Hugging Face, spaCy)
// have no title and keep their spans under other names.
func detectJSONL(name string, head []byte) bool {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	has := func(k string) bool { return bytes.Contains(head, []byte(`"`+k+`"`)) }
	return strings.HasSuffix(strings.ToLower(name), ".jsonl") && bytes.HasPrefix(head, []byte("{")) &&
		has("text") && (has("title") || has("spans"))
}

// offsetsKey is the top-level field that names the offset unit of a line
// whose offsets are not code points.
const offsetsKey = "offsets"

func exportJSONL(docs []*annotate.Document, sink Sink, opt Options, loss *Loss) error {
	Account(docs, jsonlHolds, loss)
	return writeMain(sink, func(bw *bufio.Writer) error {
		for _, d := range docs {
			line, err := annotate.MarshalDocument(d)
			if err == nil && opt.Offsets != CodePoints && opt.Offsets != "" {
				line, err = lineOffsets(line, opt.Offsets, true)
			}
			if err != nil {
				return fmt.Errorf("document %s: %v", d.ID, err)
			}
			bw.Write(line)
			bw.WriteByte('\n')
		}
		return nil
	})
}

// maxLineErrors is how many bad lines an import names before it only
// counts them.
const maxLineErrors = 20

func importJSONL(fsys fs.FS, path string, opt Options, emit Emit) error {
	f, err := fsys.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return readJSONL(path, f, opt, emit)
}

// readJSONL reads native JSONL, emitting every good document. Bad lines
// do not stop the others; they are returned together at the end, each
// naming the file and line.
func readJSONL(name string, r io.Reader, opt Options, emit Emit) error {
	br := bufio.NewReaderSize(r, 1<<20)
	var bad []error
	nbad := 0
	for n := 1; ; n++ {
		line, rerr := br.ReadBytes('\n')
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF"))
		}
		if len(bytes.TrimSpace(line)) > 0 {
			d, perr := parseLine(line, opt.Offsets)
			if perr != nil {
				nbad++
				if len(bad) < maxLineErrors {
					bad = append(bad, &annotate.InputError{File: name, Line: n, Offset: -1, Msg: perr.Error()})
				}
			} else if err := emit(d); err != nil {
				return err
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return &annotate.InputError{File: name, Line: n, Offset: -1, Msg: "read error: " + rerr.Error()}
		}
	}
	if nbad > len(bad) {
		bad = append(bad, fmt.Errorf("%s: %d more bad lines", name, nbad-len(bad)))
	}
	return errors.Join(bad...)
}

// parseLine converts a line's offsets to code points when the line (its
// "offsets" field) or the option names another unit, then parses it with
// the one native parser.
func parseLine(line []byte, unit Offsets) (*annotate.Document, error) {
	if unit == "" {
		unit = CodePoints
	}
	if unit != CodePoints || bytes.Contains(line, []byte(`"`+offsetsKey+`"`)) {
		var err error
		if line, err = lineOffsets(line, unit, false); err != nil {
			return nil, err
		}
	}
	return annotate.ParseDocumentJSON(line)
}

// lineOffsets rewrites the span offsets of one JSONL line: from code
// points into unit (export) or from the line's unit back to code points
// (import), where the line's own "offsets" field wins over unit.
func lineOffsets(line []byte, unit Offsets, export bool) ([]byte, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(line, &raw); err != nil {
		return nil, fmt.Errorf("not a JSON object: %v", err)
	}
	if !export {
		if u, ok := raw[offsetsKey]; ok {
			var s string
			if err := json.Unmarshal(u, &s); err != nil {
				return nil, fmt.Errorf("field %q: %v", offsetsKey, err)
			}
			var err error
			if unit, err = ParseOffsets(s); err != nil {
				return nil, fmt.Errorf("field %q: %v", offsetsKey, err)
			}
			delete(raw, offsetsKey)
		}
	}
	var text string
	if err := json.Unmarshal(raw["text"], &text); err != nil || raw["text"] == nil {
		return nil, fmt.Errorf(`missing or bad "text"`)
	}
	if export {
		raw[offsetsKey] = json.RawMessage(`"` + string(unit) + `"`)
	}
	if sr, ok := raw["spans"]; ok && unit != CodePoints {
		spans, err := convertSpans(sr, NewConverter(text, unit), export)
		if err != nil {
			return nil, err
		}
		raw["spans"] = spans
	}
	return encodeJSON(raw)
}

func convertSpans(sr json.RawMessage, c *Converter, export bool) (json.RawMessage, error) {
	var spans []map[string]json.RawMessage
	if err := json.Unmarshal(sr, &spans); err != nil {
		return nil, fmt.Errorf(`"spans" is not a list of objects: %v`, err)
	}
	for i, s := range spans {
		for _, k := range []string{"start", "end"} {
			var off int
			if err := json.Unmarshal(s[k], &off); err != nil {
				return nil, fmt.Errorf("span %d: field %q: %v", i+1, k, err)
			}
			if export {
				off = c.To(off)
			} else {
				var err error
				if off, err = c.From(off); err != nil {
					return nil, fmt.Errorf("span %d: %s %v", i+1, k, err)
				}
			}
			s[k] = json.RawMessage(fmt.Sprint(off))
		}
	}
	return encodeJSON(spans)
}

// encodeJSON marshals v without HTML escaping and without a newline.
func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
