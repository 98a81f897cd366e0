package store

import (
	"database/sql"
	"math/rand"
	"reflect"
	"testing"
)

// TestAttrsRoundTrip encodes random attrs as the store does and checks
// they decode to the same values.
func TestAttrsRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	vals := []func() any{
		func() any {
			return []string{"direct", "Joe Biden", "", "ünï \"q\" \\ \n\t<&>", "\u2028"}[rng.Intn(5)]
		},
		func() any { return rng.NormFloat64() * 1e6 },
		func() any { return float64(rng.Intn(100) - 50) },
		func() any { return []float64{1e21, 1e-7, 0.1, 123456789012345678}[rng.Intn(4)] },
		func() any { return rng.Intn(2) == 0 },
		func() any { return nil },
		func() any { return []any{"a", 1.0, true} },
		func() any { return map[string]any{"x": "y", "n": 2.0} },
	}
	for i := 0; i < 2000; i++ {
		m := map[string]any{}
		for k := rng.Intn(5); k >= 0; k-- {
			m[string(rune('a'+rng.Intn(26)))+"é"] = vals[rng.Intn(len(vals))]()
		}
		enc, err := encodeMap(m)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeMap(sql.NullString{String: enc.(string), Valid: true})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, m) {
			t.Fatalf("%s: decoded %#v, want %#v", enc, got, m)
		}
	}
}
