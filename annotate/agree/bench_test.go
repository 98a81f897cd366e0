package agree

import "testing"

// BenchmarkCompute3x1000 measures the full report (span matching, five
// token layers, per-document tables) for 3 annotators on 1,000 documents
// built from the gold texts.
func BenchmarkCompute3x1000(b *testing.B) {
	gc := buildGold(b, 1000)
	tokens := 0
	for b.Loop() {
		r, err := Compute(gc.docs, nil)
		if err != nil {
			b.Fatal(err)
		}
		tokens = r.Tokens
	}
	b.ReportMetric(float64(tokens), "tokens")
}
