package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/sourcegraph/jsonrpc2"
)

// invalidMethod is the method of the message the codec hands the server in
// place of one that is not a JSON-RPC message (see codec).
const invalidMethod = "$/careerlint/invalidMessage"

// maxMessage is the largest message read; a longer one is skipped. An
// editor sends a whole document in one message: this is far above any
// page careerlint reads (max-file-size is 10 MiB by default).
const maxMessage = 256 << 20

// codec reads and writes the base protocol of LSP: header fields, of which
// Content-Length counts the bytes of the JSON body that follows. Unlike
// the library's codec, a body that is not a JSON-RPC message (broken
// JSON, an array, an id that is an object) does not end the connection:
// the server gets an invalidMethod message instead, a request with the
// body's id when it has a usable one (answered with an error), else a
// notification, and logs it; a body with no usable id is answered by
// the stream (see newStream) with an error whose id is null, as JSON-RPC
// asks. Only a header that gives no usable length ends the connection, as
// the stream cannot be followed after one.
type codec struct {
	// log receives the reason the connection ends for a header, before
	// the connection closes (the library would log it only after, racing
	// the process's exit).
	log *log.Logger
	// nullID holds the error to answer with id null for the message
	// last read, when it had no usable id; the stream takes it.
	nullID *atomic.Pointer[rpcError]
}

// rpcError is a JSON-RPC error object.
type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// nullIDResponse is a JSON-RPC response to a message whose id could not be
// read: its id is null.
type nullIDResponse struct {
	JSONRPC string    `json:"jsonrpc"`
	ID      *struct{} `json:"id"` // always nil: null
	Error   rpcError  `json:"error"`
}

// stream is the library's buffered stream over the codec, answering the
// messages the codec could read no id from: the library can send no
// response with id null, and the codec, which reads, may not write
// outside the stream's lock.
type stream struct {
	jsonrpc2.ObjectStream
	nullID *atomic.Pointer[rpcError]
	log    *log.Logger
}

// newStream returns the server's stream over rw.
func newStream(rw io.ReadWriteCloser, logger *log.Logger) stream {
	nullID := new(atomic.Pointer[rpcError])
	return stream{jsonrpc2.NewBufferedStream(rw, codec{log: logger, nullID: nullID}), nullID, logger}
}

// ReadObject reads the next message into v and, when the codec could
// read no usable id from it, answers it at once with an error whose id is
// null (the server then gets the invalidMethod notification and logs it).
func (s stream) ReadObject(v any) error {
	err := s.ObjectStream.ReadObject(v)
	if e := s.nullID.Swap(nil); e != nil {
		if werr := s.WriteObject(nullIDResponse{JSONRPC: "2.0", Error: *e}); werr != nil {
			s.log.Printf("answering a message with no id: %v", werr)
		}
	}
	return err
}

// WriteObject writes one message with its header.
func (c codec) WriteObject(w io.Writer, obj any) error {
	data, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(w, "Content-Length: %d\r\n\r\n", len(data)); err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// ReadObject reads the next message into v (the library's message type).
func (c codec) ReadObject(r *bufio.Reader, v any) error {
	n, err := readHeader(r)
	if errors.Is(err, errUnfollowable) {
		c.log.Printf("stopped reading: %v", err)
		return io.EOF // logged: the library need not log it again
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		c.log.Printf("stopped reading: the input ended inside a message's header")
		return io.EOF
	}
	if err != nil {
		return err
	}
	if n > maxMessage {
		if _, err := io.CopyN(io.Discard, r, n); err != nil {
			return c.ended(n, err)
		}
		return json.Unmarshal(c.invalidMessage(nil, codeInvalidRequest, fmt.Sprintf("a message of %d bytes is over the limit of %d; skipped", n, maxMessage)), v)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return c.ended(n, err)
	}
	if err := json.Unmarshal(body, v); err != nil {
		code := codeInvalidRequest
		if !json.Valid(body) {
			code = codeParseError
		}
		return json.Unmarshal(c.invalidMessage(body, code, "not a JSON-RPC message: "+err.Error()), v)
	}
	// JSON-RPC 2.0 asks for "jsonrpc": "2.0" in every message (the library
	// does not check it).
	var version struct {
		JSONRPC *string `json:"jsonrpc"`
	}
	if json.Unmarshal(body, &version) == nil && (version.JSONRPC == nil || *version.JSONRPC != "2.0") {
		got := "no \"jsonrpc\" member"
		if version.JSONRPC != nil {
			got = fmt.Sprintf("\"jsonrpc\": %q", *version.JSONRPC)
		}
		return json.Unmarshal(c.invalidMessage(body, codeInvalidRequest, fmt.Sprintf("not a JSON-RPC 2.0 message: it has %s, where \"2.0\" is required", got)), v)
	}
	return nil
}

// ended logs that the input ended inside a message of n bytes (the
// library does not log an unexpected end) and returns the error.
func (c codec) ended(n int64, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		c.log.Printf("stopped reading: the input ended inside a message of %d bytes", n)
		return io.EOF
	}
	return err
}

// errUnfollowable marks a header after which the stream cannot be
// followed.
var errUnfollowable = errors.New("the stream cannot be followed")

// readHeader reads header fields up to the empty line and returns the
// Content-Length. Field names are read in any case, and a line may end
// in "\n" alone.
func readHeader(r *bufio.Reader) (int64, error) {
	length := int64(-1)
	for started := false; ; started = true {
		line, err := r.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			return 0, fmt.Errorf("a header line is longer than %d bytes; %w", r.Size(), errUnfollowable)
		}
		if err != nil {
			if err == io.EOF && (len(line) > 0 || started) {
				err = io.ErrUnexpectedEOF // the input ended inside a header
			}
			return 0, err
		}
		text := strings.TrimRight(string(line), "\r\n")
		if text == "" {
			if length < 0 {
				return 0, fmt.Errorf("a message has no Content-Length header; %w", errUnfollowable)
			}
			return length, nil
		}
		name, value, ok := strings.Cut(text, ":")
		if !ok {
			return 0, fmt.Errorf("header line %q is not a field; %w", text, errUnfollowable)
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || n < 0 {
				return 0, fmt.Errorf("Content-Length %q is not a length; %w", strings.TrimSpace(value), errUnfollowable)
			}
			length = n
		}
	}
}

// invalidMessage returns the message the server gets for a body that is
// not a JSON-RPC message: a request with the body's id when it has one the
// library can answer, else a notification, for which the codec keeps the
// error (code and reason) that the stream answers with id null; the
// reason is its params.
func (c codec) invalidMessage(body []byte, code int, reason string) []byte {
	msg := map[string]any{"jsonrpc": "2.0", "method": invalidMethod, "params": map[string]string{"error": reason}}
	var probe struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(body, &probe) == nil && len(probe.ID) > 0 && !bytes.Equal(probe.ID, []byte("null")) {
		var id jsonrpc2.ID
		if json.Unmarshal(probe.ID, &id) == nil {
			msg["id"] = probe.ID
		}
	}
	if _, ok := msg["id"]; !ok && c.nullID != nil {
		c.nullID.Store(&rpcError{Code: code, Message: reason})
	}
	b, _ := json.Marshal(msg)
	return b
}
