package models_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tsforecast/tsforecast/models"
)

// TestREADMEModels checks that the README's model table is the catalogue's:
// every model, in catalogue order, with its kind and summary, and nothing
// else between the markers.
func TestREADMEModels(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
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
	want.WriteString("\n| model | kind | what it is |\n|---|---|---|\n")
	for _, e := range models.Catalogue() {
		name := "`" + e.Name + "`"
		for _, a := range e.Aliases {
			name += " (`" + a + "`)"
		}
		want.WriteString("| " + name + " | " + e.Kind.String() + " | " + e.Summary + " |\n")
	}
	want.WriteString("\n")
	if got != want.String() {
		t.Errorf("README.md model table differs from the catalogue; replace it with\n%s", want.String())
	}
}
