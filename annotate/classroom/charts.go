package classroom

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Colours from the Okabe–Ito palette, told apart by colour-blind readers;
// their lightness differs too, so they stay apart in black and white.
var (
	colourFound  = color.RGBA{R: 0x00, G: 0x72, B: 0xB2, A: 0xFF} // blue, dark
	colourMissed = color.RGBA{R: 0xE6, G: 0x9F, B: 0x00, A: 0xFF} // orange, light
	colourExtra  = color.RGBA{R: 0xCC, G: 0x79, B: 0xA7, A: 0xFF} // reddish purple, middle
	colourMarks  = color.RGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xFF}
)

// chartFont is the plots' font: the sans face plot bundles, so text
// widths are measured the same on every machine; the SVG names common
// fall-backs for browsers without it.
func chartFont(size vg.Length) font.Font {
	return font.From(font.Font{Typeface: "Liberation", Variant: "Sans"}, size)
}

// styled applies the report's fonts and sizes to a plot.
func styled(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = chartFont(15)
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = chartFont(13)
		a.Tick.Label.Font = chartFont(12)
	}
	p.Legend.TextStyle.Font = chartFont(13)
	p.Legend.Top = true
	p.Legend.Left = false
	p.Legend.XOffs = -vg.Points(6)
	p.Legend.YOffs = -vg.Points(4)
	p.Legend.Padding = vg.Points(2)
	return p
}

// kindChart draws the class-wide found, missed and extra spans of each
// kind as grouped bars.
func kindChart(c ClassSummary) (*plot.Plot, error) {
	p := styled("Spans per kind, whole class", "", "spans")
	w := vg.Points(22)
	series := []struct {
		name   string
		colour color.Color
		value  func(KindSummary) int
	}{
		{"found", colourFound, func(k KindSummary) int { return k.Found }},
		{"missed", colourMissed, func(k KindSummary) int { return k.Missed }},
		{"extra", colourExtra, func(k KindSummary) int { return k.Extra }},
	}
	var names []string
	for _, k := range c.Kinds {
		names = append(names, kindName(k.Kind))
	}
	for i, s := range series {
		vals := make(plotter.Values, len(c.Kinds))
		for j, k := range c.Kinds {
			vals[j] = float64(s.value(k))
		}
		b, err := plotter.NewBarChart(vals, w)
		if err != nil {
			return nil, err
		}
		b.Color = s.colour
		b.LineStyle.Width = vg.Points(0.5)
		b.Offset = w * vg.Length(i-1)
		p.Add(b)
		p.Legend.Add(s.name, b)
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.7, float64(len(names))-0.3
	p.Y.Min = 0
	p.Y.Max = max(p.Y.Max*1.35, 1) // room for the legend
	p.Y.Tick.Marker = integerTicks{}
	return p, nil
}

// markBins are the histogram's bins of marks: 0–9, 10–19, …, 90–100.
const markBins = 10

// binLabels names the mark bins.
func binLabels() []string {
	out := make([]string, markBins)
	for i := range out {
		hi := i*10 + 9
		if i == markBins-1 {
			hi = 100
		}
		out[i] = fmt.Sprintf("%d–%d", i*10, hi)
	}
	return out
}

// MarkHistogram counts the students' marks in bins of ten (the last bin
// is 90–100).
func MarkHistogram(r *Report) []int {
	h := make([]int, markBins)
	for _, st := range r.Students {
		h[min(st.Mark/10, markBins-1)]++
	}
	return h
}

// markChart draws the distribution of the students' marks.
func markChart(r *Report) (*plot.Plot, error) {
	p := styled("Marks of the class", "mark", "students")
	h := MarkHistogram(r)
	vals := make(plotter.Values, len(h))
	for i, n := range h {
		vals[i] = float64(n)
	}
	b, err := plotter.NewBarChart(vals, vg.Points(30))
	if err != nil {
		return nil, err
	}
	b.Color = colourMarks
	b.LineStyle.Width = 0
	p.Add(b)
	p.NominalX(binLabels()...)
	p.X.Min, p.X.Max = -0.6, markBins-0.4
	p.Y.Min = 0
	p.Y.Max = max(p.Y.Max*1.1, 1)
	p.Y.Tick.Marker = integerTicks{}
	p.X.Tick.Label.Font = chartFont(10)
	return p, nil
}

// integerTicks marks whole numbers only (counts), about six of them, at
// steps of 1, 2 or 5 times a power of ten.
type integerTicks struct{}

func (integerTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 1
	for n := 1; ; n *= 10 {
		if step = niceStep(n, (hi-lo)/6); step > 0 {
			break
		}
	}
	var out []plot.Tick
	for v := int(math.Ceil(lo)); float64(v) <= hi; v++ {
		if v%step == 0 {
			out = append(out, plot.Tick{Value: float64(v), Label: strconv.Itoa(v)})
		}
	}
	return out
}

// niceStep returns 1, 2 or 5 times n when that reaches want, else 0.
func niceStep(n int, want float64) int {
	for _, m := range []int{1, 2, 5} {
		if float64(m*n) >= want {
			return m * n
		}
	}
	return 0
}

// svgOf renders a plot to SVG text (without fonts embedded: the browser's
// sans font is used).
func svgOf(p *plot.Plot, w, h vg.Length) ([]byte, error) {
	c := vgsvg.NewWith(vgsvg.UseWH(w, h), vgsvg.EmbedFonts(false))
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, err
	}
	s := strings.ReplaceAll(buf.String(), "font-family:Liberation Sans;", "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;")
	return []byte(s), nil
}

// pngOf renders a plot to PNG at dpi, for screens whose SVG renderer
// draws no text (the app's).
func pngOf(p *plot.Plot, w, h vg.Length, dpi int) ([]byte, error) {
	c := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi))}
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Charts are the report's figures, as SVG (RenderCharts) or PNG
// (RenderChartsPNG) documents.
type Charts struct {
	Kinds []byte // found, missed and extra per kind
	Marks []byte // histogram of marks
}

// RenderCharts draws the report's two charts as SVG.
func RenderCharts(r *Report) (Charts, error) {
	return renderCharts(r, svgOf)
}

// RenderChartsPNG draws the report's two charts as PNG images at dpi.
func RenderChartsPNG(r *Report, dpi int) (Charts, error) {
	return renderCharts(r, func(p *plot.Plot, w, h vg.Length) ([]byte, error) { return pngOf(p, w, h, dpi) })
}

func renderCharts(r *Report, render func(p *plot.Plot, w, h vg.Length) ([]byte, error)) (Charts, error) {
	var ch Charts
	kp, err := kindChart(r.Class)
	if err != nil {
		return ch, err
	}
	if ch.Kinds, err = render(kp, 16*vg.Centimeter, 9*vg.Centimeter); err != nil {
		return ch, err
	}
	mp, err := markChart(r)
	if err != nil {
		return ch, err
	}
	ch.Marks, err = render(mp, 16*vg.Centimeter, 9*vg.Centimeter)
	return ch, err
}
