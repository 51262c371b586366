package seq2one

import "github.com/tsforecast/tsforecast/internal/kern"

// infer runs a network forward over one window a step at a time, keeping
// only the current step of each layer: its memory is a few rows of the
// hidden size, whatever the window, so a loaded model holds no more than
// its weights and these rows. It computes exactly what forward computes
// for a batch of one row (the same products and cell calls on the same
// values), so forecasts do not depend on which of the two ran.
type infer[T kern.Float] struct {
	s  shape
	a  [][]T // per layer the row [x_t, h_{t−1}, 1]
	z  [][]T // per layer the gates of step t
	c  [][]T // per layer the cell state of step t (LSTM)
	cp [][]T // per layer the cell state of step t−1 (LSTM)
	tc [][]T // per layer tanh(c) (LSTM)
	h  [][]T // per layer the hidden output of step t
	y  []T   // head outputs
	kf []T   // known covariates of the head (shape.known × outs)
	t  int   // steps taken since reset
}

func newInfer[T kern.Float](s shape) *infer[T] {
	gh := s.gates() * s.hidden
	f := &infer[T]{s: s, a: make([][]T, s.layers), z: make([][]T, s.layers), h: make([][]T, s.layers),
		c: make([][]T, s.layers), cp: make([][]T, s.layers), tc: make([][]T, s.layers),
		y: make([]T, s.outs()), kf: make([]T, s.known*s.outs())}
	for l := range s.layers {
		f.a[l] = make([]T, s.layerIn(l)+s.hidden+1)
		f.z[l] = make([]T, gh)
		f.h[l] = make([]T, s.hidden)
		if s.cell == LSTM {
			f.c[l] = make([]T, s.hidden)
			f.cp[l] = make([]T, s.hidden)
			f.tc[l] = make([]T, s.hidden)
		}
	}
	return f
}

// reset starts a new window.
func (f *infer[T]) reset() { f.t = 0 }

// step feeds the inputs x of the next step of the window through every
// layer.
func (f *infer[T]) step(p views[T], x []float64) {
	s := f.s
	H := s.hidden
	gh := s.gates() * H
	for l := range s.layers {
		in := s.layerIn(l)
		K := in + H + 1
		a := f.a[l]
		if l == 0 {
			for k, v := range x[:in] {
				a[k] = T(v)
			}
		} else {
			copy(a[:in], f.h[l-1])
		}
		if f.t == 0 {
			clear(a[in : in+H])
		} else {
			copy(a[in:in+H], f.h[l])
		}
		a[K-1] = 1
		z := f.z[l]
		kern.Gemm(false, false, 1, gh, K, 1, a, K, p.wb[l], gh, 0, z, gh)
		if s.cell == RNN {
			kern.Tanh(f.h[l], z)
			continue
		}
		var cp []T
		if f.t > 0 {
			f.c[l], f.cp[l] = f.cp[l], f.c[l]
			cp = f.cp[l]
		}
		kern.LSTMCell(z, f.c[l], f.tc[l], f.h[l], cp, 1, H)
	}
	f.t++
}

// output writes the head's outputs for the window fed so far to y, with
// kn the known covariates of the head (shape.known × outs, covariate-major
// as the head's weights; nil without known covariates).
func (f *infer[T]) output(p views[T], kn, y []float64) {
	s := f.s
	H := s.hidden
	O := s.outs()
	copy(f.y, p.by)
	kern.Gemm(false, false, 1, O, H, 1, f.h[s.layers-1], H, p.wy, O, 1, f.y, O)
	if s.known > 0 {
		for i, v := range kn[:s.known*O] {
			f.kf[i] = T(v)
		}
		headKnown(f.y, f.kf, p.wk, 1, s.known, O)
	}
	for k := range y {
		y[k] = float64(f.y[k])
	}
}
