//go:build dataflow

package main

// Built with -tags dataflow, the binary also submits to Google Cloud
// Dataflow (--runner dataflow) and reads and writes gs:// paths. The tag
// keeps the Google Cloud client libraries out of the default binary.
import (
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/dataflow"
)
