package format

// Helpers shared by the peer tools' formats (brat, doccano, Label
// Studio): loss accounting, document text and offsets, JSON writing.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/sayso/sayso/annotate"
)

// peerExtraLoss reports unknown span fields, except the format's own key.
func peerExtraLoss(d *annotate.Document, s *annotate.Span, loss *Loss, own string) {
	for _, k := range peerKeys(s.Extra) {
		if k != own {
			loss.Add("unknown span fields left out", fmt.Sprintf("%s: %s.%s", d.ID, s.ID, k))
		}
	}
}

func peerRelExtraLoss(d *annotate.Document, r annotate.Relation, loss *Loss) {
	for _, k := range peerKeys(r.Extra) {
		loss.Add("unknown relation fields left out", fmt.Sprintf("%s: %s %s.%s", d.ID, r.Label, r.From, k))
	}
}

// peerKeys returns the keys of m, sorted, so that loss examples come in a
// stable order.
func peerKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// peerMeta is the document's meta with its status, as the native format
// writes it.
func peerMeta(d *annotate.Document) map[string]any {
	if d.Status == "" {
		return d.Meta
	}
	m := make(map[string]any, len(d.Meta)+1)
	for k, v := range d.Meta {
		m[k] = v
	}
	m["status"] = d.Status
	return m
}

// peerText is a peer tool's document text made into sayso's text (BOM
// removed, CRLF and CR turned into LF, as annotate.Normalize does), with
// the map from the tool's offsets, which count the text as it was.
type peerText struct {
	raw   string
	text  string
	runes *annotate.Runes // of raw
	keep  []int           // keep[i]: offset in text of raw code point i; nil when text == raw
	conv  map[Offsets]*Converter
}

func newPeerText(raw string) *peerText {
	p := &peerText{raw: raw, text: raw, runes: annotate.NewRunes(raw)}
	if !strings.HasPrefix(raw, "\uFEFF") && !strings.Contains(raw, "\r") {
		return p
	}
	var b strings.Builder
	p.keep = make([]int, 0, len(raw)+1)
	n := 0
	for i, r := range raw {
		p.keep = append(p.keep, n)
		switch {
		case i == 0 && r == '\uFEFF', r == '\r' && strings.HasPrefix(raw[i+1:], "\n"):
			continue
		case r == '\r':
			r = '\n'
		}
		b.WriteRune(r)
		n++
	}
	p.keep = append(p.keep, n)
	p.text = b.String()
	return p
}

func (p *peerText) converter(unit Offsets) *Converter {
	if unit == "" {
		unit = CodePoints
	}
	if c, ok := p.conv[unit]; ok {
		return c
	}
	if p.conv == nil {
		p.conv = map[Offsets]*Converter{}
	}
	c := NewConverter(p.raw, unit)
	p.conv[unit] = c
	return c
}

// rawCP converts one offset in unit to a code point of the raw text.
func (p *peerText) rawCP(off int, unit Offsets) (int, error) {
	cp, err := p.converter(unit).From(off)
	if err != nil {
		return 0, err
	}
	if cp < 0 || cp > p.runes.Len() {
		return 0, fmt.Errorf("offset %d is outside the text (%d %s)", off, p.runes.Len(), CodePoints.Unit())
	}
	return cp, nil
}

// rawSpan converts start..end in unit to raw code points.
func (p *peerText) rawSpan(start, end int, unit Offsets) (int, int, error) {
	if start < 0 || end <= start {
		return 0, 0, fmt.Errorf("offsets %d..%d are not a range (start must be at least 0 and below end)", start, end)
	}
	s, err := p.rawCP(start, unit)
	if err == nil {
		var e int
		if e, err = p.rawCP(end, unit); err == nil {
			return s, e, nil
		}
	}
	if unit == CodePoints || unit == "" {
		if p.runes.Len() != p.converter(UTF16).To(p.runes.Len()) {
			err = fmt.Errorf("%v; the text has characters outside the BMP, so were the offsets written in UTF-16 code units? try --offsets utf16", err)
		}
	}
	return 0, 0, err
}

// norm maps a raw code point to the normalised text.
func (p *peerText) norm(cp int) int {
	if p.keep == nil {
		return cp
	}
	return p.keep[cp]
}

// span converts start..end in unit to code points of the normalised text.
func (p *peerText) span(start, end int, unit Offsets) (int, int, error) {
	s, e, err := p.rawSpan(start, end, unit)
	if err != nil {
		return 0, 0, err
	}
	s, e = p.norm(s), p.norm(e)
	if e <= s {
		return 0, 0, fmt.Errorf("offsets %d..%d cover only a line end", start, end)
	}
	return s, e, nil
}

// peerUnits is the order in which offset units are tried when a file's
// span text shows that the given unit is wrong.
var peerUnits = []Offsets{CodePoints, UTF16, UTF8}

// matchSpan converts start..end like span, checking that the raw text
// there is want (as judged by match). When it is not, the other units are
// tried: a file whose span texts agree with UTF-16 offsets was written in
// UTF-16, whatever the user guessed. It returns the unit that matched.
func (p *peerText) matchSpan(start, end int, unit Offsets, want string, match func(got, want string) bool) (int, int, Offsets, error) {
	if unit == "" {
		unit = CodePoints
	}
	var first error
	for _, u := range append([]Offsets{unit}, peerUnits...) {
		s, e, err := p.rawSpan(start, end, u)
		if err == nil && !match(p.runes.Slice(s, e), want) {
			err = fmt.Errorf("text at %d..%d (%s) is %q, not %q", start, end, u.Unit(), peerClip(p.runes.Slice(s, e)), peerClip(want))
		}
		if err == nil {
			ns, ne := p.norm(s), p.norm(e)
			if ne <= ns {
				return 0, 0, u, fmt.Errorf("offsets %d..%d cover only a line end", start, end)
			}
			return ns, ne, u, nil
		}
		if first == nil {
			first = err
		}
	}
	return 0, 0, unit, first
}

func peerClip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// peerObj writes a JSON object's fields in order, without HTML escaping.
type peerObj struct {
	buf *bytes.Buffer
	n   int
	err error
}

func (w *peerObj) key(k string) {
	if w.n > 0 {
		w.buf.WriteString(", ")
	}
	w.n++
	peerString(w.buf, k)
	w.buf.WriteString(": ")
}

func (w *peerObj) field(k string, v any) {
	w.key(k)
	if s, ok := v.(string); ok {
		peerString(w.buf, s)
		return
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil && w.err == nil {
		w.err = err
	}
	w.buf.Write(bytes.TrimRight(b.Bytes(), "\n"))
}

// extra writes unknown fields back, sorted, skipping keys the format owns.
func (w *peerObj) extra(m map[string]json.RawMessage, own []string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		if !peerContains(own, k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		w.key(k)
		w.buf.Write(m[k])
	}
}

// peerString appends s as a JSON string, escaping only what JSON needs.
func peerString(buf *bytes.Buffer, s string) {
	buf.WriteByte('"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var esc string
		switch {
		case c == '"':
			esc = `\"`
		case c == '\\':
			esc = `\\`
		case c == '\n':
			esc = `\n`
		case c == '\t':
			esc = `\t`
		case c < 0x20:
			esc = `\u00` + strconv.FormatUint(uint64(c)>>4, 16) + strconv.FormatUint(uint64(c)&15, 16)
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9):
			esc = `\u202` + string("89"[s[i+2]-0xA8])
			buf.WriteString(s[start:i])
			buf.WriteString(esc)
			i += 2
			start = i + 1
			continue
		default:
			continue
		}
		buf.WriteString(s[start:i])
		buf.WriteString(esc)
		start = i + 1
	}
	buf.WriteString(s[start:])
	buf.WriteByte('"')
}
