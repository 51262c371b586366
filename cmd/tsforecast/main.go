package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// The first Ctrl-C cancels the command, which stops at its next
		// check and writes nothing; from then on the signals have their
		// default action, so a second Ctrl-C ends the process at once,
		// even in a read that blocks (a terminal, a pipe).
		<-ctx.Done()
		stop()
	}()
	app := newApp(os.Stdout, os.Stderr)
	err := app.RunContext(ctx, os.Args)
	stop()
	os.Exit(reportError(os.Stderr, err))
}
