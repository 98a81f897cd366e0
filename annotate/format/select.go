package format

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/sayso/sayso/annotate"
)

// Selection chooses what an export contains. The zero value keeps
// everything.
type Selection struct {
	// Statuses keeps only documents whose status is one of these
	// (new, in progress, done); empty keeps all. A document without a
	// status counts as new.
	Statuses []string
	// Labels keeps only spans with these labels; empty keeps all.
	Labels []annotate.Label
	// DropSuggested leaves out spans whose source is "suggested" (offered
	// by the engine and neither accepted nor edited).
	DropSuggested bool
	// Annotator keeps only this annotator's spans; empty keeps all.
	Annotator string
}

// Apply returns copies of the selected documents with the selected spans.
// Relations whose ends were left out are left out too. The input is not
// changed.
func (sel Selection) Apply(docs []*annotate.Document) []*annotate.Document {
	out := make([]*annotate.Document, 0, len(docs))
	for _, d := range docs {
		if !sel.keepDoc(d) {
			continue
		}
		c := *d
		c.Spans = make([]annotate.Span, 0, len(d.Spans))
		ids := make(map[string]bool, len(d.Spans))
		for _, s := range d.Spans {
			if sel.keepSpan(s) {
				c.Spans = append(c.Spans, s.Clone())
				ids[s.ID] = true
			}
		}
		c.Relations = make([]annotate.Relation, 0, len(d.Relations))
		for _, r := range d.Relations {
			if ids[r.From] && ids[r.To] {
				c.Relations = append(c.Relations, r)
			}
		}
		out = append(out, &c)
	}
	return out
}

func (sel Selection) keepDoc(d *annotate.Document) bool {
	if len(sel.Statuses) == 0 {
		return true
	}
	st := d.Status
	if st == "" {
		st = annotate.StatusNew
	}
	return slices.Contains(sel.Statuses, st)
}

func (sel Selection) keepSpan(s annotate.Span) bool {
	switch {
	case len(sel.Labels) > 0 && !slices.Contains(sel.Labels, s.Label):
		return false
	case sel.DropSuggested && s.Source == annotate.SourceSuggested:
		return false
	case sel.Annotator != "" && s.Annotator != sel.Annotator:
		return false
	}
	return true
}

// Part is one part of a split: its name and its share of the documents.
type Part struct {
	Name  string
	Share float64
}

// ParseSplit reads a --split value such as "train=0.8,dev=0.1,test=0.1".
// Shares are fractions summing to 1 or percentages summing to 100.
func ParseSplit(s string) ([]Part, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf(`empty split; write it as "train=0.8,dev=0.1,test=0.1"`)
	}
	var parts []Part
	sum := 0.0
	for item := range strings.SplitSeq(s, ",") {
		p, err := parsePart(strings.TrimSpace(item))
		if err != nil {
			return nil, fmt.Errorf("split %q: %v", s, err)
		}
		if slices.ContainsFunc(parts, func(q Part) bool { return q.Name == p.Name }) {
			return nil, fmt.Errorf("split %q: part %q named twice", s, p.Name)
		}
		parts = append(parts, p)
		sum += p.Share
	}
	switch {
	case math.Abs(sum-1) < 1e-6:
	case math.Abs(sum-100) < 1e-4:
		for i := range parts {
			parts[i].Share /= 100
		}
	default:
		return nil, fmt.Errorf("split %q: shares sum to %g, not 1 (or 100)", s, sum)
	}
	return parts, nil
}

func parsePart(item string) (Part, error) {
	name, val, ok := strings.Cut(item, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return Part{}, fmt.Errorf("%q is not name=share", item)
	}
	if strings.ContainsAny(name, `/\ `) {
		return Part{}, fmt.Errorf("part name %q must not hold a slash or a space (it goes into file names)", name)
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return Part{}, fmt.Errorf("share of %q is %q, not a number", name, val)
	}
	if v <= 0 {
		return Part{}, fmt.Errorf("share of %q is %g; it must be above 0", name, v)
	}
	return Part{Name: name, Share: v}, nil
}

// Split divides docs into parts by document, reproducibly: the documents
// are ordered by a hash of seed and id (ties, such as a repeated id, by a
// hash of the text) and cut by the shares, rounded so the sizes add up.
// The same documents and seed give the same split whatever their input
// order and whatever the export format. Result i holds parts[i], in
// hash order.
func Split(docs []*annotate.Document, parts []Part, seed int64) [][]*annotate.Document {
	type keyed struct {
		k1, k2 uint64
		d      *annotate.Document
	}
	ks := make([]keyed, len(docs))
	for i, d := range docs {
		ks[i] = keyed{splitHash(seed, "id", d.ID), splitHash(seed, "text", d.Text), d}
	}
	sort.Slice(ks, func(i, j int) bool {
		if ks[i].k1 != ks[j].k1 {
			return ks[i].k1 < ks[j].k1
		}
		return ks[i].k2 < ks[j].k2
	})
	out := make([][]*annotate.Document, len(parts))
	cum, from := 0.0, 0
	for i, p := range parts {
		cum += p.Share
		to := int(math.Round(cum * float64(len(ks))))
		if i == len(parts)-1 {
			to = len(ks)
		}
		to = max(from, min(to, len(ks)))
		for _, k := range ks[from:to] {
			out[i] = append(out[i], k.d)
		}
		from = to
	}
	return out
}

func splitHash(seed int64, field, s string) uint64 {
	h := sha256.New()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(seed))
	h.Write(b[:])
	h.Write([]byte(field))
	h.Write([]byte{0})
	h.Write([]byte(s))
	return binary.LittleEndian.Uint64(h.Sum(nil))
}

// SplitPath names the export of one part of a split: the part's name
// goes before the extension (out.jsonl -> out.train.jsonl; a folder
// export out -> out.train).
func SplitPath(path, part string) string {
	ext := filepath.Ext(path)
	return strings.TrimSuffix(path, ext) + "." + part + ext
}
