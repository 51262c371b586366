package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mainEnv, set in the environment of a copy of the test binary, makes
// TestMain run main instead of the tests.
const mainEnv = "TSFORECAST_TEST_RUN_MAIN"

// runMainIfAsked runs main when the environment asks for it (see
// TestSecondInterrupt).
func runMainIfAsked() {
	if os.Getenv(mainEnv) == "1" {
		os.Args = append([]string{"tsforecast"}, os.Args[1:]...)
		main()
	}
}

// TestSecondInterrupt: the first interrupt cancels the command; when it
// is stuck in a read that does not return (stdin from a pipe nobody
// writes), a second interrupt ends the process at once (issue 15, item 7).
func TestSecondInterrupt(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "inspect", "--input", "-")
	cmd.Env = append(os.Environ(), mainEnv+"=1")
	stdin, err := cmd.StdinPipe() // never written: the read blocks
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	time.Sleep(300 * time.Millisecond) // let it start reading
	cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-done:
		t.Fatalf("one interrupt ended the blocked read: %v, stderr %q", err, stderr.String())
	case <-time.After(300 * time.Millisecond):
	}
	cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-done:
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGINT {
			t.Errorf("after a second interrupt: %v, stderr %q; want death by SIGINT", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("a second interrupt did not end the process; stderr %q", strings.TrimSpace(stderr.String()))
	}
}
