package tsfbeam

import (
	"context"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

// Every DoFn, combiner, emitter and iterator of the pipeline is
// registered, so that workers in other processes (every runner but an
// in-process Prism) can decode them without reflection;
// TestEveryDoFnRegistered checks the pipeline of every model with Beam's
// vet runner.
func init() {
	register.DoFn3x1[context.Context, string, func(string), error](&expandFn{})
	register.DoFn3x1[context.Context, string, func(Series), error](&readWideFn{})
	register.DoFn3x1[context.Context, string, func(string, Row), error](&readLongFn{})
	register.DoFn2x1[string, func(*Row) bool, Spacing](&spacingFn{})
	register.Combiner1[Spacing](&minSpacingFn{})
	register.DoFn3x1[string, func(*Row) bool, func(Series), error](&longSeriesFn{})
	register.DoFn4x1[string, func(*Row) bool, Spacing, func(Series), error](&longSeriesSideFn{})
	register.Combiner3[SeasonCounts, Series, int](&seasonCombineFn{})
	register.DoFn3x1[context.Context, Series, func(Forecast), error](&forecastFn{})
	register.DoFn4x1[context.Context, Series, int, func(Forecast), error](&forecastSideFn{})
	register.DoFn2x1[Series, func(Forecast), error](&globalFn{})
	register.DoFn1x2[Forecast, int, Forecast](&shardFn{})
	register.DoFn3x1[context.Context, int, func(*Forecast) bool, error](&writeFn{})

	register.Emitter1[string]()
	register.Emitter1[Series]()
	register.Emitter2[string, Row]()
	register.Emitter1[Forecast]()
	register.Iter1[Row]()
	register.Iter1[Forecast]()
}
