package lsp

// The Language Server Protocol types careerlint uses: the subset of the
// specification (version 3.17) the server reads and writes, with the
// protocol's field names.

// Position is a zero-based line and a character offset on that line counted
// in UTF-16 code units, as the protocol requires by default.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is a half-open range of positions.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Location is a range in a document.
type Location struct {
	URI   string `json:"uri"`
	Range Range  `json:"range"`
}

// DiagnosticSeverity is the protocol's severity: 1 error, 2 warning,
// 3 information, 4 hint.
type DiagnosticSeverity int

// The severities careerlint sends.
const (
	SeverityError       DiagnosticSeverity = 1
	SeverityWarning     DiagnosticSeverity = 2
	SeverityInformation DiagnosticSeverity = 3
)

// CodeDescription links a diagnostic's code to its documentation.
type CodeDescription struct {
	Href string `json:"href"`
}

// DiagnosticRelatedInformation is another location that explains a
// diagnostic.
type DiagnosticRelatedInformation struct {
	Location Location `json:"location"`
	Message  string   `json:"message"`
}

// Diagnostic is one finding as the protocol carries it.
type Diagnostic struct {
	Range              Range                          `json:"range"`
	Severity           DiagnosticSeverity             `json:"severity,omitempty"`
	Code               string                         `json:"code,omitempty"`
	CodeDescription    *CodeDescription               `json:"codeDescription,omitempty"`
	Source             string                         `json:"source,omitempty"`
	Message            string                         `json:"message"`
	RelatedInformation []DiagnosticRelatedInformation `json:"relatedInformation,omitempty"`
}

// PublishDiagnosticsParams are the params of
// textDocument/publishDiagnostics.
type PublishDiagnosticsParams struct {
	URI         string       `json:"uri"`
	Version     *int         `json:"version,omitempty"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// TextDocumentIdentifier names a document.
type TextDocumentIdentifier struct {
	URI string `json:"uri"`
}

// VersionedTextDocumentIdentifier names a version of a document.
type VersionedTextDocumentIdentifier struct {
	URI     string `json:"uri"`
	Version int    `json:"version"`
}

// TextDocumentItem is an opened document with its text.
type TextDocumentItem struct {
	URI        string `json:"uri"`
	LanguageID string `json:"languageId"`
	Version    int    `json:"version"`
	Text       string `json:"text"`
}

// DidOpenTextDocumentParams are the params of textDocument/didOpen.
type DidOpenTextDocumentParams struct {
	TextDocument TextDocumentItem `json:"textDocument"`
}

// TextDocumentContentChangeEvent is one change: the whole text when Range
// is nil, otherwise the replacement of Range.
type TextDocumentContentChangeEvent struct {
	Range *Range `json:"range,omitempty"`
	Text  string `json:"text"`
}

// DidChangeTextDocumentParams are the params of textDocument/didChange.
type DidChangeTextDocumentParams struct {
	TextDocument   VersionedTextDocumentIdentifier  `json:"textDocument"`
	ContentChanges []TextDocumentContentChangeEvent `json:"contentChanges"`
}

// DidSaveTextDocumentParams are the params of textDocument/didSave.
type DidSaveTextDocumentParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Text         *string                `json:"text,omitempty"`
}

// DidCloseTextDocumentParams are the params of textDocument/didClose.
type DidCloseTextDocumentParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
}

// FileEvent is one change of a watched file.
type FileEvent struct {
	URI string `json:"uri"`
	// Type is 1 created, 2 changed, 3 deleted.
	Type int `json:"type"`
}

// DidChangeWatchedFilesParams are the params of
// workspace/didChangeWatchedFiles.
type DidChangeWatchedFilesParams struct {
	Changes []FileEvent `json:"changes"`
}

// TextDocumentPositionParams name a position in a document (hover,
// definition).
type TextDocumentPositionParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Position     Position               `json:"position"`
}

// RenameOptions say that the server answers textDocument/prepareRename.
type RenameOptions struct {
	PrepareProvider bool `json:"prepareProvider"`
}

// RenameParams are the params of textDocument/rename.
type RenameParams struct {
	TextDocumentPositionParams
	NewName string `json:"newName"`
}

// PrepareRenameResult is the range of what a rename at a position
// renames, and its text as the editor offers it for editing.
type PrepareRenameResult struct {
	Range       Range  `json:"range"`
	Placeholder string `json:"placeholder"`
}

// ReferenceParams are the params of textDocument/references.
type ReferenceParams struct {
	TextDocumentPositionParams
	Context ReferenceContext `json:"context"`
}

// ReferenceContext says whether the declaration (the heading) is wanted
// among the references.
type ReferenceContext struct {
	IncludeDeclaration bool `json:"includeDeclaration"`
}

// MarkupContent is Markdown or plain text shown to the user.
type MarkupContent struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// Hover is the result of textDocument/hover.
type Hover struct {
	Contents MarkupContent `json:"contents"`
	Range    *Range        `json:"range,omitempty"`
}

// TextEdit replaces a range of a document.
type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

// WorkspaceEdit holds the edits of a code action or a rename: by document
// URI (Changes), or, for a client that takes them, as DocumentChanges,
// each with the version of the document it was made for, so that the
// editor refuses an edit of a text that changed since.
type WorkspaceEdit struct {
	Changes         map[string][]TextEdit `json:"changes,omitempty"`
	DocumentChanges []TextDocumentEdit    `json:"documentChanges,omitempty"`
}

// TextDocumentEdit is the edits of one document of a WorkspaceEdit.
type TextDocumentEdit struct {
	TextDocument OptionalVersionedTextDocumentIdentifier `json:"textDocument"`
	Edits        []TextEdit                              `json:"edits"`
}

// OptionalVersionedTextDocumentIdentifier names a document and the
// version an edit was made for: null for a file no editor holds open,
// edited as saved.
type OptionalVersionedTextDocumentIdentifier struct {
	URI     string `json:"uri"`
	Version *int   `json:"version"`
}

// CodeActionContext is what the client knows at the requested range.
type CodeActionContext struct {
	Diagnostics []Diagnostic `json:"diagnostics"`
	// Only, when set, limits the kinds of actions wanted.
	Only []string `json:"only,omitempty"`
}

// CodeActionParams are the params of textDocument/codeAction.
type CodeActionParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Range        Range                  `json:"range"`
	Context      CodeActionContext      `json:"context"`
}

// The code action kinds careerlint offers.
const (
	KindQuickFix = "quickfix"
	// KindFixAll is the kind editors run on save to fix every problem
	// (VS Code's editor.codeActionsOnSave "source.fixAll").
	KindFixAll = "source.fixAll.careerlint"
)

// CodeAction is one action offered for a range.
type CodeAction struct {
	Title       string         `json:"title"`
	Kind        string         `json:"kind,omitempty"`
	Diagnostics []Diagnostic   `json:"diagnostics,omitempty"`
	IsPreferred bool           `json:"isPreferred,omitempty"`
	Edit        *WorkspaceEdit `json:"edit,omitempty"`
}

// WorkspaceFolder is a folder open in the editor.
type WorkspaceFolder struct {
	URI  string `json:"uri"`
	Name string `json:"name"`
}

// InitializeParams are the params of initialize; only the fields careerlint
// reads.
type InitializeParams struct {
	ProcessID        *int              `json:"processId"`
	RootURI          *string           `json:"rootUri"`
	RootPath         *string           `json:"rootPath,omitempty"`
	WorkspaceFolders []WorkspaceFolder `json:"workspaceFolders,omitempty"`
	Capabilities     struct {
		Workspace struct {
			DidChangeWatchedFiles struct {
				DynamicRegistration bool `json:"dynamicRegistration"`
			} `json:"didChangeWatchedFiles"`
			WorkspaceEdit struct {
				DocumentChanges bool `json:"documentChanges"`
			} `json:"workspaceEdit"`
		} `json:"workspace"`
	} `json:"capabilities"`
}

// TextDocumentSyncOptions is how the server wants documents synchronised.
type TextDocumentSyncOptions struct {
	OpenClose bool `json:"openClose"`
	// Change is 1 for full text, 2 for incremental changes.
	Change int         `json:"change"`
	Save   SaveOptions `json:"save"`
}

// SaveOptions tell whether didSave carries the text.
type SaveOptions struct {
	IncludeText bool `json:"includeText"`
}

// CodeActionOptions list the kinds of code actions the server offers.
type CodeActionOptions struct {
	CodeActionKinds []string `json:"codeActionKinds"`
}

// CompletionOptions say what makes a client ask for completions.
type CompletionOptions struct {
	TriggerCharacters []string `json:"triggerCharacters"`
}

// ServerCapabilities are what the server offers.
type ServerCapabilities struct {
	PositionEncoding   string                  `json:"positionEncoding"`
	TextDocumentSync   TextDocumentSyncOptions `json:"textDocumentSync"`
	HoverProvider      bool                    `json:"hoverProvider"`
	DefinitionProvider bool                    `json:"definitionProvider"`
	ReferencesProvider bool                    `json:"referencesProvider"`
	RenameProvider     RenameOptions           `json:"renameProvider"`
	CodeActionProvider CodeActionOptions       `json:"codeActionProvider"`
	CompletionProvider CompletionOptions       `json:"completionProvider"`
}

// CompletionItem is one completion: the text it writes over the range of
// its TextEdit.
type CompletionItem struct {
	Label string `json:"label"`
	// Kind is one of the Completion* kind constants.
	Kind int `json:"kind,omitempty"`
	// Detail says what the item is: an anchor's heading, a page's file.
	Detail string `json:"detail,omitempty"`
	// SortText orders the items where their labels' order is not
	// theirs (an anchor list keeps the page's order).
	SortText string `json:"sortText,omitempty"`
	// TextEdit writes the item over the word the cursor is in.
	TextEdit *TextEdit `json:"textEdit,omitempty"`
}

// The completion kinds careerlint uses, as the protocol numbers them.
const (
	CompletionFile      = 17
	CompletionReference = 18
	CompletionFolder    = 19
)

// CompletionList is the result of textDocument/completion. IsIncomplete
// is set when Items were cut to a bound: the client asks again as the
// user types more.
type CompletionList struct {
	IsIncomplete bool             `json:"isIncomplete"`
	Items        []CompletionItem `json:"items"`
}

// ServerInfo names the server.
type ServerInfo struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

// InitializeResult is the result of initialize.
type InitializeResult struct {
	Capabilities ServerCapabilities `json:"capabilities"`
	ServerInfo   ServerInfo         `json:"serverInfo"`
}

// Registration asks the client to send a kind of notification.
type Registration struct {
	ID              string `json:"id"`
	Method          string `json:"method"`
	RegisterOptions any    `json:"registerOptions,omitempty"`
}

// RegistrationParams are the params of client/registerCapability.
type RegistrationParams struct {
	Registrations []Registration `json:"registrations"`
}

// FileSystemWatcher is one glob the client watches for the server.
type FileSystemWatcher struct {
	GlobPattern string `json:"globPattern"`
	// Kind is the events to report, a sum of WatchCreate, WatchChange and
	// WatchDelete; 0 (left out) means all three.
	Kind int `json:"kind,omitempty"`
}

// The kinds of events a watcher reports.
const (
	WatchCreate = 1
	WatchChange = 2
	WatchDelete = 4
)

// DidChangeWatchedFilesRegistrationOptions list the globs to watch.
type DidChangeWatchedFilesRegistrationOptions struct {
	Watchers []FileSystemWatcher `json:"watchers"`
}

// ShowMessageParams are the params of window/showMessage.
type ShowMessageParams struct {
	// Type is 1 error, 2 warning, 3 info, 4 log.
	Type    int    `json:"type"`
	Message string `json:"message"`
}

// The protocol's error codes, JSON-RPC's and LSP's.
const (
	codeServerNotInitialized = -32002
	codeParseError           = -32700
	codeInvalidRequest       = -32600
	codeRequestFailed        = -32803
	codeRequestCancelled     = -32800
)
