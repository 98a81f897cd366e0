package classroom_test

import (
	"os"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/annotate/classroom"
)

// A key of one article with a quote and its speaker; one student found
// both, another found the quote but marked too little of the speaker.
func ExampleCompare() {
	text := "“We are ready,” said Ana Ruiz."
	key := []*annotate.Document{{ID: "k1", Title: "Strike", Text: text, Spans: []annotate.Span{
		{ID: "q1", Label: annotate.Quote, Start: 1, End: 13, Attrs: map[string]any{"kind": "direct"}},
		{ID: "s1", Label: annotate.Speaker, Start: 21, End: 29, Attrs: map[string]any{"entity": "Ana Ruiz"}},
	}}}
	good := key[0].Clone()
	good.ID = "my-copy" // paired by text, not id
	half := key[0].Clone()
	half.Spans[1].End = 24 // "Ana": too little overlap
	work := []classroom.Submission{
		{Student: "Lee", File: "lee.jsonl", Docs: []*annotate.Document{half}},
		{Student: "Kim", File: "kim.jsonl", Docs: []*annotate.Document{good}},
	}
	r := classroom.CompareWith(key, work, classroom.Options{Title: "Strike quotes", SuggestionsAllowed: true})
	_ = classroom.WriteText(os.Stdout, r)
	// Output:
	// Strike quotes
	// key: 1 article(s); 2 student(s) graded, 0 file(s) not graded; suggestions allowed
	// marks: mean 75.0, median 75.0, lowest 50, highest 100
	//
	// student  mark  QUOTE-direct F1  QUOTE-indirect F1  THREAT F1  SPEAKER F1  found  missed  extra  from sugg.  notes
	// Kim      100   1.00             —                  —          1.00        2      0       0      0/2         0
	// Lee      50    1.00             —                  —          0.00        1      1       1      0/2         0
}
