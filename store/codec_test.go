package store

import (
	"database/sql"
	"encoding/json"
	"math/rand"
	"reflect"
	"testing"
)

var flatSeeds = []string{
	`{}`, ` { } `, `{"kind":"direct"}`, `{"entity":"Joe Biden","n":3,"ok":true,"no":false,"nil":null}`,
	`{"f":0.1,"e":1e21,"E":-2.5E-3,"z":0,"neg":-0}`, `{"a":"ünï 🙂","b":""}`,
	`{"esc":"a\"b"}`, `{"nl":"a\nb"}`, `{"u":"\u00e9"}`, `{"nested":{"a":1}}`, `{"list":[1,2]}`,
	`{"a":1,"a":2}`, `{"bad":01}`, `{"bad":1.}`, `{"bad":.5}`, `{"bad":+1}`, `{"big":1e400}`,
	`{"a":1,}`, `{"a" 1}`, `{"a":1} x`, `{"a":tru}`, `{"a":1`, `[1]`, `"x"`, ``, `{"k":"\xff"}`,
	"{\"ctl\":\"a\tb\"}", `{"a":-}`, `{"a":1e}`, `{"a":1e+}`, `{"a":nulls}`,
}

// FuzzDecodeFlat checks that the fast path decodes exactly as
// encoding/json does whenever it takes an input.
func FuzzDecodeFlat(f *testing.F) {
	for _, s := range flatSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := decodeFlat(s)
		if !ok {
			return
		}
		var want map[string]any
		if err := json.Unmarshal([]byte(s), &want); err != nil {
			t.Fatalf("decodeFlat accepted %q, encoding/json says %v", s, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: decodeFlat %#v, encoding/json %#v", s, got, want)
		}
	})
}

func TestDecodeFlatTakesTheCommonCases(t *testing.T) {
	for _, s := range []string{`{"kind":"direct"}`, `{"conditional":true,"issuer":"Joe Biden","target":""}`, `{"entity":"Ursula von der Leyen"}`, `{"n":1.5}`} {
		if _, ok := decodeFlat(s); !ok {
			t.Errorf("fast path refuses %s", s)
		}
	}
}

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
