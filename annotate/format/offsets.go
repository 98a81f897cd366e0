package format

import (
	"fmt"
	"unicode/utf8"
)

// Offsets is the unit span offsets are written in.
type Offsets string

// The offset units. Code points are sayso's own and the default.
const (
	CodePoints Offsets = "cp"
	UTF16      Offsets = "utf16"
	UTF8       Offsets = "utf8"
)

// ParseOffsets reads a --offsets value; "" is code points.
func ParseOffsets(s string) (Offsets, error) {
	switch Offsets(s) {
	case "", CodePoints:
		return CodePoints, nil
	case UTF16, UTF8:
		return Offsets(s), nil
	}
	return "", fmt.Errorf("unknown offset unit %q (cp, utf16 or utf8)", s)
}

// Unit names the offset unit for headers and side files.
func (o Offsets) Unit() string {
	switch o {
	case UTF16:
		return "UTF-16 code units"
	case UTF8:
		return "UTF-8 bytes"
	}
	return "Unicode code points"
}

// Converter turns code-point offsets of one text into another unit and
// back. Build one per document text.
type Converter struct {
	unit Offsets
	// to[i] is the offset, in unit, of code point i; to[len] the length.
	to []int
}

// NewConverter indexes text for unit.
func NewConverter(text string, unit Offsets) *Converter {
	c := &Converter{unit: unit}
	if unit == CodePoints || unit == "" {
		return c
	}
	c.to = make([]int, 0, len(text)+1)
	n := 0
	for i, r := range text {
		c.to = append(c.to, n)
		if unit == UTF8 {
			_, size := utf8.DecodeRuneInString(text[i:])
			n += size
		} else if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	c.to = append(c.to, n)
	return c
}

// To converts a code-point offset into the unit. Offsets outside the
// text are clamped to it.
func (c *Converter) To(cp int) int {
	if c.to == nil {
		return cp
	}
	return c.to[max(0, min(cp, len(c.to)-1))]
}

// From converts an offset in the unit back to code points. An offset that
// falls inside a code point (half a surrogate pair, inside a UTF-8
// sequence) is an error.
func (c *Converter) From(off int) (int, error) {
	if c.to == nil {
		return off, nil
	}
	lo, hi := 0, len(c.to)-1
	for lo <= hi {
		mid := (lo + hi) / 2
		switch {
		case c.to[mid] == off:
			return mid, nil
		case c.to[mid] < off:
			lo = mid + 1
		default:
			hi = mid - 1
		}
	}
	return 0, fmt.Errorf("offset %d (%s) is not on a character boundary or is past the end", off, c.unit.Unit())
}
