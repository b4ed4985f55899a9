package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"gitlab.com/careerlint/careerlint/lint"
)

// parseCommandLine parses the flags of a command, which may come before or
// after its arguments, and returns the arguments. -h or --help prints the
// command's usage on standard output (it was asked for) and returns
// flag.ErrHelp, which the caller turns into exit code 0. A bad flag is a
// usage error naming it and the way to list the flags, without printing
// the whole usage over the message.
func parseCommandLine(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, error) {
	fs.SetOutput(io.Discard)
	rest, err := parseInterleaved(fs, args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		return nil, flag.ErrHelp
	case err != nil:
		if arg := dashFileArg(args, err); arg != "" {
			return nil, usagef("%s is read as a flag, and no flag has that name; to lint it as a path, write ./%s or put -- before it (%s -- %s)", arg, arg, fs.Name(), arg)
		}
		return nil, usagef("%s%s; `%s --help` lists the flags", twoDashes(err.Error()), flagDidYouMean(fs, err), fs.Name())
	}
	// An empty path (an unset shell variable, --root "$SITE") would
	// otherwise mean the default silently.
	for _, name := range []string{"root", "config"} {
		if f := fs.Lookup(name); f != nil && flagGiven(fs, name) && f.Value.String() == "" {
			return nil, usagef("--%s is given an empty path; name the %s, or leave the flag out for the default", name, pathFlagWhat[name])
		}
	}
	return rest, nil
}

// flagDidYouMean is "; did you mean --format" for an error naming an
// undefined flag close to one of the command's (--fromat), else "".
func flagDidYouMean(fs *flag.FlagSet, err error) string {
	name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: ")
	if !ok {
		return ""
	}
	name = strings.TrimLeft(name, "-")
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if s := lint.ClosestChoice(name, names); s != "" {
		return "; did you mean --" + s
	}
	return ""
}

// dashFileArg returns the argument that err names as an undefined flag
// when it is a file or folder that exists, or names a Markdown file
// (-draft.md): a path whose name starts with "-", which the flag package
// reads as a flag. It returns "" otherwise.
func dashFileArg(args []string, err error) string {
	name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -")
	if !ok {
		return ""
	}
	for _, a := range args {
		if a == "--" {
			break
		}
		if a != "-"+name && a != "--"+name {
			continue
		}
		if _, serr := os.Lstat(a); serr == nil || strings.HasSuffix(strings.ToLower(a), ".md") {
			return a
		}
	}
	return ""
}

// pathFlagWhat names what each path flag names, for its messages.
var pathFlagWhat = map[string]string{"root": "site's root folder", "config": "configuration file"}

// printFlags lists a command's flags as the README writes them, with two
// dashes (the flag package accepts both): name, value name, and the usage
// and default wrapped to helpWidth columns after the tab.
func printFlags(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if name != "" {
			line += " " + name
		}
		if d := f.DefValue; d != "" && d != "false" && d != "[]" {
			usage += fmt.Sprintf(" (default %q)", d)
		}
		var b strings.Builder
		b.WriteString(line)
		for _, l := range wrapWords(usage, helpWidth) {
			b.WriteString("\n    \t")
			b.WriteString(l)
		}
		fmt.Fprintln(fs.Output(), b.String())
	})
}

// helpWidth is how wide printFlags wraps a flag's usage: with the tab
// before it (8 columns), a line fits 80 columns.
const helpWidth = 72

// wrapWords breaks text into lines of at most width bytes at spaces (a
// longer word gets a line of its own), keeping its own line breaks.
func wrapWords(text string, width int) []string {
	var out []string
	for para := range strings.SplitSeq(text, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			switch {
			case line == "":
				line = w
			case len(line)+1+len(w) <= width:
				line += " " + w
			default:
				out = append(out, line)
				line = w
			}
		}
		out = append(out, line)
	}
	return out
}

// twoDashes writes the flag names in the flag package's messages ("flag
// provided but not defined: -x", "invalid value ... for flag -output")
// with two dashes, as the usage and the README write them (the package
// writes one, however many the user wrote).
func twoDashes(msg string) string {
	if strings.HasPrefix(msg, "invalid boolean value ") {
		return boolFlagMessage(msg)
	}
	for _, p := range []string{"defined: -", "argument: -", "for flag -"} {
		msg = strings.Replace(msg, p, p+"-", 1)
	}
	return msg
}

// boolFlagMessage rewrites the flag package's message for a boolean flag
// given a value it cannot read (`invalid boolean value "yes" for -fix:
// parse error`) to name the flag with two dashes and say what to write
// instead of "parse error".
func boolFlagMessage(msg string) string {
	i := strings.LastIndex(msg, " for -")
	if i < 0 {
		return msg
	}
	name, _, ok := strings.Cut(msg[i+len(" for -"):], ": ")
	if !ok || name == "" {
		return msg
	}
	return fmt.Sprintf("%s for --%s; write --%s alone to turn it on, or --%s=false", msg[:i], name, name, name)
}
