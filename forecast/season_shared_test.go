//go:build shared

package forecast_test

import (
	"testing"

	"github.com/tsforecast/tsforecast/forecast"
	"github.com/tsforecast/tsforecast/internal/sample"
)

// TestSeasonM4Hourly checks the season of the 414 M4 Hourly series, which
// have no timestamps: 24 is the strongest detected period of 394 of them,
// so the file's common season is 24.
func TestSeasonM4Hourly(t *testing.T) {
	series := sample.Shared(t, "Hourly-train.csv", nil)
	n24 := 0
	for _, s := range series {
		if forecast.Season(0, s) == 24 {
			n24++
		}
	}
	if n24 != 394 {
		t.Errorf("M4 Hourly: 24 is the season of %d of %d series, want 394", n24, len(series))
	}
	if m := forecast.CommonSeason(0, series); m != 24 {
		t.Errorf("M4 Hourly: common season %d, want 24", m)
	}
}
