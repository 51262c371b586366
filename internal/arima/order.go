package arima

import (
	"fmt"
	"strconv"
	"strings"
)

// maxLag bounds the expanded AR and MA lags (R's arima supports 350).
const maxLag = 350

// Order specifies a seasonal ARIMA(p,d,q)(P,D,Q)[m] model.
//
// P, D and Q are the non-seasonal autoregressive order, number of
// differences and moving-average order. SP, SD and SQ are their seasonal
// counterparts at lag Period. The seasonal orders must be zero when
// Period <= 1.
//
// Constant follows forecast::Arima's include.constant: with D+SD == 0 it
// adds an intercept (the mean of the series: a regression with ARMA
// errors), with D+SD == 1 it adds a drift (the coefficient of the time
// index 1..n, so a linear trend in the levels). A constant with two or more
// differences is invalid.
type Order struct {
	P, D, Q    int
	SP, SD, SQ int
	Period     int
	Constant   bool
}

// String returns the model in the notation of R's forecast package, e.g.
// "ARIMA(2,1,1)(0,1,1)[12] with drift". The seasonal part is shown when
// Period > 1 and a seasonal order is non-zero. Models without differences
// are marked "with non-zero mean" or "with zero mean".
func (o Order) String() string {
	var b strings.Builder
	b.WriteString(o.core())
	switch nd := o.D + o.SD; {
	case nd == 0 && o.Constant:
		b.WriteString(" with non-zero mean")
	case nd == 0:
		b.WriteString(" with zero mean")
	case nd == 1 && o.Constant:
		b.WriteString(" with drift")
	}
	return b.String()
}

// core returns "ARIMA(p,d,q)(P,D,Q)[m]" without the constant annotation.
func (o Order) core() string {
	var b strings.Builder
	b.WriteString("ARIMA(")
	b.WriteString(strconv.Itoa(o.P) + "," + strconv.Itoa(o.D) + "," + strconv.Itoa(o.Q) + ")")
	if o.Period > 1 && o.SP+o.SD+o.SQ > 0 {
		b.WriteString("(" + strconv.Itoa(o.SP) + "," + strconv.Itoa(o.SD) + "," + strconv.Itoa(o.SQ) + ")")
		b.WriteString("[" + strconv.Itoa(o.Period) + "]")
	}
	return b.String()
}

// period returns the seasonal period, 1 for non-seasonal models.
func (o Order) period() int {
	if o.Period > 1 {
		return o.Period
	}
	return 1
}

// ndiff returns the number of observations lost to differencing, d + D·m.
func (o Order) ndiff() int { return o.D + o.SD*o.period() }

// narma returns the number of ARMA coefficients p + q + P + Q.
func (o Order) narma() int { return o.P + o.Q + o.SP + o.SQ }

// arLen and maLen return the lengths of the expanded polynomials.
func (o Order) arLen() int { return o.P + o.period()*o.SP }
func (o Order) maLen() int { return o.Q + o.period()*o.SQ }

// validate returns an error wrapping ErrOrder if o is not a valid model.
func (o Order) validate() error {
	switch {
	case o.P < 0 || o.D < 0 || o.Q < 0 || o.SP < 0 || o.SD < 0 || o.SQ < 0 || o.Period < 0:
		return fmt.Errorf("%w: negative value in %s", ErrOrder, o.core())
	case o.Period <= 1 && o.SP+o.SD+o.SQ > 0:
		return fmt.Errorf("%w: seasonal orders need a period above 1", ErrOrder)
	case o.Constant && o.D+o.SD > 1:
		return fmt.Errorf("%w: constant with %d differences", ErrOrder, o.D+o.SD)
	case o.P > 100 || o.SP > 100 || o.arLen() > maxLag || o.maLen() > maxLag:
		return fmt.Errorf("%w: lags above %d in %s", ErrOrder, maxLag, o.core())
	}
	return nil
}
