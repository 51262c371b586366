package eval_test

import (
	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/models"
)

// baselines returns the catalogue's baseline models with season m, as the
// CLI builds them.
func baselines(m int) []eval.Model {
	var out []eval.Model
	for _, e := range models.Catalogue() {
		if e.Kind == models.Baseline {
			out = append(out, e.Model(&models.Settings{Season: m}, nil))
		}
	}
	return out
}
