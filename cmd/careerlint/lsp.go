package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"

	"gitlab.com/careerlint/careerlint/lint/lsp"
	"gitlab.com/careerlint/careerlint/rules"
)

const lspUsageText = `usage: careerlint lsp [--stdio]

Runs the careerlint language server on standard input and output: an editor
starts it and shows findings as the author types, fixes as quick fixes,
rule and link details on hover, and link and include targets on "go to
definition". The site root and .careerlint.yaml are found from the editor's
workspace folder, or from each file as the command line finds them.

Flags:
`

// cmdLSP runs the language server until the editor sends exit (or closes
// the connection) and returns the exit code the protocol asks for: 0
// after a shutdown request, 1 otherwise.
func cmdLSP(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("careerlint lsp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	// Clients written for VS Code's language client pass --stdio; standard
	// input and output are the only transport, so it changes nothing.
	fs.Bool("stdio", false, "talk over standard input and output, the only transport: the server does so with or without it (editors pass it)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), lspUsageText)
		printFlags(fs)
	}
	rest, err := parseCommandLine(fs, args, stdout)
	if err != nil {
		return report(stderr, err)
	}
	if len(rest) > 0 {
		return report(stderr, usagef("lsp takes no arguments; the editor sends the files"))
	}
	err = lsp.Serve(context.Background(), stdin, stdout, lsp.Options{
		Rules:           rules.All(),
		LinkRules:       rules.LinkRules(),
		SuppressionRule: rules.Suppression,
		Version:         version,
		Log:             stderr,
		PrewarmHandbook: true,
	})
	if err != nil {
		// As the server's own log lines are written (a time before each).
		log.New(stderr, "careerlint lsp: ", log.LstdFlags).Print(err)
		return 1 // the protocol's exit code for an exit without shutdown
	}
	return exitClean
}
