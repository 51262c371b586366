package csvio_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tsforecast/tsforecast/csvio"
)

func ExampleRead() {
	const csv = `"Month","Passengers"
"1949-01",112
"1949-02",118
"1949-03",132
"1949-04",129
`
	ds, err := csvio.Read(strings.NewReader(csv), "airline.csv", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := ds.Series[0]
	fmt.Printf("%s: %d %s values, layout %s\n", s.ID, s.Len(), s.Freq, ds.Layout)
	fmt.Println("last:", s.Times[s.Len()-1].Format("2006-01"), s.Values[s.Len()-1])
	fmt.Println("next:", s.FutureTimes(2)[0].Format("2006-01"), s.FutureTimes(2)[1].Format("2006-01"))
	// Output:
	// Passengers: 4 monthly values, layout single
	// last: 1949-04 129
	// next: 1949-05 1949-06
}

func ExampleRead_badInput() {
	const csv = "Month,Passengers\n1949-01,112\n1949-02,12x\n"
	_, err := csvio.Read(strings.NewReader(csv), "airline.csv", nil)
	fmt.Println(err)
	fmt.Println(errors.Is(err, csvio.ErrSyntax))
	// Output:
	// airline.csv:3: column "Passengers": invalid number "12x"
	// true
}

// A daily file with a missing date: the default policy refuses it and says
// where; interpolation fills it and the report says what was filled.
func ExampleRead_gaps() {
	const csv = "date,temp\n2020-01-01,10\n2020-01-02,12\n2020-01-04,18\n"
	_, err := csvio.Read(strings.NewReader(csv), "temps.csv", nil)
	fmt.Println(err)

	ds, err := csvio.Read(strings.NewReader(csv), "temps.csv",
		&csvio.LoadOptions{Missing: csvio.MissingInterpolate})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range ds.Report.Gaps {
		fmt.Printf("gap of %d at %s (line %d)\n", g.Steps, g.Start.Format("2006-01-02"), g.Line)
	}
	fmt.Printf("%.4g\n", ds.Series[0].Values)
	// Output:
	// temps.csv:4: column "date": 1 gap in the daily timestamps (1 step missing): 2020-01-03 (1 step) before line 4; set Missing to interpolate or ffill
	// gap of 1 at 2020-01-03 (line 4)
	// [10 12 15 18]
}

func ExampleRead_long() {
	const csv = "unique_id,ds,y\nA,2024-01-01 00:00:00,1\nB,2024-01-01 00:00:00,7\nA,2024-01-01 01:00:00,2\n"
	ds, err := csvio.Read(strings.NewReader(csv), "long.csv", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range ds.Series {
		fmt.Println(s.ID, s.Freq, s.Values)
	}
	// Output:
	// A hourly [1 2]
	// B hourly [7]
}
