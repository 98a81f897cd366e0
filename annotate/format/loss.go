package format

import (
	"fmt"
	"sort"
	"strings"
)

// Loss records what an export could not hold: per kind of loss, a count
// and a few examples. The zero value is ready to use.
type Loss struct {
	Format string
	items  map[string]*LossItem
}

// LossItem is one kind of loss.
type LossItem struct {
	What     string   // "overlapping spans left out of the THREAT layer"
	Count    int      // how many
	Examples []string // up to maxExamples, "doc-id: text"
}

const maxExamples = 3

// Add counts one lost thing of kind what, with an example.
func (l *Loss) Add(what, example string) {
	if l.items == nil {
		l.items = map[string]*LossItem{}
	}
	it := l.items[what]
	if it == nil {
		it = &LossItem{What: what}
		l.items[what] = it
	}
	it.Count++
	if len(it.Examples) < maxExamples && example != "" {
		it.Examples = append(it.Examples, example)
	}
}

// Items lists the losses, largest first.
func (l *Loss) Items() []LossItem {
	out := make([]LossItem, 0, len(l.items))
	for _, it := range l.items {
		out = append(out, *it)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].What < out[j].What
	})
	return out
}

// Empty reports whether nothing was lost.
func (l *Loss) Empty() bool { return len(l.items) == 0 }

// String is the report as the command line prints it and as it is
// written next to the export.
func (l *Loss) String() string {
	if l.Empty() {
		return fmt.Sprintf("Loss report (%s): nothing was left out.\n", l.Format)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Loss report (%s): the format could not hold everything.\n", l.Format)
	for _, it := range l.Items() {
		fmt.Fprintf(&b, "- %d %s\n", it.Count, it.What)
		for _, ex := range it.Examples {
			fmt.Fprintf(&b, "    e.g. %s\n", ex)
		}
	}
	return b.String()
}
