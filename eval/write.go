package eval

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// formatFloat formats v in the shortest form that parses back to v; NaN
// and infinities are written as NaN, +Inf and -Inf.
func formatFloat(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// WriteCSV writes one row per model, fold and horizon step, with header
//
//	series,model,fold,origin,time,train_start,refit,step,actual,forecast,lo_<level>,hi_<level>...
//
// where time is the RFC 3339 timestamp of the forecast value (empty without
// timestamps) and the interval columns are empty for folds without
// intervals. Numbers are written in the shortest form that parses back
// exactly; non-finite values as NaN, +Inf or -Inf.
func (r *Result) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := writeResultCSV(cw, r, true); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func writeResultCSV(cw *csv.Writer, r *Result, header bool) error {
	if header {
		h := []string{"series", "model", "fold", "origin", "time", "train_start", "refit", "step", "actual", "forecast"}
		for _, l := range r.Levels {
			ls := formatFloat(l)
			h = append(h, "lo_"+ls, "hi_"+ls)
		}
		if err := cw.Write(h); err != nil {
			return err
		}
	}
	row := make([]string, 10+2*len(r.Levels))
	for _, mr := range r.Models {
		for k, fd := range mr.Folds {
			for i := range fd.Forecast {
				row[0], row[1] = r.Series, mr.Model
				row[2], row[3] = strconv.Itoa(k), strconv.Itoa(fd.Origin)
				row[4] = ""
				if fd.Times != nil {
					row[4] = fd.Times[i].Format(time.RFC3339)
				}
				row[5], row[6] = strconv.Itoa(fd.TrainStart), strconv.FormatBool(fd.Refit)
				row[7] = strconv.Itoa(i + 1)
				row[8], row[9] = formatFloat(fd.Actual[i]), formatFloat(fd.Forecast[i])
				for li := range r.Levels {
					row[10+2*li], row[11+2*li] = "", ""
					if li < len(fd.Intervals) {
						row[10+2*li] = formatFloat(fd.Intervals[li].Lo[i])
						row[11+2*li] = formatFloat(fd.Intervals[li].Hi[i])
					}
				}
				if err := cw.Write(row); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// WriteStepsCSV writes the per-horizon-step scores of every model, one row
// per model and step: model,step,mae,rmse,mape,smape,mase,bias followed by
// coverage_<level>,width_<level> for each level.
func (r *Result) WriteStepsCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	h := []string{"model", "step", "mae", "rmse", "mape", "smape", "mase", "bias"}
	for _, l := range r.Levels {
		ls := formatFloat(l)
		h = append(h, "coverage_"+ls, "width_"+ls)
	}
	if err := cw.Write(h); err != nil {
		return err
	}
	for _, mr := range r.Models {
		for i, st := range mr.Steps {
			row := []string{mr.Model, strconv.Itoa(i + 1), formatFloat(st.MAE), formatFloat(st.RMSE),
				formatFloat(st.MAPE), formatFloat(st.SMAPE), formatFloat(st.MASE), formatFloat(st.Bias)}
			row = appendIntervalCols(row, len(r.Levels), st.Intervals)
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// appendIntervalCols appends the coverage and width of each of the levels
// interval scores of is, or two empty fields for a level it lacks.
func appendIntervalCols(row []string, levels int, is []IntervalScore) []string {
	for li := range levels {
		if li < len(is) {
			row = append(row, formatFloat(is[li].Coverage), formatFloat(is[li].Width))
		} else {
			row = append(row, "", "")
		}
	}
	return row
}

// WriteJSON writes r as one indented JSON object with the field names of
// the struct tags. NaN and infinite numbers, which JSON cannot represent,
// are written as null.
func (r *Result) WriteJSON(w io.Writer) error { return writeJSON(w, r) }

// WriteSummary writes a text table of the models ranked best first
// ([Result.Ranked]): mean and standard deviation over folds of MAE, RMSE,
// sMAPE and MASE, the bias, interval coverage and width per level, and the
// total fit time.
func (r *Result) WriteSummary(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	h := "rank\tmodel\tMAE\t±\tRMSE\t±\tsMAPE\t±\tMASE\t±\tbias\t"
	for _, l := range r.Levels {
		h += fmt.Sprintf("cov%s\twidth%s\t", formatFloat(l), formatFloat(l))
	}
	fmt.Fprintf(tw, "%sfit s\tfolds\t\n", h)
	for i, mr := range r.Ranked() {
		m, s := mr.Summary.Mean, mr.Summary.Std
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t", i+1, mr.Model,
			num(m.MAE), num(s.MAE), num(m.RMSE), num(s.RMSE), num(m.SMAPE), num(s.SMAPE),
			num(m.MASE), num(s.MASE), num(m.Bias))
		for li := range r.Levels {
			if li < len(m.Intervals) {
				fmt.Fprintf(tw, "%.1f%%\t%s\t", 100*m.Intervals[li].Coverage, num(m.Intervals[li].Width))
			} else {
				fmt.Fprint(tw, "-\t-\t")
			}
		}
		fmt.Fprintf(tw, "%.3f\t%d\t\n", mr.Summary.FitSeconds, mr.Summary.Folds)
	}
	return tw.Flush()
}

// num formats a score for tables: 4 significant digits, "-" for NaN.
func num(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// WriteCSV writes one row per series and model with the series' mean fold
// scores: series,model,folds,mae,rmse,mape,smape,mase,bias, then
// coverage_<level>,width_<level> per level (empty when the series had no
// intervals). Use the per-series [Result.WriteCSV] for the forecasts.
func (r *MultiResult) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	h := []string{"series", "model", "folds", "mae", "rmse", "mape", "smape", "mase", "bias"}
	for _, l := range r.Levels {
		ls := formatFloat(l)
		h = append(h, "coverage_"+ls, "width_"+ls)
	}
	if err := cw.Write(h); err != nil {
		return err
	}
	for _, sr := range r.Series {
		for _, mr := range sr.Models {
			m := mr.Summary.Mean
			row := []string{sr.Series, mr.Model, strconv.Itoa(mr.Summary.Folds), formatFloat(m.MAE), formatFloat(m.RMSE),
				formatFloat(m.MAPE), formatFloat(m.SMAPE), formatFloat(m.MASE), formatFloat(m.Bias)}
			row = appendIntervalCols(row, len(r.Levels), m.Intervals)
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes r as JSON, as [Result.WriteJSON] does.
func (r *MultiResult) WriteJSON(w io.Writer) error { return writeJSON(w, r) }

// WriteSummary writes a text table of the models ranked best first
// ([MultiResult.Ranked]): mean sMAPE, MASE and MAE over series, OWA
// against the reference, interval coverage per level, best and worst
// series by MASE, and the total fit time.
func (r *MultiResult) WriteSummary(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	h := "rank\tmodel\tsMAPE\tMASE\tMAE\tOWA\t"
	for _, l := range r.Levels {
		h += fmt.Sprintf("cov%s\t", formatFloat(l))
	}
	fmt.Fprintf(tw, "%sbest\tworst\tfit s\tseries\t\n", h)
	for i, ms := range r.Ranked() {
		fmt.Fprintf(tw, "%d\t%s\t%.3f\t%.3f\t%s\t%s\t", i+1, ms.Model, ms.SMAPE, ms.MASE, num(ms.MAE), numf(ms.OWA, 3))
		for li := range r.Levels {
			if li < len(ms.Intervals) {
				fmt.Fprintf(tw, "%.1f%%\t", 100*ms.Intervals[li].Coverage)
			} else {
				fmt.Fprint(tw, "-\t")
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%.2f\t%d\t\n", ms.Best, ms.Worst, ms.FitSeconds, ms.Series)
	}
	return tw.Flush()
}

func numf(v float64, prec int) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', prec, 64)
}

// writeJSON encodes v with indentation, writing non-finite floats as null,
// which encoding/json refuses to encode.
func writeJSON(w io.Writer, v any) error {
	bw := bufio.NewWriter(w)
	e := &jsonEnc{w: bw}
	e.value(reflect.ValueOf(v), 0)
	bw.WriteByte('\n')
	if e.err != nil {
		return e.err
	}
	return bw.Flush()
}

type jsonEnc struct {
	w   *bufio.Writer
	err error
}

var timeType = reflect.TypeFor[time.Time]()

func (e *jsonEnc) indent(d int) {
	e.w.WriteByte('\n')
	for range d {
		e.w.WriteString("  ")
	}
}

func (e *jsonEnc) value(v reflect.Value, d int) {
	if e.err != nil {
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			e.w.WriteString("null")
			return
		}
		e.value(v.Elem(), d)
	case reflect.Float64, reflect.Float32:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			e.w.WriteString("null")
			return
		}
		e.w.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
	case reflect.Int, reflect.Int64, reflect.Int32:
		e.w.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Bool:
		e.w.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.String:
		b, _ := json.Marshal(v.String())
		e.w.Write(b)
	case reflect.Slice:
		if v.IsNil() {
			e.w.WriteString("null")
			return
		}
		// Numbers on one line, structs one per line.
		flat := v.Type().Elem().Kind() != reflect.Struct && v.Type().Elem().Kind() != reflect.Pointer
		e.w.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				e.w.WriteByte(',')
			}
			if !flat {
				e.indent(d + 1)
			}
			e.value(v.Index(i), d+1)
		}
		if !flat && v.Len() > 0 {
			e.indent(d)
		}
		e.w.WriteByte(']')
	case reflect.Struct:
		if v.Type() == timeType {
			b, err := json.Marshal(v.Interface())
			if err != nil {
				e.err = err
				return
			}
			e.w.Write(b)
			return
		}
		e.w.WriteByte('{')
		first := true
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			fv := v.Field(i)
			if strings.Contains(opts, "omitempty") && (fv.IsZero() || fv.Kind() == reflect.Slice && fv.Len() == 0) {
				continue
			}
			if !first {
				e.w.WriteByte(',')
			}
			first = false
			e.indent(d + 1)
			b, _ := json.Marshal(name)
			e.w.Write(b)
			e.w.WriteString(": ")
			e.value(fv, d+1)
		}
		if !first {
			e.indent(d)
		}
		e.w.WriteByte('}')
	default:
		e.err = fmt.Errorf("eval: cannot write %s as JSON", v.Type())
	}
}
