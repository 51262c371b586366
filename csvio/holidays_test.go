package csvio_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tsforecast/tsforecast/csvio"
)

func TestReadHolidays(t *testing.T) {
	in := "holiday,ds,lower_window\nsuperbowl,2020-02-02,0\nplayoff,2020-01-12,0\nplayoff,2020-02-02,0\n\n"
	h, err := csvio.ReadHolidays(context.Background(), strings.NewReader(in), "hol.csv", nil)
	if err != nil {
		t.Fatalf("ReadHolidays: %v", err)
	}
	if name, ok := h.On(time.Date(2020, 2, 2, 15, 0, 0, 0, time.UTC)); !ok || name != "superbowl; playoff" || h.Len() != 2 {
		t.Errorf("2020-02-02 = %q, %v (%d dates), want superbowl; playoff of 2", name, ok, h.Len())
	}
	// A single unnamed column of dates.
	h, err = csvio.ReadHolidays(context.Background(), strings.NewReader("closed\n2021-12-24\n2021-12-31\n"), "c.csv", nil)
	if err != nil || h.Len() != 2 {
		t.Fatalf("ReadHolidays(one column) = %v, %v", h, err)
	}
	if name, _ := h.On(time.Date(2021, 12, 31, 0, 0, 0, 0, time.UTC)); name != "holiday" {
		t.Errorf("unnamed date = %q, want holiday", name)
	}
	for _, test := range []struct{ in, substr string }{
		{"ds\n2021-12-24\n24/12/2021\n", "hol.csv:3"},
		{"ds\n", "no dates"},
		{"", "empty file"},
	} {
		_, err := csvio.ReadHolidays(context.Background(), strings.NewReader(test.in), "hol.csv", nil)
		var pe *csvio.ParseError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), test.substr) {
			t.Errorf("ReadHolidays(%q) = %v, want a ParseError containing %q", test.in, err, test.substr)
		}
	}
}
