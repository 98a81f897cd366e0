package classroom

import "github.com/sayso/sayso/annotate"

// Submission is one student's handed-in work.
type Submission struct {
	// Student is the student's name as shown in the report.
	Student string
	// File is the name of the file the work came from.
	File string
	// Docs are the student's documents; they are paired with the key by
	// text, never by id.
	Docs []*annotate.Document
	// Err, when set, means the file could not be used (broken, unreadable);
	// the report lists it with this message and grades the others.
	Err error
	// Warnings are problems that did not stop the file from being graded,
	// such as a bad line in an otherwise good file.
	Warnings []string
}

// Options tune CompareWith.
type Options struct {
	// Title names the assignment in the report.
	Title string
	// SuggestionsAllowed records whether the assignment let students take
	// sayso's suggestions. When it is false, a student who took some is
	// flagged.
	SuggestionsAllowed bool
	// Context is the number of characters (code points) shown either side
	// of a span; 0 means DefaultContext.
	Context int
}

// DefaultContext is the number of characters shown either side of a span.
const DefaultContext = 80

// Status says how a span compares with the key.
type Status string

// The statuses of an Item.
const (
	Found  Status = "found"  // in the key and in the student's work
	Missed Status = "missed" // in the key, not in the student's work
	Extra  Status = "extra"  // in the student's work, not in the key
)

// Score counts spans of one kind (or all kinds) and scores them.
type Score struct {
	Found  int
	Missed int
	Extra  int
	// Precision, Recall and F1 follow the project's scorer: with nothing
	// in the key and nothing labelled all three are 1.
	Precision float64
	Recall    float64
	F1        float64
}

// Applies reports whether the kind occurred at all, in the key or in the
// student's work; when it did not, its F1 says nothing.
func (s Score) Applies() bool { return s.Found+s.Missed+s.Extra > 0 }

// KindScore is the score of one kind (one of annotate.EvalKinds).
type KindScore struct {
	Kind string
	Score
}

// Context is a span with the text around it.
type Context struct {
	Before string // text before the span, at most Options.Context characters
	Span   string // the span's own text
	After  string // text after the span
	// CutBefore and CutAfter say that the text goes on beyond the context
	// (shown as an ellipsis).
	CutBefore bool
	CutAfter  bool
}

// SpanView is one side (key or student) of an Item.
type SpanView struct {
	ID     string
	Start  int // code points, as stored
	End    int // exclusive
	Kind   string
	Source string
	// FromSuggestion is true when the student took the span from a
	// suggestion (source accepted or edited).
	FromSuggestion bool
	Context        Context
}

// SpeakerCheck compares the speakers linked to a found quote.
type SpeakerCheck struct {
	Key     string // the key's speaker entity
	Student string // the student's, "" when the student linked none
	Same    bool   // annotate.SameEntity(Key, Student)
}

// Item is one row of a document's comparison: a found pair, a missed key
// span or an extra student span.
type Item struct {
	Kind    string
	Status  Status
	Key     *SpanView // nil for an extra span
	Student *SpanView // nil for a missed span
	// Speaker is set for found quotes whose key span has a speaker.
	Speaker *SpeakerCheck
	// Hint explains a missed or extra span that overlaps one on the other
	// side without matching it (another kind, or bounds too different).
	Hint string
}

// DocState says whether a student worked on a key document.
type DocState string

// The states of a DocResult.
const (
	Labelled DocState = "labelled" // in the student's work with at least one span
	Empty    DocState = "empty"    // in the student's work, no span
	Absent   DocState = "absent"   // not in the student's work
)

// DocResult is a student's work on one key document.
type DocResult struct {
	DocID string // the key's id
	Title string
	// StudentDocID is the id the student's copy had, "" when absent.
	StudentDocID string
	State        DocState
	Kinds        []KindScore // in annotate.EvalKinds order
	Items        []Item      // in text order
}

// DocRef names a document.
type DocRef struct {
	ID    string
	Title string
}

// SpeakerScore counts found quotes whose speaker the student linked to
// the same entity as the key.
type SpeakerScore struct {
	Checked int // found quotes whose key quote has a speaker
	Same    int // of those, linked to the same entity
}

// StudentResult is one student's comparison with the key.
type StudentResult struct {
	Student string
	File    string
	Docs    []DocResult // one per key document, in key order
	Kinds   []KindScore // totals over all documents, in annotate.EvalKinds order
	Overall Score       // all kinds pooled
	Mark    int         // 0–100, see the package documentation
	Speaker SpeakerScore
	// Labels is the number of the student's spans compared with the key;
	// FromSuggestions how many of them were taken from suggestions.
	Labels          int
	FromSuggestions int
	// Unlabelled lists key documents the student never labelled (absent
	// or without spans); their key spans count as missed.
	Unlabelled []DocRef
	// Ignored lists the student's documents that are not in the key.
	Ignored []DocRef
	// Notes are warnings about this student's work.
	Notes []string
}

// Problem is a file that could not be graded.
type Problem struct {
	Student string
	File    string
	Message string
}

// KindSummary is the class-wide tally of one kind.
type KindSummary struct {
	Kind    string
	InKey   int // spans of this kind in the key
	Found   int // summed over students
	Missed  int
	Extra   int
	MeanF1  float64 // over students for whom the kind applies
	Applies int     // number of those students
}

// ClassSummary sums the class's results.
type ClassSummary struct {
	Students        int // students graded
	Kinds           []KindSummary
	MeanMark        float64
	MedianMark      float64
	MinMark         int
	MaxMark         int
	FromSuggestions int // spans taken from suggestions, whole class
	Labels          int // spans compared, whole class
}

// Report is the comparison of a class's work with the key. It is meant
// to be read: the key's SpanViews are shared by all students' items.
type Report struct {
	Title              string
	SuggestionsAllowed bool
	Kinds              []string        // annotate.EvalKinds
	Key                []DocRef        // the key's documents, in key order
	Students           []StudentResult // sorted by name, then file
	Problems           []Problem       // sorted by file
	Class              ClassSummary
	// Notes are warnings about the key itself.
	Notes []string
}
