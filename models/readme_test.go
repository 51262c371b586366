package models_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tsforecast/tsforecast/models"
)

var update = flag.Bool("update", false, "rewrite the README's model table from the catalogue")

// TestREADMEModels checks that the README's model table is the catalogue's:
// every model, in catalogue order, with its kind, summary, covariates and
// fallbacks,
// and nothing else between the markers. go test -update rewrites it.
func TestREADMEModels(t *testing.T) {
	path := filepath.Join("..", "README.md")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- models: generated from models.Catalogue, checked by models/readme_test.go -->\n", "<!-- /models -->"
	readme := string(b)
	i, j := strings.Index(readme, begin), strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no model table between %q and %q", strings.TrimSpace(begin), end)
	}
	got := readme[i+len(begin) : j]
	var want strings.Builder
	want.WriteString("\n| model | kind | what it is | covariates | too short for it: |\n|---|---|---|---|---|\n")
	for _, e := range models.Catalogue() {
		name := "`" + e.Name + "`"
		for _, a := range e.Aliases {
			name += " (`" + a + "`)"
		}
		fb := "—"
		if len(e.Fallback) > 0 {
			fb = strings.Join(e.Fallback, ", then ")
		}
		want.WriteString("| " + name + " | " + e.Kind.String() + " | " + e.Summary + " | " + e.Covariates.String() + " | " + fb + " |\n")
	}
	want.WriteString("\n")
	if *update && got != want.String() {
		readme = readme[:i+len(begin)] + want.String() + readme[j:]
		if err := os.WriteFile(path, []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got != want.String() {
		t.Errorf("README.md model table differs from the catalogue; replace it with\n%s", want.String())
	}
}
