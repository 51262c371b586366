package plots

import (
	"errors"
	"io"

	"github.com/tsforecast/tsforecast/eval"
	"github.com/tsforecast/tsforecast/forecast"
)

// Report gathers what [WriteReport] turns into a folder of charts and
// tables. Every field is optional, but there must be something to chart:
// at least one of Backtest, Forecast, Training and Many.
type Report struct {
	// Title heads index.md; empty means "Forecast report: <series id>".
	Title string
	// Series is the observed series the backtest and forecast were made
	// on. It is required with Backtest or Forecast.
	Series *forecast.Series
	// Model is the model the charts focus on; empty means the best-ranked
	// model of Backtest (eval.Result.Ranked), or of Many.
	Model string

	// Backtest is a walk-forward run on Series. It gives the metric table,
	// the last-fold and walk-forward charts, error by horizon step and the
	// residual diagnostics.
	Backtest *eval.Result
	// Forecast is a forecast past the end of Series, with its intervals.
	Forecast *eval.Forecast
	// Training is a network's training history.
	Training *TrainingChart

	// Many is a walk-forward run over many series; with ManySeries (the
	// same series, any order) it gives the small-multiples grids of the
	// worst and best series by sMAPE and the cross-series metric table.
	Many       *eval.MultiResult
	ManySeries []*forecast.Series
	// ManyForecasts, parallel to ManySeries, are forecasts past the end of
	// each series (nil for none): the forecast grid (FileForecasts) shows
	// those of the series GridPick names, or of the first GridSize.
	ManyForecasts []*eval.Forecast
	// GridPick chooses the grid's series: "worst" or "best" by sMAPE, or a
	// comma-separated list of ids. Empty (the default) draws two grids: the
	// worst series in FileGrid and the best in FileGridBest.
	GridPick string
	// GridSize is the number of grid panels; 0 means 9.
	GridSize int

	// ForecastCSV, when not nil, writes the forecasts as a CSV file
	// (FileForecastCSV) in the caller's format.
	ForecastCSV func(io.Writer) error
	// Components is the chart of Series and its components
	// (FileComponents).
	Components *SeriesChart

	// Size is the size of single-panel charts; zero fields use DefaultSize.
	Size Size

	// Baseline reports whether a model is a baseline, which the tables
	// mark and the horizon chart dashes; nil means none is.
	Baseline func(model string) bool

	// Force lets WriteReport write into a folder that is not empty and
	// holds no earlier report, and overwrite files of a report folder that
	// its manifest does not list. Files are still only ever removed when
	// the earlier report's manifest lists them. Default false: such a
	// folder is refused with an error wrapping ErrNotReportFolder.
	Force bool
}

func (r *Report) isBaseline(model string) bool { return r.Baseline != nil && r.Baseline(model) }

// Report file names. They are fixed so that re-running a report overwrites
// the same files and links stay valid.
const (
	FileIndex       = "index.md"
	FileMetrics     = "metrics.csv"
	FileSummary     = "summary.json"
	FileForecast    = "forecast.png"
	FileLastFold    = "last_fold.png"
	FileWalkForward = "walkforward.png"
	FileHorizon     = "horizon.png"
	FileResiduals   = "residuals.png"
	FileTraining    = "training.png"
	FileGrid        = "grid.png"
	FileGridBest    = "grid_best.png"
	FileForecasts   = "forecasts.png"
	FileComponents  = "components.png"
	FileForecastCSV = "forecast.csv"
)

// chartFiles lists every chart WriteReport may write, in index order.
var chartFiles = []string{FileForecast, FileForecasts, FileLastFold, FileWalkForward, FileHorizon, FileResiduals, FileTraining, FileGrid, FileGridBest, FileComponents}

// ReportFiles returns the names of every file WriteReport may write into
// its folder (the File constants), so that a caller can check them against
// its inputs before the work.
func ReportFiles() []string {
	return append(append([]string(nil), chartFiles...), FileForecastCSV, FileMetrics, FileSummary, FileIndex)
}

// reportGenerator marks summary.json as the manifest of a report: a folder
// whose summary.json has it is an earlier report, and the files its
// "files" list names are the report's own.
const reportGenerator = "tsforecast report"

// ErrNotReportFolder is wrapped by the error WriteReport returns for a
// folder that is not empty and holds no earlier report, or whose files
// would be overwritten although the earlier report's manifest does not
// list them, when Report.Force is false.
var ErrNotReportFolder = errors.New("plots: folder holds files that are not a report's")

// ErrNothingToReport is returned by WriteReport when the Report has no
// results to chart.
var ErrNothingToReport = errors.New("plots: report has no backtest, forecast, training history or multi-series run")

type reportChart struct {
	File    string `json:"file"`
	Caption string `json:"caption"`
	png     []byte
}

// MetricRow is one row of metrics.csv and of the index table.
type MetricRow struct {
	Model    string             `json:"model"`
	Baseline bool               `json:"baseline"`
	Values   map[string]float64 `json:"metrics"`
}

// reportSummary is the content of summary.json.
type reportSummary struct {
	// Generator and Files are the manifest: the files of the folder that
	// the report wrote, the only ones a later report may remove.
	Generator string   `json:"generator"`
	Files     []string `json:"files"`

	Title    string        `json:"title"`
	Series   string        `json:"series,omitempty"`
	Model    string        `json:"model,omitempty"`
	Horizon  int           `json:"horizon,omitempty"`
	Season   int           `json:"season,omitempty"`
	Levels   []float64     `json:"levels,omitempty"`
	Folds    int           `json:"folds,omitempty"`
	NSeries  int           `json:"n_series,omitempty"`
	Columns  []string      `json:"columns"`
	Metrics  []jsonRow     `json:"metrics"`
	Charts   []reportChart `json:"charts"`
	Warnings []string      `json:"warnings,omitempty"`
	// ForecastCSV names the forecast file, when there is one.
	ForecastCSV string `json:"forecast_csv,omitempty"`
	csv         []byte
}

type jsonRow struct {
	Model    string              `json:"model"`
	Baseline bool                `json:"baseline"`
	Values   map[string]*float64 `json:"metrics"` // nil for NaN/Inf
}
