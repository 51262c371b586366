package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tsforecast/tsforecast/models"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestMain(m *testing.M) {
	runMainIfAsked()
	// The tests must not pick up the developer's TSFORECAST_* settings.
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "TSFORECAST_") {
			os.Unsetenv(k)
		}
	}
	os.Exit(m.Run())
}

type result struct {
	stdout, stderr string
	code           int
}

// run drives the app in-process as main does, with stdin from the given
// string, and returns what it printed and its exit code.
func run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	app := newApp(&out, &errb)
	app.Reader = strings.NewReader(stdin)
	err := app.RunContext(context.Background(), append([]string{"tsforecast"}, args...))
	code := reportError(&errb, err)
	return result{out.String(), errb.String(), code}
}

// golden compares got with testdata/name.golden, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, test := range []struct {
		name string
		args []string
		env  map[string]string
		want string // substring of stderr
	}{
		{"flag after argument", []string{"forecast", "data.csv", "--horizon", "12"}, nil,
			`flag --horizon given after the argument "data.csv" was not read: put flags before arguments`},
		{"flag after argument inspect", []string{"inspect", "--input", "x.csv", "extra", "--plot", "p.png"}, nil,
			`flag --plot given after the argument "extra" was not read: put flags before arguments`},
		{"flag after --", []string{"backtest", "--input", "x.csv", "--", "--horizon", "3"}, nil,
			`flag --horizon was not read: put flags before arguments`},
		{"positional argument", []string{"inspect", "--input", "x.csv", "y.csv"}, nil,
			`unexpected argument "y.csv": give the input file with --input FILE`},
		{"unknown flag", []string{"forecast", "--input", "x.csv", "--horizn", "3"}, nil,
			`unknown flag --horizn (see 'tsforecast forecast --help')`},
		{"flag before command", []string{"--quiet", "inspect", "--input", "x.csv"}, nil,
			`unknown flag --quiet: flags go after the command name`},
		{"unknown command", []string{"forcast"}, nil, `unknown command "forcast"`},
		{"missing input", []string{"inspect"}, nil, `missing required flag --input`},
		{"missing horizon", []string{"forecast", "--input", "x.csv"}, nil, `missing required flag --horizon`},
		{"missing save", []string{"train", "--input", "x.csv"}, nil, `missing required flag --save`},
		{"missing model file", []string{"predict", "--input", "x.csv", "--horizon", "3"}, nil, `missing required flag --model`},
		{"missing out", []string{"report", "--input", "x.csv", "--horizon", "3"}, nil, `missing required flag --out`},
		{"bad horizon", []string{"forecast", "--input", "x.csv", "--horizon", "0"}, nil, `invalid --horizon "0": want a whole number from 1 to 100000`},
		{"bad number", []string{"forecast", "--input", "x.csv", "--horizon", "abc"}, nil, `invalid --horizon "abc": want a whole number from 1 to 100000`},
		{"fractional horizon", []string{"forecast", "--input", "x.csv", "--horizon", "1.5"}, nil, `invalid --horizon "1.5": want a whole number from 1 to 100000`},
		{"horizon out of range", []string{"forecast", "--input", "x.csv", "--horizon", "99999999999999999999"}, nil, `invalid --horizon "99999999999999999999": want a whole number from 1 to 100000`},
		{"negative seed", []string{"forecast", "--input", "x.csv", "--horizon", "3", "--seed", "-1"}, nil, `invalid --seed "-1": want a whole number from 0 to 18446744073709551615`},
		{"bad level number", []string{"forecast", "--input", "x.csv", "--horizon", "3", "--level", "high"}, nil, `invalid --level "high": want a number`},
		{"bad bool", []string{"backtest", "--input", "x.csv", "--json=maybe"}, nil, `invalid --json "maybe": want true or false`},
		{"flag without value", []string{"forecast", "--input", "x.csv", "--horizon"}, nil, `flag --horizon needs a value`},
		{"short flag without value", []string{"forecast", "--input", "x.csv", "-m"}, nil, `flag -m needs a value`},
		{"bad model", []string{"forecast", "--input", "x.csv", "--horizon", "3", "--model", "arma"}, nil,
			`invalid --model "arma": want one of ` + strings.Join(models.Names(), ", ")},
		{"bad level", []string{"forecast", "--input", "x.csv", "--horizon", "3", "--level", "120"}, nil,
			`invalid --level 120: want a percentage from 1 to below 100`},
		{"level as a fraction", []string{"forecast", "--input", "x.csv", "--horizon", "3", "--level", "0.8"}, nil,
			`invalid --level 0.8: levels are percentages; did you mean 80?`},
		{"level twice", []string{"forecast", "--input", "x.csv", "--horizon", "3", "--level", "80", "--level", "80"}, nil,
			`--level 80 given twice`},
		{"bad layout from env", []string{"inspect", "--input", "x.csv"}, map[string]string{"TSFORECAST_LAYOUT": "tall"},
			`invalid --layout "tall": want one of auto, single, long, wide`},
		{"bad freq", []string{"inspect", "--input", "x.csv", "--freq", "fortnightly"}, nil,
			`invalid --freq "fortnightly": want one of step, minutely, hourly, daily, weekly, monthly, quarterly, yearly`},
		{"bad window type", []string{"backtest", "--input", "x.csv", "--horizon", "3", "--window-type", "rolling"}, nil,
			`invalid --window-type "rolling": want one of expanding, sliding`},
		{"train rejects baselines", []string{"train", "--input", "x.csv", "--save", "m", "--model", "snaive"}, nil,
			`invalid --model "snaive": want one of lstm, rnn`},
	} {
		t.Run(test.name, func(t *testing.T) {
			for k, v := range test.env {
				t.Setenv(k, v)
			}
			r := run(t, "", test.args...)
			if r.code != exitUsage {
				t.Errorf("exit code = %d, want %d (stderr %q)", r.code, exitUsage, r.stderr)
			}
			if !strings.Contains(r.stderr, test.want) {
				t.Errorf("stderr = %q, want it to contain %q", r.stderr, test.want)
			}
			if n := strings.Count(r.stderr, "\n"); n != 1 {
				t.Errorf("stderr has %d lines, want one: %q", n, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing on a usage error", r.stdout)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, cmd := range []string{"inspect", "forecast", "backtest", "train", "predict", "report"} {
		r := run(t, "", cmd, "--help")
		if r.code != exitOK {
			t.Errorf("%s --help: exit code %d, want 0 (stderr %q)", cmd, r.code, r.stderr)
		}
		for _, want := range []string{"Example:", "tsforecast " + cmd + " ", "--quiet", "[$TSFORECAST_"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%s --help does not mention %q:\n%s", cmd, want, r.stdout)
			}
		}
		if strings.Contains(r.stdout, "(required) (default:") {
			t.Errorf("%s --help shows a default for a required flag:\n%s", cmd, r.stdout)
		}
	}
	r := run(t, "")
	if r.code != exitOK || !strings.Contains(r.stdout, "COMMANDS:") {
		t.Errorf("no arguments: exit %d, stdout %q; want the app help and 0", r.code, r.stdout)
	}
	if r := run(t, "", "help"); r.code != exitOK || !strings.Contains(r.stdout, "COMMANDS:") {
		t.Errorf("help: exit %d, stdout %q; want the app help and 0", r.code, r.stdout)
	}
	if r := run(t, "", "help", "backtest"); r.code != exitOK || !strings.Contains(r.stdout, "tsforecast backtest - walk-forward") {
		t.Errorf("help backtest: exit %d, stdout %q; want backtest's help and 0", r.code, r.stdout)
	}
	if r := run(t, "", "help", "nope"); r.code != exitUsage || !strings.Contains(r.stderr, `unknown command "nope"`) {
		t.Errorf("help nope: exit %d, stderr %q; want a usage error", r.code, r.stderr)
	}
}
