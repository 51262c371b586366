package seq2one

// Caps on every dimension of a network and its pipeline. [Config.validate]
// refuses settings beyond them, and the loaders refuse files that declare
// more, before allocating anything sized by the file (see the package
// documentation, "File format").
const (
	// MaxHidden and MaxWindow bound Config.Hidden and Config.Window (the
	// command line's --hidden and --window take them as their bounds).
	MaxHidden     = 4096    // hidden units per layer
	MaxWindow     = 1 << 14 // input window, in values
	maxHorizon    = 1 << 14 // outputs of the direct head
	maxSeason     = 1 << 14 // seasonal period
	maxFourier    = 64      // sine/cosine pairs of the seasonal phase
	maxCovariates = 1024    // covariates of a series
	maxHistory    = 1 << 40 // history length, and the grid offset of its start
	maxSeries     = 1 << 24 // series of a global model
	maxFileBytes  = 1 << 30 // weights of all members, in bytes
)
