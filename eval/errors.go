package eval

import (
	"errors"
	"fmt"
)

// ErrInvalid is wrapped by the errors about what a caller asked for: a
// Backtest out of range, models without a constructor or named twice, a
// reference model that is not among the models.
var ErrInvalid = errors.New("eval: invalid backtest")

// FoldError reports a model that failed on one fold of a walk-forward
// run: its Fit, Update or Predict returned Err, or its forecast was
// unusable. Its message reads
//
//	eval: series "H1", model "hw", origin 652: predict: …
type FoldError struct {
	Series string
	Model  string
	Origin int
	// Op is "fit", "update" or "predict".
	Op  string
	Err error
}

func (e *FoldError) Error() string {
	op := ""
	if e.Op == "predict" {
		op = "predict: "
	}
	return fmt.Sprintf("eval: series %q, model %q, origin %d: %s%v", e.Series, e.Model, e.Origin, op, e.Err)
}

// Unwrap returns e.Err.
func (e *FoldError) Unwrap() error { return e.Err }

// ForecastError is the Err of a [FoldError] whose forecast had the wrong
// length (Got values for a horizon of Want) or a value that is not finite
// (at Step, from 1).
type ForecastError struct {
	Got, Want int
	Step      int
	Value     float64
}

func (e *ForecastError) Error() string {
	if e.Got != e.Want {
		return fmt.Sprintf("returned %d values, want %d", e.Got, e.Want)
	}
	return fmt.Sprintf("forecast %d steps ahead is %v", e.Step, e.Value)
}

func invalidf(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}
