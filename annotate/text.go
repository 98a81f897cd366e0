package annotate

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxFileSize is the largest file import accepts (bytes).
const MaxFileSize = 16 << 20

// InputError describes why a file, or one line of it, cannot be imported.
// Its message names the file and the problem.
type InputError struct {
	File   string // path as given
	Line   int    // 1-based line for JSONL errors, 0 otherwise
	Offset int    // byte offset for encoding errors, -1 when not relevant
	Msg    string
}

func (e *InputError) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	case e.Offset >= 0:
		return fmt.Sprintf("%s: byte %d: %s", e.File, e.Offset, e.Msg)
	default:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
}

func inputErr(file string, line, offset int, format string, args ...any) *InputError {
	return &InputError{File: file, Line: line, Offset: offset, Msg: fmt.Sprintf(format, args...)}
}

// Normalize turns a file's bytes into document text exactly as the native
// format requires: a leading UTF-8 byte-order mark removed, CRLF and CR
// turned into LF, nothing else changed. It rejects empty files, binary
// content (NUL bytes) and invalid UTF-8, naming the byte offset.
func Normalize(name string, b []byte) (string, error) {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if len(bytes.TrimSpace(b)) == 0 {
		return "", inputErr(name, 0, -1, "file is empty")
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return "", inputErr(name, 0, i, "binary file (NUL byte), not text")
	}
	if !utf8.Valid(b) {
		return "", inputErr(name, 0, invalidUTF8At(b), "invalid UTF-8; save the file as UTF-8 and import it again")
	}
	return NormalizeNewlines(string(b)), nil
}

// NormalizeNewlines turns CRLF and lone CR into LF.
func NormalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// TitleOf returns the first non-empty line of text, trimmed.
func TitleOf(text string) string {
	for line := range strings.SplitSeq(text, "\n") {
		if t := strings.TrimSpace(line); t != "" {
			return t
		}
	}
	return ""
}

// ContentHash identifies a document's text for duplicate detection.
func ContentHash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// Runes indexes a text by code point. Offsets in sayso are code points;
// Runes converts them to byte offsets for slicing and back without
// rescanning the text. For ASCII text it costs nothing.
type Runes struct {
	s     string
	ascii bool
	// byteAt[i] is the byte offset of code point i; len(byteAt) = n+1.
	byteAt []int32
}

// NewRunes indexes s.
func NewRunes(s string) *Runes {
	r := &Runes{s: s, ascii: isASCII(s)}
	if !r.ascii {
		r.byteAt = make([]int32, 0, len(s)+1)
		for i := range s {
			r.byteAt = append(r.byteAt, int32(i))
		}
		r.byteAt = append(r.byteAt, int32(len(s)))
	}
	return r
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// String returns the indexed text.
func (r *Runes) String() string { return r.s }

// Len returns the number of code points.
func (r *Runes) Len() int {
	if r.ascii {
		return len(r.s)
	}
	return len(r.byteAt) - 1
}

// Byte returns the byte offset of code point offset cp (clamped).
func (r *Runes) Byte(cp int) int {
	if cp < 0 {
		cp = 0
	}
	if r.ascii {
		return min(cp, len(r.s))
	}
	if cp >= len(r.byteAt) {
		return len(r.s)
	}
	return int(r.byteAt[cp])
}

// CodePoint returns the code point offset of byte offset b; a byte inside
// a multi-byte character maps to that character.
func (r *Runes) CodePoint(b int) int {
	if r.ascii {
		return max(0, min(b, len(r.s)))
	}
	lo, hi := 0, len(r.byteAt)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if int(r.byteAt[mid]) <= b {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// Slice returns the text between code point offsets start and end.
func (r *Runes) Slice(start, end int) string {
	return r.s[r.Byte(start):r.Byte(end)]
}

// At returns the code point at offset i.
func (r *Runes) At(i int) rune {
	if r.ascii {
		return rune(r.s[i])
	}
	c, _ := utf8.DecodeRuneInString(r.s[r.byteAt[i]:])
	return c
}

// SliceCP returns s[start:end] in code points, and whether the offsets
// are inside s. It is for one-off checks; use Runes for many.
func SliceCP(s string, start, end int) (string, bool) {
	if start < 0 || end < start {
		return "", false
	}
	r := NewRunes(s)
	if end > r.Len() {
		return "", false
	}
	return r.Slice(start, end), true
}
