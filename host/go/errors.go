package dsplan

import (
	"fmt"
	"strings"
)

// Stable error codes of the core ABI (wasm/ABI.md, "Error codes"). Branch on these, not on Message.
const (
	CodeInvalidInput    = "invalid-input"
	CodeInvalidOption   = "invalid-option"
	CodeInvalidRequest  = "invalid-request"
	CodeUnknownFunction = "unknown-function"
	CodeInternal        = "internal"
)

// Error is an `{"error": ...}` answer of the planner. Fields that do not apply are empty (strings)
// or nil (numbers). Failures of the runtime itself (a trap, a cancelled context) are other errors.
type Error struct {
	Code string `json:"code"`
	// File is the Document.Name the error is in.
	File string `json:"file"`
	// Document is the 0-based index of the YAML document inside File.
	Document *int   `json:"document"`
	Object   string `json:"object"`
	Path     string `json:"path"`
	// Line and Column are 1-based positions in File.
	Line    *int   `json:"line"`
	Column  *int   `json:"column"`
	Message string `json:"message"`
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("dsplan: ")
	b.WriteString(e.Code)
	if e.File != "" {
		b.WriteString(": ")
		b.WriteString(e.File)
		if e.Line != nil {
			fmt.Fprintf(&b, ":%d", *e.Line)
			if e.Column != nil {
				fmt.Fprintf(&b, ":%d", *e.Column)
			}
		}
	}
	if e.Object != "" {
		b.WriteString(": ")
		b.WriteString(e.Object)
	}
	if e.Path != "" {
		b.WriteString(": ")
		b.WriteString(e.Path)
	}
	b.WriteString(": ")
	b.WriteString(e.Message)
	return b.String()
}
