package app

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/assets"
)

// newsArticle returns a news text of at least n words made of the sample
// articles, paragraph after paragraph, so the engine has real quotes,
// speakers and threats to find.
func newsArticle(t testing.TB, n int) string {
	t.Helper()
	files, err := assets.SampleFiles()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range files {
		if strings.HasSuffix(name, ".txt") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("A long article\n\n")
	for words := 0; words < n; {
		for _, name := range names {
			text, err := annotate.Normalize(name, files[name])
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(text)
			b.WriteString("\n\n")
			words += len(strings.Fields(text))
		}
	}
	return b.String()
}

// openBench opens a project with two 10,000-word articles; background is
// the app's background runner.
func openBench(b *testing.B, background func(work, done func())) *UI {
	a := test.NewTempApp(b)
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(1200, 800))
	u, err := Create(a, w, Options{Project: filepath.Join(b.TempDir(), "p.sayso"), Background: syncBackground})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(u.Close)
	named(b, u, "tester")
	text := newsArticle(b, 10000)
	if _, err := u.st.AddDocuments([]*annotate.Document{{ID: "a", Text: text}, {ID: "b", Text: "Other\n\n" + text}}); err != nil {
		b.Fatal(err)
	}
	u.reloadList()
	u.openDocument(u.docs[0].ID) // lexicon loaded, project read
	u.opts.Background = background
	return u
}

// BenchmarkOpenToSuggestions10kWords is the time from opening a
// 10,000-word article to its suggestions shown, with the work done at
// once (the sum of the document's display, the engine and the overlay).
func BenchmarkOpenToSuggestions10kWords(b *testing.B) {
	u := openBench(b, syncBackground)
	b.ReportAllocs()
	n := 0
	for i := 0; b.Loop(); i++ {
		u.openDocument(u.docs[i%2].ID)
		if n = len(u.Suggestions()); n == 0 {
			b.Fatal("no suggestions")
		}
	}
	b.ReportMetric(float64(n), "suggestions")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/open")
}

// BenchmarkOpenToSuggestionsAsync10kWords opens a 10,000-word article the
// way the app does, the engine on another goroutine: "ui-ms" is how long
// the UI goroutine is busy opening the document (it shows the text at
// once), "shown-ms" the time until the suggestions are on screen.
func BenchmarkOpenToSuggestionsAsync10kWords(b *testing.B) {
	ch := make(chan func(), 1)
	u := openBench(b, func(work, done func()) {
		go func() {
			work()
			ch <- done // the UI goroutine (here: the benchmark's) runs it
		}()
	})
	var ui, shown time.Duration
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		u.openDocument(u.docs[i%2].ID)
		ui += time.Since(t0)
		(<-ch)()
		shown += time.Since(t0)
		if len(u.Suggestions()) == 0 {
			b.Fatal("no suggestions")
		}
	}
	b.ReportMetric(float64(ui.Microseconds())/1000/float64(b.N), "ui-ms")
	b.ReportMetric(float64(shown.Microseconds())/1000/float64(b.N), "shown-ms")
}

// BenchmarkTriageAccept10kWords accepts the focused suggestion (A) in a
// 10,000-word article and undoes it: keystroke to committed edit and
// updated overlay, per edit.
func BenchmarkTriageAccept10kWords(b *testing.B) {
	u := openBench(b, syncBackground)
	u.view.NextSuggestion(1)
	for b.Loop() {
		id := u.view.FocusedSuggestionID()
		u.view.TypedRune('a')
		u.undo()
		u.view.FocusSuggestion(id)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(2*b.N), "ms/edit")
}

// BenchmarkViewPaintSuggestions10kWords paints a frame of a
// 10,000-word article with its suggestions, software painter.
func BenchmarkViewPaintSuggestions10kWords(b *testing.B) {
	u := openBench(b, syncBackground)
	u.view.NextSuggestion(1)
	for b.Loop() {
		u.win.Canvas().Capture()
	}
}

// BenchmarkAcceptAll10kWords accepts every suggestion of a 10,000-word
// article as one edit, then undoes it.
func BenchmarkAcceptAll10kWords(b *testing.B) {
	u := openBench(b, syncBackground)
	n := 0
	for b.Loop() {
		n = u.AcceptAllAbove(0)
		u.undo()
	}
	b.ReportMetric(float64(n), "spans")
}
