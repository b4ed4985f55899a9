package lsp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer safe for concurrent writes and reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// frame returns body with its Content-Length header.
func frame(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

// serveRaw runs a server on the given input bytes and returns what it
// wrote, its log and Serve's error.
func serveRaw(t *testing.T, input string) (replies []map[string]any, logged string, err error) {
	t.Helper()
	var out bytes.Buffer
	var log syncBuffer // the server logs from its own goroutines
	opt := serverOptions()
	opt.Log = &log
	done := make(chan error, 1)
	go func() { done <- Serve(context.Background(), strings.NewReader(input), &out, opt) }()
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop")
	}
	r := bufio.NewReader(&out)
	for {
		n, herr := readHeader(r)
		if herr != nil {
			break
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatalf("server wrote %q: %v", body, err)
		}
		if _, isReply := m["id"]; isReply && m["method"] == nil {
			replies = append(replies, m)
		}
	}
	return replies, log.String(), err
}

// TestMalformedMessages: a body that is not a JSON-RPC message is logged,
// answered with "invalid request" (with its id, or id null when it has no
// usable one; "parse error" for broken JSON), and the server goes on
// serving; header fields are read in any case and with "\n" endings.
func TestMalformedMessages(t *testing.T) {
	init := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`
	input := frame(init) +
		"Content-Length: 10\r\n\r\n" + `{"jsonrpc"` + // broken JSON
		frame(`[]`) + frame(`null`) + frame(`12345`) +
		frame(`{"jsonrpc":"2.0","id":{},"method":"x"}`) + // an id that is an object: answered with id null
		frame(`{"jsonrpc":"2.0","id":7,"method":5}`) + // a method that is a number: answered
		frame(`{"jsonrpc":"1.0","id":9,"method":"shutdown"}`) + // not JSON-RPC 2.0: refused, not run
		frame(`{"id":10,"method":"shutdown"}`) +
		"content-length: 46\nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\n" + `{"jsonrpc":"2.0","id":8,"method":"shutdown"}  ` +
		frame(`{"jsonrpc":"2.0","method":"exit"}`)
	replies, logged, err := serveRaw(t, input)
	if err != nil {
		t.Errorf("Serve: %v, want nil (shutdown then exit)\nlog:\n%s", err, logged)
	}
	var ids []string
	for _, r := range replies {
		s := fmt.Sprint(r["id"])
		if e, ok := r["error"].(map[string]any); ok {
			s += fmt.Sprintf(" error %v", e["code"])
		}
		ids = append(ids, s)
	}
	// Broken JSON is a parse error; the other bodies are invalid requests.
	// Those with no usable id are answered with id null, as JSON-RPC asks.
	want := []string{"1", "<nil> error -32700", "<nil> error -32600", "<nil> error -32600", "<nil> error -32600", "<nil> error -32600", "7 error -32600", "9 error -32600", "10 error -32600", "8"}
	if fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Errorf("replies %v, want %v", ids, want)
	}
	if n := strings.Count(logged, "ignored a message: not a JSON-RPC message"); n != 6 {
		t.Errorf("%d messages logged as ignored, want 6; log:\n%s", n, logged)
	}
	if n := strings.Count(logged, "ignored a message: not a JSON-RPC 2.0 message"); n != 2 {
		t.Errorf("%d messages logged as not JSON-RPC 2.0, want 2; log:\n%s", n, logged)
	}
}

// TestUnreadableHeader: a header that gives no usable length ends the
// connection (the stream cannot be followed), with the reason logged.
func TestUnreadableHeader(t *testing.T) {
	for _, c := range []struct{ header, why string }{
		{"Content-Length: abc\r\n\r\n{}", `Content-Length "abc" is not a length`},
		{"Content-Length: -5\r\n\r\n{}", `Content-Length "-5" is not a length`},
		{"Content-Type: x\r\n\r\n{}", "no Content-Length header"},
		{"garbage\r\n\r\n", `header line "garbage" is not a field`},
		{"Content-Length: 4000000000\r\n\r\n{}", "the input ended inside a message of 4000000000 bytes"},
		{"Content-Length: 40\r\n\r\n{}", "the input ended inside a message of 40 bytes"},
		{"Content-Length: 10\r\n", "the input ended inside a message's header"},
		{"Content-Len", "the input ended inside a message's header"},
	} {
		_, logged, err := serveRaw(t, c.header)
		if err == nil || !strings.Contains(logged, c.why) {
			t.Errorf("%q: error %v, log %q; want the connection ended and %q logged", c.header, err, logged, c.why)
		}
	}
}
