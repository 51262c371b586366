package main

import (
	"strings"
	"testing"
)

// TestNumericFlagBounds: every integer flag is bounded with a usage error
// before any work, and the message quotes the value as typed, never a
// wrapped number (issue 15, item 10).
func TestNumericFlagBounds(t *testing.T) {
	const in = "x.csv" // never read: the flags fail first
	for _, test := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"forecast", "--input", in, "--horizon", "1000000000"}, nil, `invalid --horizon "1000000000": want a whole number from 1 to 100000`},
		{[]string{"forecast", "--input", in, "--horizon", "9e18"}, nil, `invalid --horizon "9e18": want a whole number from 1 to 100000`},
		{[]string{"forecast", "--input", in, "--horizon", "-9223372036854775808"}, nil, `invalid --horizon "-9223372036854775808": want a whole number from 1 to 100000`},
		{[]string{"forecast", "--input", in, "--horizon", "3", "--season", "4611686018427387904"}, nil, `invalid --season "4611686018427387904": want a whole number from 0 to 100000`},
		{[]string{"backtest", "--input", in, "--horizon", "3", "--origins", "9223372036854775807"}, nil, `invalid --origins "9223372036854775807": want a whole number from 1 to 10000`},
		{[]string{"backtest", "--input", in, "--horizon", "3", "--step", "9000000000000000000"}, nil, `invalid --step "9000000000000000000": want a whole number from 0 to 1000000`},
		{[]string{"backtest", "--input", in, "--horizon", "3", "--refit", "-1"}, nil, `invalid --refit "-1": want a whole number from 0 to 10000`},
		{[]string{"train", "--input", in, "--save", "m", "--hidden", "100000"}, nil, `invalid --hidden "100000": want a whole number from 0 to 4096`},
		{[]string{"train", "--input", in, "--save", "m", "--window", "1000000"}, nil, `invalid --window "1000000": want a whole number from 0 to 16384`},
		{[]string{"train", "--input", in, "--save", "m", "--window", "9223372036854775807"}, nil, `invalid --window "9223372036854775807": want a whole number from 0 to 16384`},
		{[]string{"train", "--input", in, "--save", "m", "--epochs", "1000001"}, nil, `invalid --epochs "1000001": want a whole number from 0 to 100000`},
		{[]string{"train", "--input", in, "--save", "m", "--horizon", "-1"}, nil, `invalid --horizon "-1": want a whole number from 0 to 100000`},
		{[]string{"inspect", "--input", in, "--max-period", "100001"}, nil, `invalid --max-period "100001": want a whole number from 0 to 100000`},
		{[]string{"forecast", "--input", in, "--horizon", "3", "--level", "1e-9"}, nil, `invalid --level 1e-09: levels are percentages`},
		{[]string{"forecast", "--input", in, "--horizon", "3", "--level", "NaN"}, nil, `invalid --level NaN: want a percentage from 1 to below 100`},
		{[]string{"forecast", "--input", in}, map[string]string{"TSFORECAST_HORIZON": "100001"},
			`invalid $TSFORECAST_HORIZON "100001" (for --horizon): want a whole number from 1 to 100000`},
	} {
		t.Run(strings.Join(test.args, " "), func(t *testing.T) {
			for k, v := range test.env {
				t.Setenv(k, v)
			}
			r := run(t, "", test.args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, test.want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want exit %d and one line containing %q", r.code, r.stderr, exitUsage, test.want)
			}
		})
	}
}

// TestIntegersBase10: integer flags read base 10 only, on the command line
// and from the environment: a leading zero is a decimal digit ("012" is
// 12), while Go's prefixes and digit separators are usage errors (issue
// 15, item 11).
func TestIntegersBase10(t *testing.T) {
	r := mustRun(t, "", "forecast", "--input", airline, "--model", "naive", "--horizon", "012", "--quiet")
	if n := len(readCSV(t, r.stdout)) - 1; n != 12 {
		t.Errorf("--horizon 012 gave %d steps, want 12", n)
	}
	t.Setenv("TSFORECAST_HORIZON", "08")
	r = mustRun(t, "", "forecast", "--input", airline, "--model", "naive", "--quiet")
	if n := len(readCSV(t, r.stdout)) - 1; n != 8 {
		t.Errorf("TSFORECAST_HORIZON=08 gave %d steps, want 8", n)
	}
	for _, v := range []string{"0x10", "0o10", "0b10", "1_0", "1e1", "10.0", " 10", "١٠"} {
		for _, env := range []bool{false, true} {
			args := []string{"forecast", "--input", airline, "--model", "naive", "--horizon", v}
			want := `invalid --horizon "` + v + `": want a whole number from 1 to 100000`
			t.Setenv("TSFORECAST_HORIZON", "") // urfave/cli ignores an empty variable
			if env {
				t.Setenv("TSFORECAST_HORIZON", v)
				args = args[:len(args)-2]
				want = `invalid $TSFORECAST_HORIZON "` + v + `" (for --horizon): want a whole number from 1 to 100000`
			}
			r := run(t, "", args...)
			if r.code != exitUsage || !strings.Contains(r.stderr, want) {
				t.Errorf("horizon %q (env %v): exit %d, stderr %q; want a usage error %q", v, env, r.code, r.stderr, want)
			}
		}
	}
	t.Setenv("TSFORECAST_HORIZON", "")
	for _, v := range []string{"0x10", "1_0"} {
		r := run(t, "", "forecast", "--input", airline, "--model", "naive", "--horizon", "3", "--seed", v)
		if r.code != exitUsage || !strings.Contains(r.stderr, `invalid --seed "`+v+`"`) {
			t.Errorf("--seed %q: exit %d, stderr %q; want a usage error", v, r.code, r.stderr)
		}
	}
}
