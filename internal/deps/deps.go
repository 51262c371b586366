package deps

import (
	_ "github.com/go-gota/gota/dataframe"
	_ "github.com/urfave/cli/v2"
	_ "gonum.org/v1/gonum/diff/fd"
	_ "gonum.org/v1/gonum/floats"
	_ "gonum.org/v1/gonum/floats/scalar"
	_ "gonum.org/v1/gonum/mat"
	_ "gonum.org/v1/gonum/optimize"
	_ "gonum.org/v1/gonum/stat"
	_ "gonum.org/v1/plot"
	_ "gonum.org/v1/plot/cmpimg"
	_ "gonum.org/v1/plot/plotter"
	_ "gonum.org/v1/plot/vg"
	_ "gonum.org/v1/plot/vg/draw"
)
