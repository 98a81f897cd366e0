package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sayso/sayso/annotate"
	"github.com/sayso/sayso/store"
)

const sharedCorpus = "../../../shared/corpus"

// BenchmarkImportCorpus imports the whole shared corpus (201 articles)
// into a new project: read, normalise, hash, insert.
func BenchmarkImportCorpus(b *testing.B) {
	if _, err := os.Stat(sharedCorpus); err != nil {
		b.Skip("../shared/corpus not present")
	}
	files, _ := annotate.CollectFiles([]string{sharedCorpus})
	var bytes int64
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil {
			bytes += fi.Size()
		}
	}
	b.SetBytes(bytes)
	n := 0
	for i := 0; b.Loop(); i++ {
		st, err := store.Open(filepath.Join(b.TempDir(), fmt.Sprintf("p%d.sayso", i)))
		if err != nil {
			b.Fatal(err)
		}
		rep, err := annotate.Import(context.Background(), []string{sharedCorpus}, 500, st.Sink(), nil)
		if err != nil || len(rep.Errors) > 0 {
			b.Fatal(err, rep.Errors)
		}
		n += len(rep.Imported)
		st.Close()
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkImport10k imports 10,000 distinct articles of ~3 KB from text
// files: the target is under 10 s.
func BenchmarkImport10k(b *testing.B) {
	dir := b.TempDir()
	para := strings.Repeat("“We will respond,” the minister said on Tuesday, adding that talks would go on. ", 35)
	for i := 0; i < 10000; i++ {
		p := filepath.Join(dir, fmt.Sprintf("d%03d", i/100), fmt.Sprintf("%05d.txt", i))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(fmt.Sprintf("Article %d\n\n%s\n", i, para)), 0o644)
	}
	for i := 0; b.Loop(); i++ {
		st, err := store.Open(filepath.Join(b.TempDir(), fmt.Sprintf("p%d.sayso", i)))
		if err != nil {
			b.Fatal(err)
		}
		rep, err := annotate.Import(context.Background(), []string{dir}, 500, st.Sink(), nil)
		if err != nil || len(rep.Imported) != 10000 {
			b.Fatal(err, len(rep.Imported), rep.Errors)
		}
		st.Close()
	}
	b.ReportMetric(10000*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkExport10k exports a project of 10,000 labeled documents as
// native JSONL.
func BenchmarkExport10k(b *testing.B) {
	st, err := store.Open(filepath.Join(b.TempDir(), "p.sayso"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	gold, errs := annotate.ReadFile("../../annotate/testdata/seeds.jsonl")
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	var docs []*annotate.Document
	for i := 0; i < 10000; i++ {
		d := gold[i%len(gold)].Clone()
		d.ID = fmt.Sprintf("doc-%d", i)
		d.Text += fmt.Sprintf("\n%d", i)
		docs = append(docs, d)
	}
	if _, err := st.AddDocuments(docs); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := st.ExportJSONL(context.Background(), io.Discard, "", "", nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(10000*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
