package view

// The optional drawings: label names on the spans and links from quotes
// and threats to their speakers (presentation mode turns both on).

// SetLabelNames draws each span's label name (QUOTE·direct, SPEAKER,
// THREAT) in a tag at its start, under its underline, or not. The lines
// grow to make room; the first line in view stays in view.
func (v *View) SetLabelNames(on bool) {
	v.setDecorations(decorations{tags: on, links: v.geo.deco.links})
}

// SetLinks draws a line from each quote and threat to its speaker when
// both are in view, or not.
func (v *View) SetLinks(on bool) {
	v.setDecorations(decorations{tags: v.geo.deco.tags, links: on})
}

// LabelNames reports whether label names are drawn.
func (v *View) LabelNames() bool { return v.geo.deco.tags }

// Links reports whether links to speakers are drawn.
func (v *View) Links() bool { return v.geo.deco.links }

func (v *View) setDecorations(d decorations) {
	if d == v.geo.deco {
		return
	}
	first := v.firstVisible()
	v.geo.deco = d
	v.geo.spansChanged = true
	if v.geo.ready() {
		v.geo.indexSpans(v)
		v.scrollY = v.clampScroll(v.geo.lineTop[v.geo.lay.LineAt(first)])
	}
	v.Refresh()
}
