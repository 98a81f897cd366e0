package store

import (
	"bufio"
	"context"
	"io"

	"github.com/sayso/sayso/annotate"
)

// Sink returns an annotate.Sink that adds each batch of imported
// documents in one transaction and reports which were duplicates and
// which merged another annotator's labels into a copy already here. A
// document the project cannot take (CheckDocument) is refused alone; the
// others of its batch still go in.
func (s *Store) Sink() annotate.Sink {
	return func(docs []*annotate.Document) ([]annotate.SinkResult, error) {
		out := make([]annotate.SinkResult, len(docs))
		good := make([]*annotate.Document, 0, len(docs))
		at := make([]int, 0, len(docs))
		for i, d := range docs {
			if err := CheckDocument(d); err != nil {
				out[i].Refused = err
				continue
			}
			good = append(good, d)
			at = append(at, i)
		}
		res, err := s.AddDocuments(good)
		if err != nil {
			return nil, err
		}
		for k, r := range res {
			out[at[k]] = annotate.SinkResult{Duplicate: r.Duplicate, Merged: r.Merged}
		}
		return out, nil
	}
}

// ExportJSONL writes the documents with the given status ("" for all),
// with the labels of layer (or LayerAll), as native JSONL to w and returns
// how many it wrote. progress, if set, is
// called after each document with the count so far and the total.
// Cancelling ctx stops the export with ctx's error.
func (s *Store) ExportJSONL(ctx context.Context, w io.Writer, status, layer string, progress func(done, total int)) (int, error) {
	total := 0
	if progress != nil {
		var err error
		if total, err = s.CountDocuments(status); err != nil {
			return 0, err
		}
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	n := 0
	err := s.EachDocumentIn(status, layer, func(d *annotate.Document) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		n++
		if progress != nil {
			progress(n, total)
		}
		return annotate.WriteJSONL(bw, d)
	})
	if err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// ExportJSONLFile is ExportJSONL to a file, written with
// annotate.WriteFileAtomic: a failed or cancelled export leaves any
// earlier file at path as it was.
func (s *Store) ExportJSONLFile(ctx context.Context, path, status, layer string, progress func(done, total int)) (int, error) {
	var n int
	err := annotate.WriteFileAtomic(path, func(w io.Writer) error {
		var err error
		n, err = s.ExportJSONL(ctx, w, status, layer, progress)
		return err
	})
	return n, err
}
