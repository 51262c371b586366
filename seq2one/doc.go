// Package seq2one implements sequence-to-one recurrent forecasters: an LSTM
// (and the plain RNN cell it improves on) reads a window of a series and
// predicts the next value; longer horizons come from feeding predictions
// back. Models satisfy [forecast.Forecaster].
package seq2one
