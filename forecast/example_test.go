package forecast_test

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tsforecast/tsforecast/forecast"
)

func ExampleWriteFileAtomic() {
	dir, err := os.MkdirTemp("", "tsforecast")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "forecast.csv")
	err = forecast.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "ds,yhat\n1961-01,442.1\n")
		return err
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := os.ReadFile(path)
	fmt.Print(string(b))
	// Output:
	// ds,yhat
	// 1961-01,442.1
}
